import { dirname, join, resolve } from 'node:path';
import type { DecisionFields } from '../../core/decisions/merge.js';
import { findPlace, isTriaged, potentialScore, triageQueue, type TriageSelection } from '../../core/analysis/triage.js';
import type { RankedRequest, ScoredRequest, ScoringModel } from '../../core/types.js';
import { CancelledError, ExitCode, UsageError } from '../../errors.js';
import { loadConfig } from '../../input/load-config.js';
import { loadDecisions } from '../../input/load-decisions.js';
import { lockDecisions, type DecisionsLock, type LockHolder } from '../../output/decisions-lock.js';
import { assertNotAnInput } from '../../output/write-atomic.js';
import { BACK, QUIT, SKIP } from '../../prompts/index.js';
import { renderDiagnostics } from '../../reporters/diagnostics.js';
import { renderTriageCard } from '../../reporters/triage-card.js';
import type { CommandContext } from '../context.js';
import { rankExport, type PipelineOptions } from '../../pipeline/read-inputs.js';
import { decisionOf, findRequest, refresh, saveAnswer, undoAnswer, type Session, type Undo } from './session.js';
import { listDuplicates, listSteps } from './steps.js';

export interface TriageOptions extends PipelineOptions {
  /** Default: decisions.yaml beside the export. */
  decisions?: string;
  only: TriageSelection;
  /** stdin and stdout are terminals and CI is unset. */
  isInteractive: boolean;
  decider: string;
  /** YYYY-MM-DD stamped on each decision. */
  today: string;
}

/** pm-rank triage: walk untriaged requests, save each answer to decisions.yaml as soon as it is given. */
export async function runTriage(file: string, options: TriageOptions, context: CommandContext): Promise<ExitCode> {
  if (!options.isInteractive) {
    throw new UsageError(
      'triage asks questions, so it needs an interactive terminal (not CI, not a pipe); run it in a terminal, or edit decisions.yaml by hand and pass it to score --decisions',
    );
  }
  if (file === '-')
    throw new UsageError('triage reads the export from a file, since the terminal answers its questions; pass the CSV path instead of -');
  const path = options.decisions ?? join(dirname(file), 'decisions.yaml');
  assertNotAnInput(path, [file, options.config], context.cwd, '--decisions');
  const { decisions } = await loadDecisions(path, context.cwd, { isMissingOk: true });
  const loaded = await loadConfig(options.config, context.cwd);
  const report = await rankExport(loaded, file, { ...options, textFields: ['notes'] }, context, { path, decisions });
  context.stderr.write(renderDiagnostics(report.issues, { color: context.isColor }));
  const decisive = await findDecisiveInputs(report.ranked, loaded.model, report.asOf);
  const { queue, missing } = triageQueue(report.ranked, loaded.model, options.only, decisive.byRequest);
  if (missing.length > 0) throw new UsageError(`--only: ${missing.join(', ')} not found in ${file}`);
  if (queue.length === 0) {
    context.stdout.write(`Nothing to triage: every request in ${file} has a decision in ${path}. Use --only all to revisit them.\n`);
    return ExitCode.ok;
  }
  const session: Session = {
    path,
    model: loaded.model,
    config: loaded.config,
    currency: report.summary.currency,
    requests: report.ranked,
    base: decisions,
    only: options.only,
    stamp: { date: options.today, decider: options.decider },
    context,
    answers: 0,
  };
  if (decisive.first) context.stdout.write(decisive.first);
  const lock = await lockDecisions(resolve(context.cwd, path), options.decider);
  if (lock.other) context.stdout.write(describeOtherSession(lock.other, path));
  try {
    await walkQueue(session, queue, lock);
  } catch (error) {
    if (error instanceof CancelledError) context.stderr.write(describeSaved(session));
    throw error;
  } finally {
    await lock.release();
  }
  context.stdout.write(describeSaved(session));
  return ExitCode.ok;
}

/** Triage samples far less than score --uncertainty: enough to tell which input decides most. */
const TRIAGE_SAMPLES = 2_000;

/**
 * When some values are ranges: how much each request's most decisive range decides the top 10,
 * so triage asks those first (value of information), and a line saying which comes first.
 */
async function findDecisiveInputs(
  ranked: readonly RankedRequest[],
  model: ScoringModel,
  asOf: number | undefined,
): Promise<{ byRequest: Map<string, number>; first?: string }> {
  if (!ranked.some((r) => r.ranges)) return { byRequest: new Map() };
  const { studyUncertainty, UNCERTAINTY_DEFAULTS } = await import('../../core/analysis/uncertainty.js');
  const options = { top: UNCERTAINTY_DEFAULTS.top, samples: TRIAGE_SAMPLES, seed: UNCERTAINTY_DEFAULTS.seed };
  const { inputs } = studyUncertainty(ranked, model, options, asOf);
  const byRequest = new Map<string, number>();
  for (const input of inputs) byRequest.set(input.id, Math.max(byRequest.get(input.id) ?? 0, input.decisiveness));
  const top = inputs[0];
  const first =
    top && top.decisiveness > 0
      ? `Resolving first: ${top.id} ${top.field} ${top.text}, the uncertain value that most decides the top ${options.top}.\n`
      : undefined;
  return { byRequest, ...(first ? { first } : {}) };
}

