import { resolve } from 'node:path';
import type { Config } from '../../core/config/schema.js';
import { KINDS_NEEDING_REASON } from '../../core/decisions/kinds.js';
import type { Decisions } from '../../core/decisions/schema.js';
import {
  findDecisionKey,
  mergeAnswer,
  readField,
  withFields,
  type DecisionAnswer,
  type DecisionConflict,
  type DecisionField,
  type DecisionFields,
  type FieldValue,
} from '../../core/decisions/merge.js';
import { foldText } from '../../core/text/folding.js';
import { redecide, type TriageSelection } from '../../core/analysis/triage.js';
import type { Decision, ScoredRequest, ScoringModel } from '../../core/types.js';
import { loadDecisions } from '../../input/load-decisions.js';
import { SAVE_LOCK_WAIT_MS, withSaveLock, type LockHolder } from '../../output/decisions-lock.js';
import { writeDecisions } from '../../output/write-decisions.js';
import { chooseOne, QUIT } from '../../prompts/index.js';
import { formatScore } from '../../reporters/words/format.js';
import type { CommandContext } from '../../context.js';

export interface Session {
  /** The decisions file as the user named it, for messages. */
  path: string;
  model: ScoringModel;
  config: Config;
  /** Currency of deal values, as the export was read. */
  currency: string | undefined;
  requests: ScoredRequest[];
  /** The file as this session last read or wrote it: the base of every three-way merge. */
  base: Decisions;
  only: TriageSelection;
  stamp: { date: string; decider: string };
  context: CommandContext;
  answers: number;
}

/** What taking an answer back restores: its fields' earlier values, and the ranking from before it. */
export interface Undo {
  id: string;
  fields: DecisionFields;
  /** The values the answer wrote: what the file must still hold for the undo to go through unasked. */
  written: DecisionFields;
  requests: ScoredRequest[];
}

export function findRequest(session: Session, id: string): ScoredRequest | undefined {
  return session.requests.find((r) => foldText(r.id) === foldText(id));
}

/** The request's entry in the file as last read. */
export function decisionOf(session: Session, id: string): Decision {
  return session.base[findDecisionKey(session.base, id) ?? id] ?? {};
}

/** Reads the file again and re-scores the requests another session or a hand edit changed. */
export async function refresh(session: Session): Promise<void> {
  const fresh = await readDecisions(session);
  for (const key of new Set([...Object.keys(fresh), ...Object.keys(session.base)])) {
    if (JSON.stringify(fresh[key]) === JSON.stringify(session.base[key]) || !findRequest(session, key)) continue;
    session.requests = redecide(session.requests, key, fresh[key] ?? {}, session.model).requests;
  }
  session.base = fresh;
}

/**
 * Saves one answer by three-way merge with the file as it is now, so answers of
 * other sessions and hand edits survive. A field changed meanwhile is shown with
 * both values and the PM chooses. Returns how to undo it, undefined when nothing
 * was saved, or QUIT.
 */
export async function saveAnswer(session: Session, id: string, fields: DecisionFields): Promise<Undo | undefined | typeof QUIT> {
  const requests = session.requests;
  const written = await writeMerged(session, id, fields);
  if (written === undefined || written === QUIT) return written;
  session.answers += 1;
  const { changed, place, requests: rescored } = redecide(requests, id, written.entry, session.model);
  session.requests = rescored;
  const what = written.entry.mergeInto === undefined ? '' : `merged into ${changed.id}; it `;
  session.context.stdout.write(
    `  saved · ${what}scores ${formatScore(changed.score, session.model)}, now #${place} of ${rescored.length}\n`,
  );
  return { id, fields: written.before, written: written.after, requests };
}

/** Takes an answer back: its fields return to what they were before it, unless someone changed them since (then the PM chooses). */
export async function undoAnswer(session: Session, undo: Undo): Promise<typeof QUIT | undefined> {
  // Merged against what this answer wrote, not the file as last read: a value someone set over it since is theirs to keep.
  const written = await writeMerged(session, undo.id, undo.fields, { [undo.id]: withFields({}, undo.written) });
  if (written === undefined || written === QUIT) return written;
  session.answers -= 1;
  session.requests = undo.requests;
  session.context.stdout.write(`  undone · ${describeFields(undo.fields)}\n`);
  return undefined;
}

/** What one save wrote: the entry now, and the answered fields' values before and after it. */
interface Written {
  entry: Decision;
  before: DecisionFields;
  after: DecisionFields;
}

