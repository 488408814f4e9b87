import { describe, expect, it } from 'vitest';
import { parseYamlAs } from '../../src/input/parse-config.js';
import { toDecisions } from '../../src/core/decisions/entries.js';
import { decisionsFileSchema, knownDecisionKeys, type Decisions } from '../../src/core/decisions/schema.js';
import { formatDecisions } from '../../src/output/write-decisions.js';

const decisions: Decisions = {
  'FR-10': {
    decider: 'pat',
    date: '2026-11-28',
    distinctFrom: ['FR-2', 'FR-11'],
    values: { effort: 'M', alignment: 4 },
    decision: 'accept',
    requires: ['FR-7'],
  },
  'FR-9': { mergeInto: 'FR-10', date: '2026-11-28', decider: 'pat' },
  '18234501987': { reason: 'Not this year', decision: 'decline', date: '2026-11-27', decider: 'sam' },
};

describe('formatDecisions', () => {
  it('writes one block per request, ids in natural order, keys in a fixed order', () => {
    expect(formatDecisions(decisions)).toMatchInlineSnapshot(`
      "# pm-rank triage decisions: one block per request, keyed by request id.
      # Edit by hand if you like; pm-rank score --decisions applies this file.
      # decision: accept | defer | decline | escalate | needs-info (decline and defer need a reason)
      # distinct_from: ids triage no longer offers to merge with this request

      version: 1
      decisions:
        "18234501987":
          decision: decline
          reason: Not this year
          date: 2026-11-27
          decider: sam

        FR-9:
          merge_into: FR-10
          date: 2026-11-28
          decider: pat

        FR-10:
          decision: accept
          values:
            alignment: 4
            effort: M
          distinct_from:
            - FR-2
            - FR-11
          requires:
            - FR-7
          date: 2026-11-28
          decider: pat
      "
    `);
  });

  it('reads back what it wrote', () => {
    const { value, issues } = parseYamlAs(formatDecisions(decisions), 'decisions.yaml', decisionsFileSchema, knownDecisionKeys);
    expect(issues).toEqual([]);
    expect(toDecisions(value!)).toEqual(decisions);
  });

  it('does not depend on the order decisions were made in', () => {
    const reversed = Object.fromEntries(Object.entries(decisions).reverse());
    expect(formatDecisions(reversed)).toBe(formatDecisions(decisions));
  });
});
