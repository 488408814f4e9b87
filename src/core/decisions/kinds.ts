/** What a PM may decide about a request in triage (decisions.yaml). */
export const DECISION_KINDS = ['accept', 'defer', 'decline', 'escalate', 'needs-info'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Decisions sales relays to the customer, so they need a reason. */
export const KINDS_NEEDING_REASON: readonly DecisionKind[] = ['decline', 'defer'];
