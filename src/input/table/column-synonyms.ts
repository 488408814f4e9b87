/**
 * Header names real exports use for each field (Salesforce, HubSpot, Jira,
 * Productboard, spreadsheets), compared after normalizeHeader. Earlier entries
 * win when a header could mean two fields. This is the one place to add a synonym.
 */
export const COLUMN_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  id: [
    'id',
    'request id',
    'feature id',
    'feature request id',
    'issue key',
    'key',
    'idea id',
    'ticket id',
    'ticket',
    'request key',
    'feature key',
  ],
  title: [
    'title',
    'feature request',
    'request',
    'summary',
    'feature',
    'feature name',
    'request title',
    'idea',
    'idea title',
    'subject',
    'feature title',
  ],
  account: [
    'account',
    'account name',
    'company',
    'company name',
    'customer',
    'customer name',
    'organization',
    'organisation',
    'client',
    'client name',
  ],
  deal_value: [
    'deal value',
    'amount',
    'opportunity amount',
    'deal amount',
    'arr',
    'acv',
    'annual contract value',
    'annual recurring revenue',
    'deal size',
    'pipeline value',
    'revenue',
    'value',
  ],
  segment: ['segment', 'customer segment', 'market segment', 'account segment', 'customer tier', 'account tier', 'tier'],
  alignment: ['alignment', 'strategic alignment', 'strategic fit', 'strategy fit', 'strategic value'],
  effort: [
    'effort',
    'effort estimate',
    't shirt size',
    'tshirt size',
    'size',
    'estimate',
    'complexity',
    'person months',
    'effort (person months)',
    'effort person months',
  ],
  reach: ['reach', 'reach per quarter', 'reach per month', 'users reached', 'customers reached'],
  impact: ['impact', 'impact score', 'user impact'],
  confidence: ['confidence', 'confidence %', 'confidence level', 'confidence score'],
  ease: ['ease', 'ease score', 'ease of implementation'],
  business_value: ['user business value', 'user or business value', 'business value', 'user value', 'ubv', 'bv'],
  time_criticality: ['time criticality', 'time critical', 'tc'],
  risk_reduction: [
    'risk reduction opportunity enablement',
    'risk reduction or opportunity enablement',
    'risk reduction and or opportunity enablement',
    'risk reduction',
    'opportunity enablement',
    'rr oe',
    'rroe',
  ],
  job_size: ['job size', 'job duration size', 'job duration', 'job size (relative)'],
  status: ['status', 'request status', 'feature status', 'roadmap status', 'commitment'],
  parent: ['parent', 'parent account', 'parent account name', 'parent company', 'ultimate parent', 'ultimate parent account'],
  owner: ['account owner', 'owner', 'opportunity owner', 'deal owner', 'account manager', 'account executive', 'sales rep'],
  notes: ['notes', 'sales notes', 'description', 'comments', 'details', 'use case'],
  // Win/loss (closed deal) exports.
  deal: ['opportunity name', 'deal name', 'opportunity', 'deal', 'opportunity title', 'deal title'],
  stage: ['stage', 'deal stage', 'opportunity stage', 'outcome', 'result', 'win loss', 'won lost', 'closed status', 'status'],
  close_date: ['close date', 'closed date', 'date closed', 'closed on', 'close', 'closed'],
  reason: [
    'loss reason',
    'closed lost reason',
    'primary loss reason',
    'lost reason',
    'win loss reason',
    'win reason',
    'reason',
    'reason lost',
  ],
  cited: [
    'requests cited',
    'cited requests',
    'feature requests cited',
    'feature requests',
    'related requests',
    'related feature requests',
    'feature gaps',
    'feature gap',
    'product gaps',
    'missing features',
    'requests',
    'request ids',
    'feature request',
    'request id',
  ],
};

/**
 * Lower-cases a header and drops the decorations exports add: Jira's
 * `Custom field (X)`, Salesforce's `Amount (converted)` and currency suffixes,
 * underscores and hyphens.
 */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/^custom field \((.*)\)$/, '$1')
    .replace(/\s*\((converted|[a-z]{3}|[$€£])\)$/, '')
    .replace(/[_\-./]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
