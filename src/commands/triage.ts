import { dirname, join, resolve } from 'node:path';
import { DECISION_KINDS, KINDS_NEEDING_REASON, type Decisions } from '../core/decisions.js';
import { foldText } from '../core/text.js';
import { findDuplicates } from '../core/similar.js';
import { assessedCriteria, findPlace, potentialScore, redecide, triageQueue, type TriageSelection } from '../core/triage.js';
import type { Criterion, Decision, ScoredRequest, ScoringModel } from '../core/types.js';
import { CancelledError, ExitCode, UsageError } from '../errors.js';
import type { Config } from '../core/model.js';
import { loadConfig } from '../input/load-config.js';
import { loadDecisions } from '../input/load-decisions.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { writeDecisions } from '../output/write-decisions.js';
import { askText, chooseOne, QUIT, SKIP, type Answer } from '../prompts/index.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { formatScore } from '../reporters/format.js';
import { renderTriageCard } from '../reporters/triage-card.js';
import type { CommandContext } from './context.js';
import { rankExport, type PipelineOptions } from './score.js';

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

interface Session {
  path: string;
  model: ScoringModel;
  config: Config;
  /** Currency of deal values, as the export was read. */
  currency: string | undefined;
  requests: ScoredRequest[];
  decisions: Decisions;
  options: TriageOptions;
  context: CommandContext;
  answers: number;
}

type Outcome = 'next' | 'quit';
/** Title similarity from which triage offers a merge, unless the config's triage.duplicate_threshold says otherwise. */
const DUPLICATE_THRESHOLD = 0.5;

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
    decisions,
    options,
    context,
    answers: 0,
  };
  try {
    await walkQueue(session, queue);
  } catch (error) {
    if (error instanceof CancelledError) context.stderr.write(describeSaved(session));
    throw error;
  }
  context.stdout.write(describeSaved(session));
  return ExitCode.ok;
}

async function walkQueue(session: Session, queue: readonly ScoredRequest[]): Promise<void> {
  for (const [i, queued] of queue.entries()) {
    const request = findRequest(session, queued.id);
    if (!request) continue; // merged into another earlier in this session
    session.context.stdout.write(renderCard(session, request, i + 1, queue.length));
    if ((await walkRequest(session, request)) === 'quit') return;
  }
}