function describeOtherSession(other: LockHolder, path: string): string {
  return `${other.decider} is also triaging ${path} (pid ${other.pid} on ${other.host}, since ${other.started}); go on: every answer is merged into the file field by field.\n`;
}

function describeSaved(session: Session): string {
  const answers = session.answers === 1 ? '1 answer' : `${session.answers} answers`;
  return `${answers} saved to ${session.path}; run triage again to continue where you stopped.\n`;
}

/** Where the walk is: the request in the queue and the question about it. */
interface Place {
  index: number;
  step: number;
}

/** A question asked, and how to undo its answer when the PM goes back. */
interface Asked extends Place {
  undo?: Undo;
}

/** Asks question after question, request after request; :back returns to the last one asked (across requests) and undoes its answer. */
async function walkQueue(session: Session, queue: readonly ScoredRequest[], lock: DecisionsLock): Promise<void> {
  const steps = listSteps(session.model);
  const history: Asked[] = [];
  let at: Place = { index: 0, step: 0 };
  let [isReturning, shown] = [false, -1];
  while (at.index < queue.length) {
    await lock.keep();
    await refresh(session);
    const request = findRequest(session, queue[at.index]!.id);
    if (at.step >= steps.length || !request || (at.step === 0 && !isReturning && isSettledMeanwhile(session, request, at.index, shown))) {
      at = { index: at.index + 1, step: 0 };
      continue;
    }
    if (shown !== at.index) session.context.stdout.write(renderCard(session, request, at.index + 1, queue.length));
    shown = at.index;
    const current = decisionOf(session, request.id);
    if (!isReturning && session.only === 'untriaged' && steps[at.step]!.isAnswered(current)) {
      at = { ...at, step: at.step + 1 };
      continue;
    }
    const answer = await steps[at.step]!.ask(session, request, current);
    isReturning = answer === BACK;
    const next = answer === BACK ? await goBack(session, history, at) : await recordAnswer(session, request.id, answer, at, history);
    if (next === QUIT) return;
    at = next;
  }
}

/** Saves an answer (a skip saves nothing, but :back returns to it too) and says where the walk goes next. */
async function recordAnswer(
  session: Session,
  id: string,
  answer: DecisionFields | typeof SKIP | typeof QUIT | undefined,
  at: Place,
  history: Asked[],
): Promise<Place | typeof QUIT> {
  if (answer === QUIT) return QUIT;
  if (answer === undefined) return { ...at, step: at.step + 1 }; // nothing to ask
  const undo = answer === SKIP ? undefined : await saveAnswer(session, id, answer);
  if (undo === QUIT) return QUIT;
  history.push({ ...at, ...(undo ? { undo } : {}) });
  const isMerged = answer !== SKIP && answer.mergeInto !== undefined;
  return isMerged ? { index: at.index + 1, step: 0 } : { ...at, step: at.step + 1 };
}

/** The last question asked, its answer taken back out of the file; the current one again when there is none. */
async function goBack(session: Session, history: Asked[], at: Place): Promise<Place | typeof QUIT> {
  const last = history.pop();
  if (!last) {
    session.context.stdout.write('  nothing to go back to: this is the first question\n');
    return at;
  }
  if (last.undo && (await undoAnswer(session, last.undo)) === QUIT) return QUIT;
  return { index: last.index, step: last.step };
}

/** In an untriaged walk, a request decided since the walk began (another session, a hand edit) is passed over, once said. */
function isSettledMeanwhile(session: Session, request: ScoredRequest, index: number, shown: number): boolean {
  if (session.only !== 'untriaged' || index === shown || !isTriaged(request)) return false;
  const by = decisionOf(session, request.id).decider;
  session.context.stdout.write(`\n${request.id} was decided meanwhile${by ? ` by ${by}` : ''}; passed over.\n`);
  return true;
}

function renderCard(session: Session, request: ScoredRequest, index: number, count: number): string {
  return renderTriageCard(request, {
    color: session.context.isColor,
    index,
    count,
    place: findPlace(request, session.requests),
    total: session.requests.length,
    potential: potentialScore(request, session.model),
    duplicates: listDuplicates(session, request),
    ...(session.currency === undefined ? {} : { currency: session.currency }),
  });
}
