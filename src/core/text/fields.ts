import type { Condition } from '../config/schema.js';
import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';
import type { FeatureRequest, ScoringModel } from '../types.js';

/** Fields every export may carry; criteria and escalation rules may name others. */
export const STANDARD_FIELDS = ['id', 'title', 'account', 'deal_value', 'segment', 'alignment', 'effort', 'status'] as const;

/** The text field holding the currencies a request's deal values were converted from (the base currency's not among them). */
export const CONVERTED_FROM_FIELD = 'converted_from';

/** Fields computed from a request rather than read from a column. */
export const DERIVED_FIELDS = ['accounts'] as const;

/** Fields a win/loss export (--win-loss) adds to each request: closed deals citing it, each counted once. */
export const WIN_LOSS_FIELDS = ['lost_value', 'lost_deals', 'won_value', 'won_deals'] as const;

/** Fields that hold money: shown to the cent, changed in any amount, never shown to customers. */
export const MONEY_FIELDS = ['deal_value', 'lost_value', 'won_value'] as const;

/** Whether a field holds money: one of MONEY_FIELDS, or the field of a criterion the config declares `money: true`. */
export function isMoneyField(field: string, model?: ScoringModel): boolean {
  if ((MONEY_FIELDS as readonly string[]).includes(field)) return true;
  return model?.kind === 'weighted' && model.criteria.some((c) => c.isMoney && c.field === field);
}

/** Whether a field is internal, never in a view for sales or customers: money, and the win/loss deal counts. */
export function isInternalField(field: string, model?: ScoringModel): boolean {
  return isMoneyField(field, model) || isWinLossField(field);
}

export function isWinLossField(field: string): boolean {
  return (WIN_LOSS_FIELDS as readonly string[]).includes(field);
}

/**
 * Whether an export whose columns `hasColumn` knows gives a field its values: `accounts` comes from the
 * account column, win/loss fields from the --win-loss export, every other field from its own column.
 */
export function isFieldInExport(field: string, hasColumn: (column: string) => boolean): boolean {
  return isWinLossField(field) || hasColumn(field === 'accounts' ? 'account' : field);
}

/**
 * A request's number for a field; `accounts` is the count of distinct accounts
 * asking, plus the rows that name no account when `countUnattributed` (each
 * weighted by its age when the model decays demand).
 */
export function numericField(request: FeatureRequest, field: string, countUnattributed = false): number | undefined {
  if (field !== 'accounts') return request.numbers[field];
  const decayed = request.decayedCount;
  if (decayed) return decayed.accounts + (countUnattributed ? decayed.unattributed : 0);
  return request.accounts.length + (countUnattributed ? (request.unattributed?.mentions ?? 0) : 0);
}

/** How the reader should keep a field's cells: as numbers, as text, or both. */
export interface FieldUsage {
  isNumeric: boolean;
  isText: boolean;
}

/**
 * The fields a model reads from an export and how. deal_value and segment are
 * always read (every report shows them); other fields only when a criterion or
 * escalation rule uses them, so unused columns cost nothing per row.
 */
export function fieldUsage(model: ScoringModel): Map<string, FieldUsage> {
  const usage = new Map<string, FieldUsage>([
    ['deal_value', { isNumeric: true, isText: false }],
    ['segment', { isNumeric: false, isText: true }],
    ['status', { isNumeric: false, isText: true }],
  ]);
  const use = (field: string, isNumeric: boolean) => {
    if ((DERIVED_FIELDS as readonly string[]).includes(field) || isWinLossField(field)) return;
    const u = usage.get(field) ?? { isNumeric: false, isText: false };
    usage.set(field, isNumeric ? { ...u, isNumeric: true } : { ...u, isText: true });
  };
  if (model.kind === 'weighted') for (const c of model.criteria) use(c.field, c.transform.kind !== 'map');
  // RICE impact may be a word of Intercom's scale, so it is kept as text and read by the framework.
  else for (const t of FRAMEWORK_TERMS[model.kind]) use(t.field, !(model.kind === 'rice' && t.field === 'impact'));
  for (const rule of model.escalation) {
    for (const [field, condition] of Object.entries(rule.when)) use(field, isNumericCondition(condition));
  }
  return usage;
}

/** {min, max} reads numbers; a list of values and within_days (dates) read text. */
export function isNumericCondition(condition: Condition): condition is { min?: number; max?: number } {
  return !Array.isArray(condition) && !('within_days' in condition);
}
