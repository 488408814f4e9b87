import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';
import type { Config, CriterionConfig } from './schema.js';
import { foldText } from '../text/folding.js';
import { parsePeriodDays } from '../text/dates.js';
import { assertNever, type Aging, type Criterion, type ScoringModel, type Transform } from '../types.js';

/** Turns a validated config into the model the scorer uses: one case per kind, criteria as a list, maps keyed case-insensitively. */
export function toScoringModel(config: Config): ScoringModel {
  const base = {
    columns: config.columns,
    currency: config.currency,
    aggregate: config.aggregate,
    ...(config.tiebreak === undefined ? {} : { tiebreak: toTiebreak(config.model, config.tiebreak) }),
    horizons: config.horizons,
    escalation: config.escalation,
    ...(config.decay || config.stale_after !== undefined ? { aging: toAging(config) } : {}),
    ...(config.plan
      ? { plan: { field: config.plan.field, sizes: new Map(Object.entries(config.plan.sizes).map(([k, v]) => [foldText(k), v])) } }
      : {}),
  };
  switch (config.model) {
    case 'weighted':
      return { kind: 'weighted', ...base, criteria: toCriteria(config) };
    case 'rice':
    case 'wsjf':
      return { kind: config.model, ...base };
    case 'ice':
      return { kind: 'ice', ...base, combine: config.combine ?? 'average' };
    default:
      return assertNever(config.model);
  }
}

function toCriteria(config: Config): Criterion[] {
  return Object.entries(config.criteria ?? {}).map(([name, c]) => ({
    name,
    ...(c.description === undefined ? {} : { description: c.description }),
    ...(c.label === undefined ? {} : { label: c.label }),
    ...(c.sales === undefined ? {} : { sales: c.sales }),
    weight: c.weight,
    field: c.field,
    ...(c.money ? { isMoney: true } : {}),
    transform: toTransform(c),
    missing: c.missing ?? 0,
    ...(c.count_unattributed ? { countUnattributed: true } : {}),
    ...(c.confidence === undefined || c.confidence === 1 ? {} : { confidence: c.confidence }),
  }));
}

/** The date field demand ages by: decay.field, else created_date. */
export function agingFieldOf(config: Config): string {
  // created_at is what most tools call it; the reader knows the column as created_date.
  const field = config.decay?.field ?? 'created_date';
  return field === 'created_at' ? 'created_date' : field;
}

function toAging(config: Config): Aging {
  const halfLife = config.decay && parsePeriodDays(config.decay.half_life);
  const staleAfter = config.stale_after === undefined ? undefined : parsePeriodDays(config.stale_after);
  return {
    field: agingFieldOf(config),
    ...(halfLife === undefined ? {} : { halfLifeDays: halfLife }),
    ...(staleAfter === undefined ? {} : { staleAfterDays: staleAfter }),
  };
}

function toTiebreak(model: Config['model'], name: string): NonNullable<ScoringModel['tiebreak']> {
  const term = model === 'weighted' ? undefined : FRAMEWORK_TERMS[model].find((t) => t.field === name);
  return { name, isAscending: term?.isDivisor === true };
}

function toTransform(c: CriterionConfig): Transform {
  if (c.map) {
    const map = new Map(Object.entries(c.map).map(([k, v]) => [foldText(k), v]));
    const labels = new Map(Object.keys(c.map).map((k) => [foldText(k), k.trim()]));
    return { kind: 'map', map, default: c.default ?? 0, labels };
  }
  // The schema guarantees min/max for each scale.
  if (c.scale === 'log') return { kind: 'log', max: c.max! };
  return { kind: 'linear', min: c.min!, max: c.max! };
}
