import { isMoneyField } from '../../core/text/fields.js';
import type { Change, Counterfactual } from '../../core/analysis/counterfactual.js';
import {
  buildExpediteLane,
  explainContributions,
  findHoldbacks,
  placeInHorizon,
  type Contribution,
  type ExpediteLane,
} from '../../core/analysis/explain.js';
import {
  describeFrameworkFormula,
  formatFormula,
  formatNumber,
  readFrameworkInputs,
  type FormulaSymbols,
} from '../../core/scoring/frameworks.js';
import { maxPointsOf } from '../../core/scoring/weighted.js';
import type { Decision, FrameworkModel, RankedRequest, ScoringModel, WeightedModel } from '../../core/types.js';
import {
  countAskers,
  decisionHeading,
  decisionLabel,
  describeAskers,
  describeCurrency,
  formatMoney,
  formatRequestScore,
  formatScore,
  horizonLabel,
  plural,
} from '../words/format.js';
import { renderQuadrant } from './quadrant.js';
import { describeShortfall, describeValue as describeMet } from '../words/conditions.js';
import { renderUncertainty } from './uncertainty.js';
import { escapeMarkdown as md, renderMarkdownTable, requestLabel, shieldDollars } from './text.js';
import type { RankingReport } from '../../core/ranking.js';

/** The PM report's data: the ranking, and each request's counterfactuals by id (findCounterfactualsByRequest). */
export interface PmReport extends RankingReport {
  counterfactuals: ReadonlyMap<string, Counterfactual[]>;
}

/** What the report command passes to the markdown reporters. */
export interface MarkdownOptions {
  /** Requests shown in full; the rest go under a collapsed <details>. */
  top: number;
  /** The date the report is for (YYYY-MM-DD), given so reports are reproducible. */
  date: string;
}

/** The PM's justification report: summary, value vs effort, expedite lane, one section per request. */
export function renderPmReport(report: PmReport, options: MarkdownOptions): string {
  const lane = buildExpediteLane(report.ranked, report.model);
  const sections = [
    renderSummary(report, lane, options),
    ...(report.uncertainty ? [renderUncertainty(report.ranked, report.uncertainty)] : []),
    renderQuadrant(report, options.top),
    renderExpediteLane(report, lane),
    renderRequests(report, options),
  ];
  // Amounts from formatMoney carry dollars too; the chart has none, so the whole document can be shielded.
  return `${shieldDollars(sections.join('\n\n'))}\n`;
}

function renderSummary(report: RankingReport, lane: ExpediteLane<RankedRequest>, options: MarkdownOptions): string {
  const { summary, ranked, model } = report;
  const currency = describeCurrency(summary);
  const horizons = model.horizons.map((h) => {
    const band = h.min_score === undefined ? md(h.name) : `${md(h.name)} ≥ ${h.min_score}`;
    return `${band}: ${ranked.filter((r) => r.horizon === h.name).length}`;
  });
  const top = ranked.slice(0, options.top);
  const topTable = renderMarkdownTable(
    ['#', 'Request', scoreName(model), 'Horizon', 'Deal value', 'Accounts', 'Escalation'],
    top.map((r) => [
      String(r.rank),
      labelWithMark(r),
      formatRequestScore(r, model),
      md(horizonLabel(r)),
      formatMoney(r.dealValue, summary.currency),
      countAskers(r),
      r.escalations.map(md).join(', '),
    ]),
    ['r', 'l', 'r', 'l', 'r', 'r', 'l'],
  );
  return [
    '# Feature request report',
    [
      `- **Date:** ${md(options.date)}`,
      `- **Source:** ${md(summary.source)}: ${plural(summary.rows, 'row')}, ${plural(ranked.length, 'request')}`,
      `- **Model:** ${md(report.configSource)}`,
      ...(currency ? [`- **Deal values in:** ${md(currency)}`] : []),
      ...(horizons.length > 0 ? [`- **Horizons:** ${horizons.join(' · ')}`] : []),
      `- **Expedite lane:** ${plural(countRequests(lane.met), 'request')} meeting an escalation rule, ${plural(countRequests(lane.nearMisses), 'request')} one condition short`,
    ].join('\n'),
    '## Model',
    describeModel(model),
    `## Top ${top.length}`,
    topTable,
  ].join('\n\n');
}