/** Merges, asks about conflicts, merges again with what the PM chose, and writes once nothing conflicts. */
async function writeMerged(
  session: Session,
  id: string,
  fields: DecisionFields,
  base = session.base,
): Promise<Written | undefined | typeof QUIT> {
  let answer = { id, fields, stamp: session.stamp };
  for (;;) {
    const saved = await withSaveLock(resolve(session.context.cwd, session.path), session.stamp.decider, () =>
      mergeAndWrite(session, base, answer),
    );
    if (!saved.isDone) {
      const choice = await askToSaveAgain(session, saved.heldBy);
      if (choice === 'again') continue;
      return choice;
    }
    if (!saved.value || !('conflicts' in saved.value)) return saved.value;
    const { conflicts, theirs, key } = saved.value;
    const kept = await chooseConflicts(session, conflicts, theirs[key] ?? {});
    if (kept === QUIT) return QUIT;
    [session.base, base] = [theirs, theirs]; // the PM has now seen the file as it is
    const remaining = Object.entries(answer.fields).filter(([field]) => !conflicts.some((c) => c.field === field && !kept.has(c.field)));
    if (remaining.length === 0) {
      session.context.stdout.write(`  not saved · the file's value kept\n`);
      return undefined;
    }
    answer = { ...answer, fields: Object.fromEntries(remaining) };
  }
}

/**
 * One save, run while no other process saves the file: the file now merged with
 * the answer and written, unless a field conflicts (nothing written then) or the
 * merge would leave a decision without its required reason.
 */
async function mergeAndWrite(
  session: Session,
  base: Decisions,
  answer: DecisionAnswer,
): Promise<Written | undefined | { conflicts: DecisionConflict[]; theirs: Decisions; key: string }> {
  const theirs = await readDecisions(session);
  const { merged, conflicts, key } = mergeAnswer(base, theirs, answer);
  if (conflicts.length > 0) return { conflicts, theirs, key };
  const entry = merged[key] ?? {};
  if (isMissingReason(entry)) {
    // Reachable by :back after someone removed the reason: a file the loader would refuse is never written.
    session.context.stdout.write(`  not saved: a reason is required for ${entry.decision}, and ${key} has none in ${session.path} now\n`);
    return undefined;
  }
  await writeDecisions(resolve(session.context.cwd, session.path), merged);
  session.base = merged;
  return { entry, before: pickFields(theirs[key] ?? {}, answer.fields), after: pickFields(entry, answer.fields) };
}

/** Another process has held the save lock for the whole wait: the answer stays in memory until the PM says what to do. */
async function askToSaveAgain(session: Session, heldBy: LockHolder | undefined): Promise<'again' | undefined | typeof QUIT> {
  const who = heldBy ? `${heldBy.decider} (pid ${heldBy.pid} on ${heldBy.host}, since ${heldBy.started})` : 'another process';
  const waited = SAVE_LOCK_WAIT_MS / 1000;
  session.context.stdout.write(`  not saved yet: ${who} has been saving ${session.path} for over ${waited} s; your answer is kept\n`);
  const choice = await chooseOne(
    'Save this answer?',
    [
      { name: 'try again', value: 'again' as const },
      { name: 'leave it unsaved and go on', value: 'unsaved' as const },
    ],
    undefined,
    { isQuitOnly: true },
  );
  if (choice === 'again' || choice === QUIT) return choice;
  session.context.stdout.write('  not saved · left unsaved\n');
  return undefined;
}

/** The conflicting fields for which the PM keeps this session's answer over the file's. */
async function chooseConflicts(
  session: Session,
  conflicts: DecisionConflict[],
  theirs: Decision,
): Promise<Set<DecisionField> | typeof QUIT> {
  const kept = new Set<DecisionField>();
  const who = theirs.decider && theirs.decider !== session.stamp.decider ? ` by ${theirs.decider}` : '';
  for (const c of conflicts) {
    session.context.stdout.write(
      `  ${session.path} changed${who} meanwhile: ${c.id} ${c.field} is now ${formatValue(c.theirs)} there, yours is ${formatValue(c.ours)}\n`,
    );
    const choices = [
      { name: `${formatValue(c.theirs)} (the file's)`, value: 'theirs' },
      { name: `${formatValue(c.ours)} (yours)`, value: 'ours' },
    ];
    const choice = await chooseOne(`Keep which ${c.field} for ${c.id}?`, choices, undefined, { isQuitOnly: true });
    if (choice === QUIT) return QUIT;
    if (choice === 'ours') kept.add(c.field);
  }
  return kept;
}

function isMissingReason(decision: Decision): boolean {
  return decision.decision !== undefined && KINDS_NEEDING_REASON.includes(decision.decision) && !decision.reason;
}

/** The decision's values of the answered fields. */
function pickFields(decision: Decision, fields: DecisionFields): DecisionFields {
  return Object.fromEntries(Object.keys(fields).map((field) => [field, readField(decision, field as DecisionField)]));
}

function describeFields(fields: DecisionFields): string {
  return Object.entries(fields)
    .map(([field, value]) => `${field} back to ${formatValue(value)}`)
    .join(', ');
}

function formatValue(value: FieldValue): string {
  if (value === undefined) return '(none)';
  return Array.isArray(value) ? value.join(', ') || '(none)' : String(value);
}

/** The file now; a hand edit that broke it stops the session rather than be written over. */
async function readDecisions(session: Session): Promise<Decisions> {
  const loaded = await loadDecisions(session.path, session.context.cwd, { isMissingOk: true });
  return loaded.decisions;
}
