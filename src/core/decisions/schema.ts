import { z } from 'zod';
import { refinementFinding } from '../issues.js';
import { DECISION_KINDS, dropUndefined, KINDS_NEEDING_REASON, type Decisions } from './apply.js';

// An id as YAML may type it: FR-101, or a bare 101.
const requestId = z.union([z.string().min(1), z.number()]).transform(String);

const decisionEntrySchema = z
  .strictObject({
    decision: z.enum(DECISION_KINDS).optional(),
    reason: z.string().min(1).optional(),
    horizon: z.string().min(1).optional(),
    values: z.record(z.string().min(1), z.union([z.number(), z.string()])).optional(),
    merge_into: requestId.optional(),
    requires: z
      .union([requestId, requestId.array()])
      .transform((ids) => (Array.isArray(ids) ? ids : [ids]))
      .optional(),
    distinct_from: z.array(z.union([z.string().min(1), z.number()]).transform(String)).optional(),
    date: z.string().optional(),
    decider: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision && KINDS_NEEDING_REASON.includes(d.decision) && !d.reason) {
      ctx.addIssue(refinementFinding('REASON_REQUIRED', { decision: d.decision }, ['decision']));
    }
  });

/** The decisions file (decisions.yaml): request id -> what the PM decided. */
export const decisionsFileSchema = z.strictObject({
  version: z.literal(1).default(1),
  decisions: z
    .record(z.string(), decisionEntrySchema)
    .nullish()
    .transform((d) => d ?? {}),
});

export type DecisionEntry = z.input<typeof decisionEntrySchema>;

/** The keys the decisions schema allows at a path, for "did you mean" hints. */
export function knownDecisionKeys(path: readonly (string | number)[]): string[] {
  if (path.length === 0) return Object.keys(decisionsFileSchema.shape);
  return path.length === 2 ? Object.keys(decisionEntrySchema.shape) : [];
}

/** File entries (snake_case, as people edit them) -> Decision values. */
export function toDecisions(file: z.output<typeof decisionsFileSchema>): Decisions {
  return Object.fromEntries(
    Object.entries(file.decisions).map(([id, { merge_into, distinct_from, ...rest }]) => [
      id,
      dropUndefined({ ...rest, mergeInto: merge_into, distinctFrom: distinct_from }),
    ]),
  );
}
