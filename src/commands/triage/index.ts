import { dirname, join, resolve } from 'node:path';
import { triageQueue, type TriageSelection } from '../../core/analysis/triage.js';
import type { RankedRequest, ScoringModel } from '../../core/types.js';
import { CancelledError, ExitCode, UsageError } from '../../errors.js';
import { loadConfig } from '../../input/load-config.js';
import { loadDecisions } from '../../input/load-decisions.js';
import { lockDecisions, type LockHolder } from '../../output/decisions-lock.js';
import { assertNotAnInput } from '../../output/write-atomic.js';
import { renderDiagnostics } from '../../reporters/diagnostics.js';
import type { CommandContext } from '../../context.js';
import { rankExport, type PipelineOptions } from '../../pipeline/read-inputs.js';
import type { Session } from './session.js';
import { walkQueue } from './walk.js';

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