/** Operators as a reader writes them, for a framework's formula in a report. */
const REPORT_SYMBOLS: FormulaSymbols = { times: '×', divide: '÷' };

/** "Score" for weighted criteria (0-100); a framework's name for its own unit. */
function scoreName(model: ScoringModel): string {
  return model.kind === 'weighted' ? 'Score' : model.kind.toUpperCase();
}

/** The criteria with their weights and maximum points, or the framework's formula and unit. */
function describeModel(model: ScoringModel): string {
  if (model.kind === 'weighted') {
    return renderMarkdownTable(
      ['Criterion', 'Field', 'Weight', 'Max points', 'Description'],
      model.criteria.map((c) => [md(c.name), md(c.field), String(c.weight), formatScore(maxPointsOf(c, model)), md(c.description ?? '')]),
      ['l', 'l', 'r', 'r', 'l'],
    );
  }
  const name = model.kind.toUpperCase();
  return [
    `${describeFrameworkFormula(model, REPORT_SYMBOLS)}.`,
    `Scores are in ${name}'s own unit, with no maximum: compare them with each other, not with 100. A request missing an input cannot be scored and ranks last.`,
  ].join(' ');
}

function countRequests(entries: readonly { request: unknown }[]): number {
  return new Set(entries.map((e) => e.request)).size;
}

/** The label with the PM's decision, as "FR-101 SSO via Okta [declined]". */
function labelWithMark(request: RankedRequest): string {
  const decision = decisionLabel(request);
  return decision ? `${requestLabel(request)} ${md(`[${decision}]`)}` : requestLabel(request);
}

function renderExpediteLane(report: RankingReport, lane: ExpediteLane<RankedRequest>): string {
  if (report.model.escalation.length === 0) return '## Expedite lane\n\nThe model has no escalation rules.';
  const words = { model: report.model, ...(report.summary.currency ? { currency: report.summary.currency } : {}) };
  const met = lane.met.map(
    ({ request, check }) =>
      `- ${requestLabel(request)} meets **${md(check.rule.name)}**: ${check.checks.map((c) => describeMet(c, words)).join('; ')}`,
  );
  const near = lane.nearMisses.map(({ request, check }) => {
    const missing = check.checks.find((c) => !c.holds);
    const held = check.checks.filter((c) => c.holds).map((c) => describeMet(c, words));
    return `- ${requestLabel(request)} is one condition short of **${md(check.rule.name)}**: ${describeShortfall(missing!, words)}${held.length > 0 ? `; meets ${held.join('; ')}` : ''}`;
  });
  return [
    '## Expedite lane',
    'Requests that meet every condition of an escalation rule, whatever their score:',
    met.length > 0 ? met.join('\n') : 'None.',
    'Requests one condition short of a rule:',
    near.length > 0 ? near.join('\n') : 'None.',
  ].join('\n\n');
}

function renderRequests(report: PmReport, options: MarkdownOptions): string {
  const top = report.ranked.slice(0, options.top);
  const rest = report.ranked.slice(options.top);
  const sections = ['## Requests', ...top.map((r) => renderRequest(r, report))];
  if (rest.length > 0) {
    const first = rest[0]!.rank;
    const last = rest.at(-1)!.rank;
    sections.push(
      `<details>\n<summary>${plural(rest.length, 'more request')} (${first === last ? `rank ${first}` : `ranks ${first}–${last}`})</summary>`,
      ...rest.map((r) => renderRequest(r, report)),
      '</details>',
    );
  }
  return sections.join('\n\n');
}

function renderRequest(request: RankedRequest, report: PmReport): string {
  const currency = report.summary.currency;
  const facts = [
    `**${scoreName(report.model)} ${formatRequestScore(request, report.model)}**`,
    ...(request.horizon === undefined ? [] : [`**${md(request.horizon)}**`]),
    describeAskers(request),
    formatMoney(request.dealValue, currency),
    ...(request.status === undefined ? [] : [`status ${md(request.status)}`]),
    ...request.escalations.map((e) => `⚑ ${md(e)}`),
  ];
  const accounts = request.accounts.map(
    (a) => `${md(a.name)}${a.dealValue === undefined ? '' : ` (${formatMoney(a.dealValue, currency)})`}`,
  );
  const bullets = [
    `- **Accounts:** ${accounts.join(', ') || 'none named'}`,
    ...describeUnattributed(request, currency),
    ...describeHorizon(request, report),
    ...(report.model.kind === 'weighted' ? [`- **Holds it back:** ${describeHoldbacks(request, report.model, currency)}`] : []),
    ...describeCounterfactuals(report.counterfactuals.get(request.id) ?? [], report.model, currency),
    ...(request.decision ? [describeDecision(request.decision)] : []),
  ];
  return [
    `### ${request.rank}. ${labelWithMark(request)}`,
    facts.join(' · '),
    report.model.kind === 'weighted' ? renderContributions(request, report.model, currency) : renderFormula(request, report.model),
    bullets.join('\n'),
  ].join('\n\n');
}

