import { z } from 'zod';
import { refinementFinding, type IssueArgs, type IssueCode } from '../issues.js';
import { FRAMEWORK_TERMS } from '../scoring/framework-terms.js';

const fieldName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a field name in snake_case, like deal_value');
const unitInterval = z.number().min(0).max(1);
/** Weights and rates are ratios: past a million, a sum of them could overflow to Infinity and every score become NaN. */
const MAX_RATIO = 1e6;

const criterionSchema = z
  .strictObject({
    description: z.string().optional().describe('One line shown in reports'),
    label: z.string().min(1).optional().describe('Plain words for the criterion in reports for sales, e.g. "fit with our strategy"'),
    sales: z
      .strictObject({
        strong: z.string().min(1).optional().describe('Sales report: why a request scoring high here ranks well; {value} is its value'),
        weak: z.string().min(1).optional().describe('Sales report: what holds back a request scoring low here; {value} is its value'),
      })
      .optional()
      .describe('Phrases sales can forward as they are, instead of the defaults'),
    weight: z.number().positive().max(MAX_RATIO).describe('Relative importance; points = 100 * weight * value / sum of weights'),
    field: fieldName.describe('The request field this criterion reads'),
    money: z
      .boolean()
      .optional()
      .describe('The field holds money (like deal_value): shown as money to the cent, never in a report for sales'),
    scale: z.enum(['log', 'linear']).optional().describe('Numeric transform to [0,1]'),
    min: z.number().optional().describe('linear: the value that scores 0'),
    max: z.number().optional().describe('log and linear: the value that scores 1 (and anything above it)'),
    map: z.record(z.string(), unitInterval).optional().describe('Text value -> score in [0,1], case-insensitive'),
    default: unitInterval.optional().describe('map: score of a value not in the map (0 when absent)'),
    missing: unitInterval.optional().describe('Score when the request has no value (0 when absent)'),
    count_unattributed: z
      .boolean()
      .optional()
      .describe('field: accounts: also count the rows that name no account (false when absent: only accounts count)'),
    confidence: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe('How sure the values are (1 when absent): with score --uncertainty each normalised value varies by up to 1 - confidence'),
  })
  .superRefine(checkCriterion);

function checkCriterion(c: z.infer<typeof criterionSchema>, ctx: z.RefinementCtx): void {
  checkTransform(c, ctx);
  if (c.count_unattributed !== undefined && c.field !== 'accounts') {
    const args = { option: 'count_unattributed', appliesTo: 'field: accounts', used: `field: ${c.field}` };
    ctx.addIssue(refinementFinding('OPTION_NOT_APPLICABLE', args, ['count_unattributed']));
  }
}

function checkTransform(c: z.infer<typeof criterionSchema>, ctx: z.RefinementCtx): void {
  const fail = <C extends IssueCode>(code: C, args: IssueArgs[C], key: string) => ctx.addIssue(refinementFinding(code, args, [key]));
  const notFor = (option: string, appliesTo: string, used: string) => fail('OPTION_NOT_APPLICABLE', { option, appliesTo, used }, option);
  if (c.scale && c.map) return fail('TRANSFORM_CONFLICT', {}, 'map');
  if (!c.scale && !c.map) return fail('TRANSFORM_MISSING', {}, 'weight');
  if (c.map) {
    if (c.min !== undefined) notFor('min', 'scale: linear', 'map');
    if (c.max !== undefined) notFor('max', 'scales', 'map');
    return;
  }
  if (c.default !== undefined) notFor('default', 'map', 'scales');
  if (c.max === undefined) return fail('SCALE_BOUND_MISSING', { bound: 'max', scale: c.scale! }, 'scale');
  if (c.scale === 'log') {
    if (c.min !== undefined) notFor('min', 'scale: linear', 'scale: log, which starts at 0');
    if (c.max <= 0) fail('SCALE_BOUND_INVALID', { max: c.max }, 'max');
    return;
  }
  if (c.min === undefined) return fail('SCALE_BOUND_MISSING', { bound: 'min', scale: 'linear' }, 'scale');
  if (c.min >= c.max) fail('MIN_NOT_BELOW_MAX', { min: c.min, max: c.max }, 'min');
}

const period = z
  .union([z.string().regex(/^\d+(\.\d+)?\s*[dwmy]$/, 'expected a period like 180d, 26w, 6m or 1y'), z.number().positive()])
  .describe('A period: 180d, 26w, 6m (30-day months), 1y, or a number of days');

const horizonSchema = z.strictObject({
  name: z.string().min(1),
  min_score: z.number().optional().describe('Lowest score in this horizon; the last horizon may omit it'),
});

const conditionSchema = z.union([
  z
    .strictObject({ min: z.number().optional(), max: z.number().optional() })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'expected min or max'),
  z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
  z.strictObject({
    within_days: z.number().int().nonnegative().describe('Date field: some date lies within this many days of --as-of (either side)'),
  }),
]);

const escalationSchema = z.strictObject({
  name: z.string().min(1),
  when: z.record(fieldName, conditionSchema).describe('Every condition must hold'),
  owner: z.string().min(1).optional().describe('Who acts on an escalated request, shown to sales'),
  review_within: z
    .string()
    .regex(/^\d+ (business days?|days?|weeks?)$/, 'expected a period like "5 business days", "10 days" or "2 weeks"')
    .optional()
    .describe('How soon the owner reviews an escalated request'),
});

