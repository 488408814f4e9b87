import { z } from 'zod';
import { DECISION_KINDS, KINDS_NEEDING_REASON } from './kinds.js';

// An id as YAML may type it: FR-101, or a bare 101.
const requestId = z.union([z.string().min(1), z.number()]).transform(String);

const decisionEntrySchema = z
  .strictObject({
    decision: z.enum(DECISION_KINDS).optional(),
    /** Why: what sales relays to the customer. Required for decline and defer. */
    reason: z.string().min(1).optional(),
    /** Target horizon the PM committed to, if any. */
    horizon: z.string().min(1).optional(),
    /** Field -> assessed value (alignment, effort, ...): fills or overrides the export's. */
    values: z.record(z.string().min(1), z.union([z.number(), z.string()])).optional(),
    /** Id of the request this one duplicates. */
    merge_into: requestId.optional(),
    /** Ids of the requests this one cannot ship without (plan honours them). */
    requires: z
      .union([requestId, requestId.array()])
      .transform((ids) => (Array.isArray(ids) ? ids : [ids]))
      .optional(),
    /** Ids the PM said this request is not a duplicate of: triage no longer suggests merging them. */
    distinct_from: z.array(z.union([z.string().min(1), z.number()]).transform(String)).optional(),
    date: z.string().optional(),
    decider: z.string().optional(),
  })
  .superRefine((d, ctx) => {
    if (d.decision && KINDS_NEEDING_REASON.includes(d.decision) && !d.reason) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a reason for ${d.decision} (sales relays it to the customer)`,
        path: ['decision'],
        params: { code: 'REASON_REQUIRED' },
      });
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

/** One request's entry as the file holds it (snake_case, as people edit it). */
export type DecisionEntry = z.input<typeof decisionEntrySchema>;

/** A triage decision as the code reads it: the file's entry, validated, with merge_into and distinct_from in camelCase. */
export type Decision = Omit<z.output<typeof decisionEntrySchema>, 'merge_into' | 'distinct_from'> & {
  mergeInto?: string;
  distinctFrom?: string[];
};

/** Request id -> the PM's decision. */
export type Decisions = Record<string, Decision>;

/** The keys the decisions schema allows at a path, for "did you mean" hints. */
export function knownDecisionKeys(path: readonly (string | number)[]): string[] {
  if (path.length === 0) return Object.keys(decisionsFileSchema.shape);
  return path.length === 2 ? Object.keys(decisionEntrySchema.shape) : [];
}

/** A decisions file as validated, entries still as the file spells them. */
export type DecisionsFile = z.output<typeof decisionsFileSchema>;