/** "**RICE:** 800 = 800 reach × 2 impact × 50% ÷ 1 person-month", or what input it lacks. */
function renderFormula(request: RankedRequest, model: FrameworkModel): string {
  const name = model.kind.toUpperCase();
  if (request.unscorable !== undefined) return `**${name}:** cannot be scored: ${md(request.unscorable)}, so it ranks last.`;
  const values = readFrameworkInputs(model, request);
  return `**${name}:** ${formatNumber(request.score)} = ${md(formatFormula(model, (f) => values.get(f)!, REPORT_SYMBOLS))}`;
}

function renderContributions(request: RankedRequest, model: WeightedModel, currency: string | undefined): string {
  const contributions = explainContributions(request, model);
  const shown = roundToTotal(
    contributions.map((c) => c.score.points),
    Number(formatScore(request.score)),
  );
  const rows = contributions.map((c, i) => [
    md(c.criterion),
    describeValue(c, request, model, currency),
    `${shown[i]!.toFixed(1)} of ${formatScore(c.maxPoints)}`,
  ]);
  rows.push(['**Total**', '', `**${formatScore(request.score)} of 100**`]);
  return renderMarkdownTable(['Criterion', 'Value', 'Points'], rows, ['l', 'l', 'r']);
}

/**
 * Rounds each value to one decimal so that the rounded values add up to the
 * rounded total (largest remainder), so a reader's sum matches the score shown.
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const tenths = values.map((v) => v * 10);
  const floors = tenths.map(Math.floor);
  let remaining = Math.round(total * 10) - floors.reduce((a, b) => a + b, 0);
  const order = tenths.map((t, i) => ({ i, rest: t - Math.floor(t) })).sort((a, b) => b.rest - a.rest);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i]! += 1;
    remaining -= 1;
  }
  return floors.map((f) => f / 10);
}

/** The rows that name no account, apart from the accounts: what they add, and that no customer is counted for them. */
function describeUnattributed(request: RankedRequest, currency: string | undefined): string[] {
  const { unattributed } = request;
  if (!unattributed) return [];
  const deal = unattributed.dealValue === undefined ? '' : ` (${formatMoney(unattributed.dealValue, currency)} in deal value)`;
  return [`- **Unattributed:** ${plural(unattributed.mentions, 'row')} naming no account${deal}, not counted as customers`];
}

/** "$1.2M across 4 accounts", "XL", "4", or "not set (scored as 0.5)". */
function describeValue(c: Contribution, request: RankedRequest, model: ScoringModel, currency: string | undefined): string {
  const { raw, isMissing, normalized } = c.score;
  if (isMissing || raw === undefined) return `not set (scored as ${formatUnit(normalized)})`;
  if (c.field === 'deal_value' && typeof raw === 'number') return `${formatMoney(raw, currency)} across ${describeAskers(request)}`;
  if (isMoneyField(c.field, model) && typeof raw === 'number') return formatMoney(raw, currency);
  if (c.field === 'accounts') return describeAccountCount(request, raw);
  return typeof raw === 'number' ? formatUnit(raw) : md(raw);
}

/** "3 accounts", "9 (3 accounts + 6 unattributed)", "3 accounts (6 unattributed not counted)": count_unattributed decides. */
function describeAccountCount(request: RankedRequest, counted: number | string): string {
  const accounts = plural(request.accounts.length, 'account');
  const unattributed = request.unattributed?.mentions;
  if (unattributed === undefined) return accounts;
  return counted === request.accounts.length
    ? `${accounts} (${unattributed} unattributed not counted)`
    : `${counted} (${describeAskers(request)})`;
}

