import { parseQuantity } from '../text/numbers.js';
import { assertNever, type CriterionScore, type FeatureRequest, type FrameworkModel, type Issue, type ScoredRequest } from '../types.js';
import { FRAMEWORK_TERMS, type FrameworkName } from './framework-terms.js';

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
export function scoreFramework(model: FrameworkModel, request: FeatureRequest): FrameworkScore {
  const terms = FRAMEWORK_TERMS[model.kind];
  const values = readFrameworkInputs(model, request);
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
  const score = computeFrameworkScore(model, v);
  return { score, criteria, explanation: `${formatFormula(model, v)} = ${formatNumber(score)}` };
}

/** Each input of the framework as the formula reads it (undefined when missing). */
export function readFrameworkInputs(model: FrameworkModel, request: FeatureRequest): Map<string, number | undefined> {
  return new Map(FRAMEWORK_TERMS[model.kind].map((t) => [t.field, readTerm(model, t.field, request)]));
}

/** The framework's formula applied to its inputs. */
export function computeFrameworkScore(model: FrameworkModel, v: (field: string) => number): number {
  switch (model.kind) {
    case 'rice':
      return (v('reach') * v('impact') * v('confidence')) / v('effort');
    case 'wsjf':
      return (v('business_value') + v('time_criticality') + v('risk_reduction')) / v('job_size');
    case 'ice':
      return model.combine === 'product' ? v('impact') * v('confidence') * v('ease') : (v('impact') + v('confidence') + v('ease')) / 3;
    default:
      return assertNever(model);
  }
}

/**
 * The value of one input at which the score equals `score`, the others as they are;
 * undefined when no value gets there (another factor is zero). Each formula is
 * linear in each input or in its reciprocal, so the inverse is exact.
 */
export function solveFrameworkInput(
  model: FrameworkModel,
  values: ReadonlyMap<string, number | undefined>,
  field: string,
  score: number,
): number | undefined {
  const others = FRAMEWORK_TERMS[model.kind].filter((t) => t.field !== field).map((t) => values.get(t.field));
  if (others.some((v) => v === undefined)) return undefined;
  const v = (name: string) => values.get(name)!;
  const product = (fields: string[]) => fields.filter((f) => f !== field).reduce((p, f) => p * v(f), 1);
  const sum = (fields: string[]) => fields.filter((f) => f !== field).reduce((p, f) => p + v(f), 0);
  const solved = (() => {
    switch (model.kind) {
      case 'rice':
        return field === 'effort'
          ? product(['reach', 'impact', 'confidence']) / score
          : (score * v('effort')) / product(['reach', 'impact', 'confidence']);
      case 'wsjf':
        return field === 'job_size'
          ? sum(['business_value', 'time_criticality', 'risk_reduction']) / score
          : score * v('job_size') - sum(['business_value', 'time_criticality', 'risk_reduction']);
      case 'ice':
        return model.combine === 'product'
          ? score / product(['impact', 'confidence', 'ease'])
          : 3 * score - sum(['impact', 'confidence', 'ease']);
      default:
        return assertNever(model);
    }
  })();
  return Number.isFinite(solved) ? solved : undefined;
}

/** The values an input can take: a share for RICE confidence, 1-10 for ICE, positive for a divisor, else at least 0. */
export function inputRange(model: FrameworkModel, field: string): { min: number; max: number; isMinOpen: boolean } {
  if (model.kind === 'rice' && field === 'confidence') return { min: 0, max: 1, isMinOpen: true };
  if (model.kind === 'ice') return { min: 1, max: 10, isMinOpen: false };
  const isDivisor = FRAMEWORK_TERMS[model.kind].some((t) => t.field === field && t.isDivisor === true);
  return { min: 0, max: Infinity, isMinOpen: isDivisor };
}

/** The operators a formula is written with: "x" and "/" for a terminal, "×" and "÷" for a report. */
export interface FormulaSymbols {
  times: string;
  divide: string;
}

const PLAIN: FormulaSymbols = { times: 'x', divide: '/' };

/** The formula with the request's inputs: "450 reach x 3 impact x 100% / 2 person-months". */
export function formatFormula(model: FrameworkModel, v: (field: string) => number, symbols: FormulaSymbols = PLAIN): string {
  const term = (field: string, label: string) => `${formatNumber(v(field))} ${label}`;
  const { times, divide } = symbols;
  switch (model.kind) {
    case 'rice': {
      const months = v('effort') === 1 ? 'person-month' : 'person-months';
      return `${term('reach', 'reach')} ${times} ${term('impact', 'impact')} ${times} ${formatNumber(v('confidence') * 100)}% ${divide} ${term('effort', months)}`;
    }
    case 'wsjf': {
      const costOfDelay = `${term('business_value', 'value')} + ${term('time_criticality', 'time criticality')} + ${term('risk_reduction', 'risk reduction')}`;
      return `(${costOfDelay}) ${divide} ${term('job_size', 'job size')}`;
    }
    case 'ice': {
      const parts = [term('impact', 'impact'), term('confidence', 'confidence'), term('ease', 'ease')];
      return model.combine === 'product' ? parts.join(` ${times} `) : `(${parts.join(' + ')}) ${divide} 3`;
    }
    default:
      return assertNever(model);
  }
}

/** The framework's formula in words, for a report's model section. */
export function describeFrameworkFormula(model: FrameworkModel, symbols: FormulaSymbols = PLAIN): string {
  const { times, divide } = symbols;
  switch (model.kind) {
    case 'rice':
      return `RICE = reach ${times} impact ${times} confidence ${divide} effort (person-months)`;
    case 'wsjf':
      return `WSJF = (business value + time criticality + risk reduction) ${divide} job size`;
    case 'ice':
      return model.combine === 'product'
        ? `ICE = impact ${times} confidence ${times} ease`
        : `ICE = (impact + confidence + ease) ${divide} 3`;
    default:
      return assertNever(model);
  }
}

/**
 * A framework input as a number. RICE impact may be a word of Intercom's scale;
 * RICE confidence is a share: `80%` and `0.8` are 0.8, and a bare number above 1
 * (`80`) is read as a percentage, since a confidence above 100% means nothing.
 */
function readTerm(model: FrameworkModel, field: string, request: FeatureRequest): number | undefined {
  if (model.kind === 'rice' && field === 'impact') return readImpact(request.texts.impact ?? []);
  const value = request.numbers[field];
  if (model.kind === 'rice' && field === 'confidence' && value !== undefined && value > 1) return value / 100;
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
export function findFrameworkIssues(scored: readonly ScoredRequest[], model: FrameworkModel): Issue[] {
  return scored.flatMap((r) => {
    const rows = `${r.lines.length === 1 ? 'row' : 'rows'} ${r.lines.join(', ')}`;
    const warn = (code: string, what: string): Issue => ({
      code,
      severity: 'warning',
      line: r.lines[0]!,
      path: r.id,
      message: `"${r.id}" (${rows}) ${what}`,
    });
    if (r.unscorable !== undefined) return [warn('CANNOT_BE_SCORED', `cannot be scored: ${r.unscorable}; ranked last`)];
    return FRAMEWORK_TERMS[model.kind].flatMap((t) => {
      const problem = offScale(model.kind, t.field, r.criteria[t.field]!.normalized);
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