function describeSaved(session: Session): string {
  const answers = session.answers === 1 ? '1 answer' : `${session.answers} answers`;
  return `${answers} saved to ${session.path}; run triage again to continue where you stopped.\n`;
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

function listDuplicates(session: Session, request: ScoredRequest) {
  return findDuplicates(request, session.requests, session.config.triage?.duplicate_threshold ?? DUPLICATE_THRESHOLD).slice(0, 5);
}

/** One question: already answered (skipped on resume), or asked, giving what to record. */
interface Step {
  isAnswered(decision: Decision): boolean;
  ask(session: Session, request: ScoredRequest, decision: Decision): Promise<Answer<Partial<Decision> | undefined>>;
}

async function walkRequest(session: Session, request: ScoredRequest): Promise<Outcome> {
  const isRevisit = session.options.only !== 'untriaged';
  for (const step of listSteps(session.model)) {
    const current = findRequest(session, request.id)?.decision ?? {};
    if (!isRevisit && step.isAnswered(current)) continue;
    const answer = await step.ask(session, request, current);
    if (answer === QUIT) return 'quit';
    if (answer === SKIP || answer === undefined) continue;
    await record(session, request.id, answer);
    if (answer.mergeInto !== undefined) return 'next';
  }
  return 'next';
}

function listSteps(model: ScoringModel): Step[] {
  return [mergeStep, ...assessedCriteria(model).map(criterionStep), decisionStep, reasonStep, horizonStep];
}

const mergeStep: Step = {
  isAnswered: (d) => d.mergeInto !== undefined,
  async ask(session, request) {
    const duplicates = listDuplicates(session, request);
    if (duplicates.length === 0) return undefined;
    const choices = [
      { name: 'no, it is a request of its own', value: undefined },
      ...duplicates.map((d) => ({ name: `merge into ${d.request.id} ${d.request.title}`, value: { mergeInto: d.request.id } })),
    ];
    return chooseOne<Partial<Decision> | undefined>('Same request as another?', choices);
  },
};

function criterionStep(criterion: Criterion): Step {
  const label = criterion.description ?? criterion.name;
  return {
    isAnswered: (d) => d.values?.[criterion.field] !== undefined,
    async ask(session, request, decision) {
      const current = decision.values?.[criterion.field] ?? request.criteria[criterion.name]?.raw;
      const answer = await askValue(session, criterion, label, current);
      if (answer === SKIP || answer === QUIT) return answer;
      return { values: { ...decision.values, [criterion.field]: answer } };
    },
  };
}

/** A criterion's value: the map's keys, the integers of a short linear scale, else a typed number. */
async function askValue(session: Session, criterion: Criterion, label: string, current: number | string | undefined) {
  const choices = listChoices(criterion, session.config);
  if (choices)
    return chooseOne<number | string>(
      `${criterion.name}: ${label}`,
      choices.map((value) => ({ name: String(value), value })),
      current,
    );
  const text = await askText(`${criterion.name}: ${label}`, {
    isRequired: false,
    ...(current === undefined ? {} : { defaultValue: String(current) }),
    validate: (t) => (Number.isFinite(Number(t)) ? undefined : `expected a number, got "${t}"`),
  });
  return typeof text === 'string' ? Number(text) : text;
}

function listChoices(criterion: Criterion, config: Config): (number | string)[] | undefined {
  const t = criterion.transform;
  // The model folds map keys for matching; offer them as the config spells them.
  if (t.kind === 'map') return Object.keys(config.criteria?.[criterion.name]?.map ?? {});
  if (t.kind !== 'linear' || !Number.isInteger(t.min) || !Number.isInteger(t.max) || t.max - t.min > 10) return undefined;
  return Array.from({ length: t.max - t.min + 1 }, (_, i) => t.min + i);
}

const decisionStep: Step = {
  isAnswered: (d) => d.decision !== undefined,
  async ask(session, _request, decision) {
    const kind = await chooseOne(
      'Decision',
      DECISION_KINDS.map((value) => ({ name: value, value })),
      decision.decision,
    );
    if (kind === SKIP || kind === QUIT) return kind;
    if (!KINDS_NEEDING_REASON.includes(kind)) return { decision: kind };
    // Saved together: a decline without its reason would be a file the loader refuses.
    const reason = await askText(`Reason for ${kind} (sales relays it)`, {
      isRequired: true,
      ...(decision.reason === undefined ? {} : { defaultValue: decision.reason }),
    });
    return typeof reason === 'string' ? { decision: kind, reason } : reason;
  },
};

const reasonStep: Step = {
  isAnswered: (d) => d.reason !== undefined || d.decision === undefined,
  async ask(session, _request, decision) {
    if (decision.decision === undefined || KINDS_NEEDING_REASON.includes(decision.decision)) return undefined;
    const reason = await askText('Reason (optional)', {
      isRequired: false,
      ...(decision.reason === undefined ? {} : { defaultValue: decision.reason }),
    });
    return typeof reason === 'string' ? { reason } : reason;
  },
};

const horizonStep: Step = {
  isAnswered: (d) => d.horizon !== undefined,
  async ask(session, request, decision) {
    if (session.model.horizons.length === 0) return undefined;
    const choices = session.model.horizons.map((h) => ({ name: h.name, value: h.name }));
    const horizon = await chooseOne('Target horizon', choices, decision.horizon ?? request.horizon);
    return typeof horizon === 'string' ? { horizon } : horizon;
  },
};

/** Saves the answer at once (atomic write), then re-scores only this request and reports its new place. */
async function record(session: Session, id: string, patch: Partial<Decision>): Promise<void> {
  // Re-read first: an edit made by hand during the session is kept, and a broken file is refused, not overwritten.
  const onDisk = await loadDecisions(session.path, session.context.cwd, { isMissingOk: true });
  const base = onDisk.exists ? onDisk.decisions : session.decisions;
  const key = Object.keys(base).find((k) => foldText(k) === foldText(id)) ?? id;
  const decision: Decision = { ...base[key], ...patch, date: session.options.today, decider: session.options.decider };
  session.decisions = { ...base, [key]: decision };
  await writeDecisions(resolve(session.context.cwd, session.path), session.decisions);
  session.answers += 1;
  const { requests, changed, place } = redecide(session.requests, id, decision, session.model);
  session.requests = requests;
  const what = decision.mergeInto === undefined ? '' : `merged into ${changed.id}; it `;
  session.context.stdout.write(`  saved · ${what}scores ${formatScore(changed.score)}, now #${place} of ${requests.length}\n`);
}

function findRequest(session: Session, id: string): ScoredRequest | undefined {
  return session.requests.find((r) => foldText(r.id) === foldText(id));
}