function formatUnit(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function describeHorizon(request: RankedRequest, report: RankingReport): string[] {
  const place = placeInHorizon(request, report.model);
  if (!place) return [];
  const points = report.model.kind === 'weighted' ? ' points' : '';
  const score = (threshold: number) => formatNear(request.score, threshold, report.model);
  const reached = place.minScore === undefined ? '' : `score ${score(place.minScore)} reaches ${md(place.horizon)} (${place.minScore})`;
  const above = place.above;
  if (!above) return [`- **Horizon ${md(place.horizon)}:** ${reached}`];
  const short = formatNear(above.minScore - request.score, 0, report.model);
  const missed = `${reached ? 'but' : `score ${score(above.minScore)} is`} ${short}${points} short of ${md(above.horizon)} (${above.minScore})`;
  return [`- **Horizon ${md(place.horizon)}:** ${reached ? `${reached} ` : ''}${missed}`];
}

/** One decimal, or more when one decimal would hide the difference from the threshold. */
/** In the model's unit (one decimal; a framework's up to two), with more digits when those would hide the difference from the threshold. */
function formatNear(value: number, threshold: number, model: Pick<ScoringModel, 'kind'>): string {
  let digits = model.kind === 'weighted' ? 1 : 2;
  while (digits < 4 && value.toFixed(digits) === threshold.toFixed(digits) && value !== threshold) digits += 1;
  return model.kind === 'weighted' ? value.toFixed(digits) : String(Number(value.toFixed(digits)));
}

function describeHoldbacks(request: RankedRequest, model: WeightedModel, currency: string | undefined): string {
  const holdbacks = findHoldbacks(request, model);
  if (holdbacks.length === 0) return 'nothing: every criterion earns its full points';
  return holdbacks
    .map(
      (h) =>
        `${md(h.criterion)} ${describeValue(h, request, model, currency)} loses ${formatScore(h.lostPoints)} of ${formatScore(h.maxPoints)} points`,
    )
    .join('; ');
}

function describeCounterfactuals(counterfactuals: Counterfactual[], model: ScoringModel, currency: string | undefined): string[] {
  const byTarget = new Map<string, Counterfactual[]>();
  for (const c of counterfactuals) {
    const key = c.target.kind === 'horizon' ? `reach ${md(c.target.horizon)} (${c.target.minScore})` : `enter the top ${c.target.top}`;
    byTarget.set(key, [...(byTarget.get(key) ?? []), c]);
  }
  return [...byTarget].map(([goal, options]) => {
    const changes = options
      .slice(0, 3)
      .map((c) => `${describeChange(c.change, model, currency)} (score ${formatNear(c.score, c.threshold, model)})`);
    return `- **To ${goal}:** ${changes.length > 0 ? changes.join('; or ') : 'no single change'}`;
  });
}

/** "effort M instead of XL", "+$180K in deal value", "alignment 4.3 instead of 3", RICE's "confidence 80% instead of 50%". */
export function describeChange(change: Change, model: Pick<ScoringModel, 'kind'>, currency: string | undefined): string {
  if (model.kind === 'rice' && change.kind === 'number' && change.field === 'confidence') {
    const percent = (x: number) => `${formatNumber(x * 100)}%`;
    return `confidence ${percent(change.to)}${change.from === undefined ? ' (not set now)' : ` instead of ${percent(change.from)}`}`;
  }
  if (change.kind === 'number' && change.field === 'deal_value') {
    return change.from === undefined
      ? `a deal value of ${formatMoney(change.to, currency)}`
      : `+${formatMoney(change.to - change.from, currency)} in deal value`;
  }
  const to = typeof change.to === 'number' ? formatUnit(change.to) : md(change.to);
  if (change.from === undefined) return `${md(change.field)} set to ${to} (not set now)`;
  return `${md(change.field)} ${to} instead of ${typeof change.from === 'number' ? formatUnit(change.from) : md(change.from)}`;
}

function describeDecision(decision: Decision): string {
  const label = decision.decision ? decisionHeading(decision.decision) : 'Decided';
  const details = [
    ...(decision.horizon ? [`target ${md(decision.horizon)}`] : []),
    ...(decision.date ? [md(decision.date)] : []),
    ...(decision.decider ? [`by ${md(decision.decider)}`] : []),
  ];
  const reason = decision.reason ? `: ${md(decision.reason)}` : '';
  return `- **Decision: ${label}**${reason}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}
