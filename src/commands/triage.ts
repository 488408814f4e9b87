import { dirname, join, resolve } from 'node:path';
import { isTriaged, potentialScore, findPlace, triageQueue, type TriageSelection } from '../core/triage.js';
import type { ScoredRequest } from '../core/types.js';
import { CancelledError, ExitCode, UsageError } from '../errors.js';
import { loadConfig } from '../input/load-config.js';
import { loadDecisions } from '../input/load-decisions.js';
import { lockDecisions, type LockHolder } from '../output/decisions-lock.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { BACK, QUIT, SKIP } from '../prompts/index.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { renderTriageCard } from '../reporters/triage-card.js';
import type { CommandContext } from './context.js';
import { rankExport, type PipelineOptions } from './score.js';
import { decisionOf, findRequest, refresh, saveAnswer, undoAnswer, type Session, type Undo } from './triage/session.js';
import { listDuplicates, listSteps } from './triage/steps.js';

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
  const { queue, missing } = triageQueue(report.ranked, loaded.model, options.only);
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
  const lock = await lockDecisions(resolve(context.cwd, path), options.decider);
  if (lock.other) context.stdout.write(describeOtherSession(lock.other, path));
  try {
    await walkQueue(session, queue);
  } catch (error) {
    if (error instanceof CancelledError) context.stderr.write(describeSaved(session));
    throw error;
  } finally {
    await lock.release();
  }
  context.stdout.write(describeSaved(session));
  return ExitCode.ok;
}

function describeOtherSession(other: LockHolder, path: string): string {
  return `${other.decider} is also triaging ${path} (pid ${other.pid} on ${other.host}, since ${other.started}); go on: every answer is merged into the file field by field.\n`;
}

function describeSaved(session: Session): string {
  const answers = session.answers === 1 ? '1 answer' : `${session.answers} answers`;
  return `${answers} saved to ${session.path}; run triage again to continue where you stopped.\n`;
}

/** A question asked: where it was, and how to undo its answer when the PM goes back. */
interface Asked {
  index: number;
  step: number;
  undo?: Undo;
}

/** Asks question after question, request after request; :back returns to the last one asked (across requests) and undoes its answer. */
async function walkQueue(session: Session, queue: readonly ScoredRequest[]): Promise<void> {
  const steps = listSteps(session.model);
  const history: Asked[] = [];
  let [index, step, isReturning, shown] = [0, 0, false, -1];
  while (index < queue.length) {
    await refresh(session);
    const request = findRequest(session, queue[index]!.id);
    if (step >= steps.length || !request || (step === 0 && !isReturning && isSettledMeanwhile(session, request, index, shown))) {
      [index, step] = [index + 1, 0];
      continue;
    }
    if (shown !== index) session.context.stdout.write(renderCard(session, request, index + 1, queue.length));
    shown = index;
    const current = decisionOf(session, request.id);
    if (!isReturning && session.only === 'untriaged' && steps[step]!.isAnswered(current)) {
      step += 1;
      continue;
    }
    isReturning = false;
    const answer = await steps[step]!.ask(session, request, current);
    if (answer === QUIT) return;
    if (answer === BACK) {
      const last = history.pop();
      if (!last) session.context.stdout.write('  nothing to go back to: this is the first question\n');
      else {
        if (last.undo && (await undoAnswer(session, last.undo)) === QUIT) return;
        [index, step] = [last.index, last.step];
      }
      isReturning = true;
      continue;
    }
    if (answer === undefined) {
      step += 1;
      continue;
    }
    const undo = answer === SKIP ? undefined : await saveAnswer(session, request.id, answer);
    if (undo === QUIT) return;
    history.push({ index, step, ...(undo ? { undo } : {}) });
    const isMerged = answer !== SKIP && answer.mergeInto !== undefined;
    [index, step] = isMerged ? [index + 1, 0] : [index, step + 1];
  }
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
