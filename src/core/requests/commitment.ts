import { foldText } from '../text/folding.js';
import type { DecisionKind, FeatureRequest, ScoredRequest } from '../types.js';

/** How firmly a request is on the roadmap, as sales may relay it. */
export type Commitment = 'Committed' | 'Planned' | 'Exploring' | 'Not planned';

export const COMMITMENTS: readonly Commitment[] = ['Committed', 'Planned', 'Exploring', 'Not planned'];

// Status words of CRMs, Jira and the fixtures' languages. Anything else counts as Exploring:
// an unknown status must never read as a promise.
const STATUS_COMMITMENTS = new Map<string, Commitment>(
  Object.entries({
    committed: 'Committed',
    'in progress': 'Committed',
    'in development': 'Committed',
    done: 'Committed',
    released: 'Committed',
    shipped: 'Committed',
    zugesagt: 'Committed',
    'in arbeit': 'Committed',
    planned: 'Planned',
    scheduled: 'Planned',
    'selected for development': 'Planned',
    geplant: 'Planned',
    'not planned': 'Not planned',
    declined: 'Not planned',
    rejected: 'Not planned',
    "won't do": 'Not planned',
    "won't fix": 'Not planned',
    abgelehnt: 'Not planned',
  } satisfies Record<string, Commitment>),
);

const DECISION_COMMITMENTS: Partial<Record<DecisionKind, Commitment>> = { decline: 'Not planned', defer: 'Exploring' };

/** The commitment level from the status column; a decline or defer decision overrides it. */
export function commitmentOf(request: Pick<FeatureRequest, 'status'> & { decision?: ScoredRequest['decision'] }): Commitment {
  const decided = request.decision?.decision;
  const fromDecision = decided === undefined ? undefined : DECISION_COMMITMENTS[decided];
  if (fromDecision) return fromDecision;
  return (request.status === undefined ? undefined : STATUS_COMMITMENTS.get(foldText(request.status))) ?? 'Exploring';
}

// Statuses that mean the request reached customers: digest's "shipped" list, and what plan leaves out.
const SHIPPED_STATUSES = new Set(['shipped', 'released', 'done']);

/** Whether a status says the request has shipped (shipped, released, done; case-insensitive). */
export function isShipped(status: string | undefined): boolean {
  return status !== undefined && SHIPPED_STATUSES.has(foldText(status));
}
