import Table from 'cli-table3';
import type { PlanSequence } from '../core/analysis/cost-of-delay.js';
import { sumOf, type LeftOut, type Plan, type PlanEntry } from '../core/analysis/plan.js';
import type { ScoringModel } from '../core/types.js';
import { formatMoney, formatScore, requestName, truncate } from './words/format.js';
import { escapeMarkdown as md, renderMarkdownTable } from './markdown/text.js';

export interface PlanView {
  plan: Plan;
  source: string;
  model: Pick<ScoringModel, 'kind'>;
  currency?: string;
  /** The plan in CD3 order, with --order cd3. */
  sequence?: PlanSequence;
}

const TABLE_STYLE = { style: { head: [], border: [] }, chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' } };

export type PlanFormat = 'text' | 'markdown' | 'json';

export const PLAN_REPORTERS: Readonly<Record<PlanFormat, (view: PlanView) => string>> = {
  text: renderPlanText,
  markdown: renderPlanMarkdown,
  json: renderPlanJson,
};

/** The numbers every format states: both choices' size and value, and where they differ. */
function summarize({ plan }: PlanView) {
  const free = Math.max(0, plan.capacity - sumOf(plan.committed, 'size'));
  const inPlan = new Set(plan.chosen.map((e) => e.request));
  const inGreedy = new Set(plan.greedy.map((e) => e.request));
  const reasons = new Map<LeftOut['kind'], number>();
  for (const { kind } of plan.leftOut) reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  return {
    free,
    value: sumOf(plan.chosen, 'value'),
    greedyValue: sumOf(plan.greedy, 'value'),
    onlyInPlan: plan.chosen.filter((e) => !inGreedy.has(e.request)),
    onlyInGreedy: plan.greedy.filter((e) => !inPlan.has(e.request)),
    leftOut: [...reasons].map(([kind, count]) => `${count} ${LEFT_OUT_WORDS[kind]}`).join(', '),
  };
}

const LEFT_OUT_WORDS: Record<LeftOut['kind'], string> = {
  shipped: 'shipped',
  'not planned': 'not planned',
  deferred: 'deferred',
  'cannot be scored': 'that cannot be scored',
  'no size': 'with no size',
  requirement: 'requiring what cannot be planned',
};

/** A total in the objective's unit: score points, or money. */
function formatAmount(value: number, view: PlanView): string {
  return view.plan.objective === 'deal_value' ? formatMoney(value, view.currency) : formatScore(value, view.model);
}

function formatValue(value: number, view: PlanView): string {
  return view.plan.objective === 'deal_value' ? `deal value ${formatAmount(value, view)}` : `score ${formatAmount(value, view)}`;
}

function planTitle(plan: Plan): string {
  return plan.isProven ? 'Best plan (proven optimal)' : 'Best plan found (not proven optimal)';
}

/** "M 4", or "4" when the size was a number already. */
function sizeCell(entry: PlanEntry): string {
  return String(entry.size) === entry.sizeLabel ? entry.sizeLabel : `${entry.sizeLabel} ${entry.size}`;
}

function entryLabel(entry: PlanEntry): string {
  return `#${entry.request.rank} ${requestName(entry.request)}`;
}

function headline(view: PlanView): string {
  const { plan } = view;
  const objective = plan.objective === 'deal_value' ? 'deal value' : 'score';
  return `Plan for a capacity of ${plan.capacity} from ${view.source}, maximising ${objective}`;
}

function committedLine(view: PlanView, label: (e: PlanEntry) => string): string {
  const { committed, capacity } = view.plan;
  if (committed.length === 0) return `Nothing committed yet: all ${capacity} is free.`;
  return `Committed first: ${sumOf(committed, 'size')} of ${capacity} (${committed.map((e) => `${label(e)} ${e.size}`).join(', ')}).`;
}

function differenceLine(view: PlanView, name: (e: PlanEntry) => string): string {
  const s = summarize(view);
  const gain = s.value - s.greedyValue;
  if (s.onlyInPlan.length === 0 && s.onlyInGreedy.length === 0) return 'Taking the ranking from the top gives the same plan.';
  const swap = `it takes ${s.onlyInPlan.map(name).join(', ') || 'nothing more'} instead of ${s.onlyInGreedy.map(name).join(', ') || 'nothing'}`;
  const amount = (value: number) => formatAmount(value, view);
  const objective = view.plan.objective === 'deal_value' ? 'deal value' : 'total score';
  return `The plan is worth ${amount(gain)} more in ${objective} (${amount(s.value)} against ${amount(s.greedyValue)}): ${swap}.`;
}

/** The plan beside the ranking's top, for the terminal. */
export function renderPlanText(view: PlanView): string {
  const { plan } = view;
  const s = summarize(view);
  const table = new Table({
    head: [planTitle(plan), 'Size', 'Taking the ranking from the top', 'Size'],
    ...TABLE_STYLE,
    colAligns: ['left', 'right', 'left', 'right'],
  });
  const cell = (e: PlanEntry | undefined) => (e ? [truncate(entryLabel(e), 44), sizeCell(e)] : ['', '']);
  for (let i = 0; i < Math.max(plan.chosen.length, plan.greedy.length); i += 1)
    table.push([...cell(plan.chosen[i]), ...cell(plan.greedy[i])]);
  const total = (entries: PlanEntry[]) => [`${sumOf(entries, 'size')} of ${s.free} · ${formatValue(sumOf(entries, 'value'), view)}`, ''];
  table.push([...total(plan.chosen), ...total(plan.greedy)]);
  const lines = [headline(view), committedLine(view, (e) => e.request.id), table.toString(), differenceLine(view, (e) => e.request.id)];
  if (s.leftOut) lines.push(`Left out: ${s.leftOut} (--format markdown lists each).`);
  if (view.sequence) lines.push('', ...sequenceText(view, view.sequence));
  return `${lines.join('\n')}\n`;
}

function sequenceText(view: PlanView, sequence: PlanSequence): string[] {
  const table = new Table({
    head: ['#', 'In CD3 order', 'Weeks', 'Cost of delay / week', 'CD3', 'Done by week'],
    ...TABLE_STYLE,
    colAligns: ['right', 'left', 'right', 'right', 'right', 'right'],
  });
  sequence.jobs.forEach((job, i) => table.push([String(i + 1), truncate(requestName(job.entry.request), 44), ...sequenceCells(view, job)]));
  return [table.toString(), delayLine(view, sequence)];
}

function sequenceCells(view: PlanView, job: PlanSequence['jobs'][number]): string[] {
  const money = (value: number | undefined) => (value === undefined ? '—' : formatMoney(value, view.currency));
  return [String(job.duration), money(job.costOfDelay), money(job.cd3), String(job.finish)];
}

function delayLine(view: PlanView, sequence: PlanSequence): string {
  if (sequence.jobs.every((job) => job.costOfDelay === undefined)) {
    return 'No planned request has a deal value and a close date ahead (--as-of): without a cost of delay, the order is the ranking.';
  }
  const money = (value: number) => formatMoney(value, view.currency);
  const saved = sequence.rankOrderDelayCost - sequence.delayCost;
  return `Waiting costs ${money(sequence.delayCost)} in this order against ${money(sequence.rankOrderDelayCost)} in ranking order (${money(saved)} less). Cost of delay: deal value over the weeks to the nearest close date; — has none and goes last.`;
}

/** The plan for the roadmap review, in markdown. */
export function renderPlanMarkdown(view: PlanView): string {
  const { plan } = view;
  const s = summarize(view);
  const label = (e: PlanEntry) => md(entryLabel(e));
  const rows = Array.from({ length: Math.max(plan.chosen.length, plan.greedy.length) }, (_, i) => {
    const [a, b] = [plan.chosen[i], plan.greedy[i]];
    return [a ? label(a) : '', a ? md(sizeCell(a)) : '', b ? label(b) : '', b ? md(sizeCell(b)) : ''];
  });
  const total = (entries: PlanEntry[]) => [
    `**${sumOf(entries, 'size')} of ${s.free} · ${formatValue(sumOf(entries, 'value'), view)}**`,
    '',
  ];
  rows.push([...total(plan.chosen), ...total(plan.greedy)]);
  const sections = [
    `# ${md(headline(view))}`,
    committedLine(view, (e) => md(e.request.id)),
    renderMarkdownTable([planTitle(plan), 'Size', 'Taking the ranking from the top', 'Size'], rows, ['l', 'r', 'l', 'r']),
    differenceLine(view, (e) => md(requestName(e.request))),
  ];
  if (plan.leftOut.length > 0) {
    const leftOut = plan.leftOut.map(({ request, reason }) => [md(`#${request.rank} ${requestName(request)}`), md(reason)]);
    sections.push(`## Left out (${plan.leftOut.length})`, renderMarkdownTable(['Request', 'Why'], leftOut));
  }
  if (view.sequence) {
    const jobs = view.sequence.jobs.map((job, i) => [String(i + 1), md(requestName(job.entry.request)), ...sequenceCells(view, job)]);
    const header = ['#', 'Request', 'Weeks', 'Cost of delay / week', 'CD3', 'Done by week'];
    sections.push('## In CD3 order', renderMarkdownTable(header, jobs, ['r', 'l', 'r', 'r', 'r', 'r']), delayLine(view, view.sequence));
  }
  return `${sections.join('\n\n')}\n`;
}

/** The plan for tools: ids, sizes and values, unrounded. */
export function renderPlanJson(view: PlanView): string {
  const { plan } = view;
  const s = summarize(view);
  const entry = (e: PlanEntry) => ({ id: e.request.id, title: e.request.title, rank: e.request.rank, size: e.size, value: e.value });
  const output = {
    source: view.source,
    capacity: plan.capacity,
    objective: plan.objective,
    is_proven_optimal: plan.isProven,
    committed: plan.committed.map(entry),
    plan: plan.chosen.map(entry),
    greedy: plan.greedy.map(entry),
    value: s.value,
    greedy_value: s.greedyValue,
    difference: s.value - s.greedyValue,
    left_out: plan.leftOut.map(({ request, reason }) => ({ id: request.id, title: request.title, reason })),
    ...(view.sequence
      ? {
          cd3_order: view.sequence.jobs.map((job) => ({
            id: job.entry.request.id,
            cost_of_delay: job.costOfDelay ?? null,
            duration: job.duration,
            cd3: job.cd3 ?? null,
            finish: job.finish,
          })),
          delay_cost: view.sequence.delayCost,
          rank_order_delay_cost: view.sequence.rankOrderDelayCost,
        }
      : {}),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
