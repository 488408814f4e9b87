import { parseQuantity } from '../text/numbers.js';
import type { CriterionScore, FeatureRequest, Issue, ScoredRequest } from '../types.js';

export type FrameworkName = 'rice' | 'wsjf' | 'ice';

/** A named prioritization framework; its score is in the framework's own unit. */
export interface Framework {
  name: FrameworkName;
  /** ice only: how impact, confidence and ease combine. */
  combine: 'average' | 'product';
}

/** One input of a framework: the request field it reads. */
export interface FrameworkTerm {
  field: string;
  /** A divisor (effort, job size): zero or missing cannot be scored, and smaller is better. */
  isDivisor?: boolean;
}

/** The inputs of each framework, in the order its formula names them. */
export const FRAMEWORK_TERMS: Readonly<Record<FrameworkName, readonly FrameworkTerm[]>> = {
  rice: [{ field: 'reach' }, { field: 'impact' }, { field: 'confidence' }, { field: 'effort', isDivisor: true }],
  wsjf: [{ field: 'business_value' }, { field: 'time_criticality' }, { field: 'risk_reduction' }, { field: 'job_size', isDivisor: true }],
  ice: [{ field: 'impact' }, { field: 'confidence' }, { field: 'ease' }],
};

/** Intercom's impact scale, so an export may say "high" rather than 2. */
export const RICE_IMPACT_SCALE: Readonly<Record<string, number>> = { massive: 3, high: 2, medium: 1, low: 0.5, minimal: 0.25 };

/** What a framework made of one request; score is undefined when an input is missing. */
export interface FrameworkScore {
  score?: number;
  criteria: Record<string, CriterionScore>;
  explanation: string;
  unscorable?: string;
}

/**
 * Scores a request as the framework's authors define it:
 * rice = reach x impact x confidence / effort (Intercom),
 * wsjf = (business value + time criticality + risk reduction) / job size (SAFe),
 * ice = average (or product) of impact, confidence and ease (Sean Ellis).
 */
export function scoreFramework(framework: Framework, request: FeatureRequest): FrameworkScore {
  const terms = FRAMEWORK_TERMS[framework.name];
  const values = new Map(terms.map((t) => [t.field, readTerm(framework, t.field, request)]));
  const criteria = Object.fromEntries(terms.map((t) => [t.field, criterionScore(values.get(t.field), request, t.field)]));
  const missing = terms.filter((t) => {
    const value = values.get(t.field);
    return value === undefined || (t.isDivisor === true && value <= 0);
  });
  if (missing.length > 0) {
    const unscorable = `${missing.map((t) => t.field).join(', ')} missing`;
    return { criteria, explanation: `cannot be scored: ${unscorable}`, unscorable };
  }
  const v = (field: string) => values.get(field)!;
  const score = computeScore(framework, v);
  return { score, criteria, explanation: `${explainTerms(framework, v)} = ${formatNumber(score)}` };
}

function computeScore(framework: Framework, v: (field: string) => number): number {
  if (framework.name === 'rice') return (v('reach') * v('impact') * v('confidence')) / v('effort');
  if (framework.name === 'wsjf') return (v('business_value') + v('time_criticality') + v('risk_reduction')) / v('job_size');
  const [impact, confidence, ease] = [v('impact'), v('confidence'), v('ease')];
  return framework.combine === 'product' ? impact * confidence * ease : (impact + confidence + ease) / 3;
}

function explainTerms(framework: Framework, v: (field: string) => number): string {
  const term = (field: string, label: string) => `${formatNumber(v(field))} ${label}`;
  if (framework.name === 'rice') {
    const months = v('effort') === 1 ? 'person-month' : 'person-months';
    return `${term('reach', 'reach')} x ${term('impact', 'impact')} x ${formatNumber(v('confidence') * 100)}% / ${term('effort', months)}`;
  }
  if (framework.name === 'wsjf') {
    const costOfDelay = `${term('business_value', 'value')} + ${term('time_criticality', 'time criticality')} + ${term('risk_reduction', 'risk reduction')}`;
    return `(${costOfDelay}) / ${term('job_size', 'job size')}`;
  }
  const parts = [term('impact', 'impact'), term('confidence', 'confidence'), term('ease', 'ease')];
  return framework.combine === 'product' ? parts.join(' x ') : `(${parts.join(' + ')}) / 3`;
}

/**
 * A framework input as a number. RICE impact may be a word of Intercom's scale;
 * RICE confidence is a share: `80%` and `0.8` are 0.8, and a bare number above 1
 * (`80`) is read as a percentage, since a confidence above 100% means nothing.
 */
function readTerm(framework: Framework, field: string, request: FeatureRequest): number | undefined {
  if (framework.name === 'rice' && field === 'impact') return readImpact(request.texts.impact ?? []);
  const value = request.numbers[field];
  if (framework.name === 'rice' && field === 'confidence' && value !== undefined && value > 1) return value / 100;
  return value;
}

function readImpact(texts: readonly string[]): number | undefined {
  for (const text of texts) {
    const value = RICE_IMPACT_SCALE[text.trim().toLowerCase()] ?? parseQuantity(text)?.value;
    if (value !== undefined) return value;
  }
  return undefined;
}

function criterionScore(value: number | undefined, request: FeatureRequest, field: string): CriterionScore {
  const raw = request.numbers[field] ?? request.texts[field]?.[0];
  return { ...(raw === undefined ? {} : { raw }), normalized: value ?? 0, points: 0, isMissing: value === undefined };
}

/** Up to two decimals, trailing zeros dropped: 675, 5.2, 1.62. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(2)));
}

/**
 * Warnings about framework inputs, naming each request's rows: one per request
 * that cannot be scored, and one per input off its framework's scale (a RICE
 * impact other than 3, 2, 1, 0.5, 0.25; a confidence above 100%; ICE outside 1-10).
 */
export function findFrameworkIssues(scored: readonly ScoredRequest[], framework: Framework): Issue[] {
  return scored.flatMap((r) => {
    const rows = `${r.lines.length === 1 ? 'row' : 'rows'} ${r.lines.join(', ')}`;
    const warn = (code: 'CANNOT_BE_SCORED' | 'INPUT_OFF_SCALE', what: string): Issue => ({
      code,
      severity: 'warning',
      line: r.lines[0]!,
      path: r.id,
      args: { text: `"${r.id}" (${rows}) ${what}` },
    });
    if (r.unscorable !== undefined) return [warn('CANNOT_BE_SCORED', `cannot be scored: ${r.unscorable}; ranked last`)];
    return FRAMEWORK_TERMS[framework.name].flatMap((t) => {
      const problem = offScale(framework.name, t.field, r.criteria[t.field]!.normalized);
      return problem === undefined ? [] : [warn('INPUT_OFF_SCALE', problem)];
    });
  });
}

function offScale(name: FrameworkName, field: string, value: number): string | undefined {
  if (name === 'rice' && field === 'impact' && !Object.values(RICE_IMPACT_SCALE).includes(value)) {
    return `impact ${formatNumber(value)} is not on Intercom's scale (3, 2, 1, 0.5, 0.25)`;
  }
  if (name === 'rice' && field === 'confidence' && value > 1) return `confidence ${formatNumber(value * 100)}% is above 100%`;
  if (name === 'ice' && (value < 1 || value > 10)) return `${field} ${formatNumber(value)} is outside ICE's 1-10`;
  return undefined;
}