const configObject = z.strictObject({
  version: z.literal(1),
  columns: z.record(fieldName, z.string().min(1)).default({}).describe('Field -> CSV header (case-insensitive)'),
  currency: z
    .strictObject({
      base: z
        .string()
        .regex(/^[A-Z]{3}$/, 'expected an ISO currency code like USD')
        .optional(),
      rates: z.record(z.string().regex(/^[A-Z]{3}$/), z.number().positive().max(MAX_RATIO)).default({}),
    })
    .default({ rates: {} }),
  aggregate: z
    .strictObject({
      split: z.string().min(1).optional().describe('Separator of several request ids in one cell'),
      deal_value: z.enum(['sum', 'max']).default('sum').describe('How account deal values combine'),
    })
    .default({ deal_value: 'sum' }),
  model: z
    .enum(['weighted', 'rice', 'wsjf', 'ice'])
    .default('weighted')
    .describe('weighted criteria (0-100), or a framework scored in its own unit: rice, wsjf, ice'),
  combine: z.enum(['average', 'product']).optional().describe('ice: average (default) or product of impact, confidence, ease'),
  tiebreak: z.string().min(1).optional().describe('Criterion (or framework input) that breaks score ties before deal value'),
  criteria: z
    .record(z.string().min(1), criterionSchema)
    .refine((c) => Object.keys(c).length > 0, refinementFinding('NO_CRITERIA', {}, []))
    .optional()
    .describe('Weighted criteria; required for model: weighted'),
  decay: z
    .strictObject({
      field: fieldName.optional().describe('The date of each mention (created_date, also called created_at, when absent)'),
      half_life: period.describe('A mention this old counts half, twice as old a quarter, as of --as-of'),
    })
    .optional()
    .describe('Demand that ages: each mention (its account and deal value) weighs less as it gets older'),
  stale_after: period
    .optional()
    .describe('A request with no mention this recent is stale (the date field is decay.field, else created_date)'),
  horizons: z.array(horizonSchema).superRefine(checkHorizons).default([]),
  escalation: z.array(escalationSchema).default([]),
  plan: z
    .strictObject({
      field: fieldName.default('effort').describe('The field whose value sizes a request (effort when absent)'),
      sizes: z
        .record(z.string().min(1), z.number().positive())
        .default({})
        .describe('Effort value -> size in capacity units (person-weeks), case-insensitive; a number in the field is a size already'),
    })
    .optional()
    .describe('How pm-rank plan sizes requests against --capacity'),
  triage: z
    .strictObject({
      duplicate_threshold: unitInterval.optional().describe('Title similarity (0-1) from which triage offers a merge; 0.5 when absent'),
    })
    .optional(),
});

/** The scoring config (scoring.yaml): one definition gives validation, types and the JSON Schema. */
export const configSchema = configObject.superRefine(checkModelChoice);

function checkModelChoice(c: z.output<typeof configObject>, ctx: z.RefinementCtx): void {
  const notFor = (option: string, appliesTo: string) =>
    ctx.addIssue(refinementFinding('OPTION_NOT_APPLICABLE', { option, appliesTo, used: `model: ${c.model}` }, [option]));
  if (c.model === 'weighted' && !c.criteria) ctx.addIssue(refinementFinding('CRITERIA_MISSING', {}, ['criteria']));
  if (c.model !== 'weighted' && c.criteria) notFor('criteria', 'model: weighted');
  if (c.combine && c.model !== 'ice') notFor('combine', 'model: ice');
  if (c.tiebreak === undefined) return;
  const known = c.model === 'weighted' ? Object.keys(c.criteria ?? {}) : FRAMEWORK_TERMS[c.model].map((t) => t.field);
  if (!known.includes(c.tiebreak)) ctx.addIssue(refinementFinding('TIEBREAK_UNKNOWN', { tiebreak: c.tiebreak, known }, ['tiebreak']));
}

function checkHorizons(horizons: z.infer<typeof horizonSchema>[], ctx: z.RefinementCtx): void {
  horizons.forEach((h, i) => {
    const isLast = i === horizons.length - 1;
    const previous = horizons[i - 1]?.min_score;
    if (h.min_score === undefined && !isLast) {
      ctx.addIssue(refinementFinding('HORIZON_THRESHOLD_MISSING', {}, [i]));
    } else if (h.min_score !== undefined && previous !== undefined && h.min_score >= previous) {
      ctx.addIssue(refinementFinding('HORIZONS_NOT_DESCENDING', { minScore: h.min_score, previous }, [i, 'min_score']));
    }
  });
}

/** The published JSON Schema (schema/scoring.schema.json), generated from configSchema so the two cannot drift. */
export function toConfigJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }), title: 'pm-rank scoring model' };
}

export type Config = z.output<typeof configSchema>;
export type CriterionConfig = z.output<typeof criterionSchema>;
export type EscalationRule = z.output<typeof escalationSchema>;
export type Condition = z.output<typeof conditionSchema>;

/** The keys the schema allows in the mapping at a config path, for "did you mean" hints. */
export function knownKeysAt(path: readonly (string | number)[]): string[] {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (const step of [...path, undefined]) {
    schema = unwrap(schema);
    const def = schema?._zod.def;
    if (step === undefined) return def?.type === 'object' ? Object.keys((def as z.core.$ZodObjectDef).shape) : [];
    if (def?.type === 'object') schema = (def as z.core.$ZodObjectDef).shape[step];
    else if (def?.type === 'record') schema = (def as z.core.$ZodRecordDef).valueType;
    else if (def?.type === 'array') schema = (def as z.core.$ZodArrayDef).element;
    else return [];
  }
  return [];
}

function unwrap(schema: z.core.$ZodType | undefined): z.core.$ZodType | undefined {
  const def = schema?._zod.def;
  if (def?.type === 'default' || def?.type === 'optional') return unwrap((def as z.core.$ZodDefaultDef).innerType);
  return schema;
}
