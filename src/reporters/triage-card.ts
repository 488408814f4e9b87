import { Chalk } from 'chalk';
import type { Duplicate } from '../core/text/similarity.js';
import type { Decision, ScoredRequest, ScoringModel } from '../core/types.js';
import {
  decisionLabel,
  describeAskers,
  escapeControls,
  formatMoney,
  formatRequestScore,
  formatScore,
  horizonLabel,
  requestName,
  segmentsOf,
  truncate,
} from './words/format.js';

export interface TriageCardOptions {
  color: boolean;
  /** Place in this session's queue and the queue's length. */
  index: number;
  count: number;
  place: number;
  total: number;
  /** What triage could unlock (weighted models); a framework has none. */
  potential?: number;
  model: Pick<ScoringModel, 'kind'>;
  currency?: string;
  duplicates: Duplicate<ScoredRequest>[];
}

/** What the PM sees before answering about one request. */
export function renderTriageCard(request: ScoredRequest, options: TriageCardOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const money = (value: number | undefined) => formatMoney(value, options.currency);
  const accounts = [...request.accounts].sort((a, b) => (b.dealValue ?? -1) - (a.dealValue ?? -1));
  const mark = decisionLabel(request);
  const horizon = request.horizon === undefined && request.decision?.horizon === undefined ? '' : ` · ${horizonLabel(request)}`;
  const answers = listAnswers(request.decision ?? {});
  const lines = [
    chalk.bold(`[${options.index}/${options.count}] ${escapeControls(requestName(request))}${mark ? ` [${mark}]` : ''}`),
    `  score      ${describeScore(request, options)} · #${options.place} of ${options.total}${horizon}`,
    ...(request.explanation === undefined ? [] : [`  formula    ${request.explanation}`]),
    `  deal value ${money(request.dealValue)} from ${describeAskers(request)}`,
    ...accounts.map((a) => `    ${escapeControls(a.name)} ${chalk.dim(money(a.dealValue))}`),
    ...(request.unattributed
      ? [`    ${request.unattributed.mentions} unattributed ${chalk.dim(money(request.unattributed.dealValue))}`]
      : []),
    `  segments   ${escapeControls(segmentsOf(request).join(', ')) || '—'}`,
    ...(request.texts.notes ?? []).map((note) => `  ${chalk.dim('note')}       ${truncate(note, 100)}`),
    ...(answers.length > 0 ? [`  answered   ${truncate(answers.join(' · '), 200)}`] : []),
    ...options.duplicates.map((d) =>
      chalk.yellow(`  maybe same as ${escapeControls(`${d.request.id} ${d.request.title}`)} (${Math.round(d.similarity * 100)}% similar)`),
    ),
  ];
  return `\n${lines.join('\n')}\n`;
}

/** "62.5 (could reach 80.0)" for weighted criteria; "RICE 675" for a framework, whose formula follows on its own line. */
function describeScore(request: ScoredRequest, options: TriageCardOptions): string {
  const { model, potential } = options;
  if (model.kind !== 'weighted') return `${model.kind.toUpperCase()} ${formatRequestScore(request, model)}`;
  return `${formatScore(request.score, model)}${potential === undefined ? '' : ` (could reach ${formatScore(potential, model)})`}`;
}

/** The answers a resumed request already has, so the PM sees what the skipped questions hold. */
function listAnswers(decision: Decision): string[] {
  return [
    ...(decision.mergeInto === undefined ? [] : [`merged into ${decision.mergeInto}`]),
    ...(decision.distinctFrom?.length ? [`not the same as ${decision.distinctFrom.join(', ')}`] : []),
    ...Object.entries(decision.values ?? {}).map(([field, value]) => `${field} ${value}`),
    ...(decision.decision === undefined ? [] : [decision.reason ? `${decision.decision}: ${decision.reason}` : decision.decision]),
    ...(decision.decision === undefined && decision.reason ? [`reason: ${decision.reason}`] : []),
    ...(decision.horizon === undefined ? [] : [`horizon ${decision.horizon}`]),
  ];
}
