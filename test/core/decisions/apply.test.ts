import { describe, expect, it } from 'vitest';
import { applyDecisions, checkDecisionValues, decideRequest, mergeRequests } from '../../../src/core/decisions/apply.js';
import { modelOf } from '../model-fixtures.js';
import type { FeatureRequest } from '../../../src/core/types.js';

const SUM = { deal_value: 'sum' } as const;

function request(id: string, accounts: [string, number][], extra: Partial<FeatureRequest> = {}): FeatureRequest {
  const dealValue = accounts.reduce((sum, [, v]) => sum + v, 0);
  return {
    id,
    title: `title of ${id}`,
    lines: [],
    accounts: accounts.map(([name, v]) => ({ name, dealValue: v })),
    dealValue,
    numbers: { deal_value: dealValue },
    texts: {},
    ...extra,
  };
}

describe('mergeRequests', () => {
  it('counts an account asking for both requests once, with its largest deal', () => {
    const a = request('A', [
      ['Xeno', 100],
      ['Yarrow', 50],
    ]);
    const b = request('B', [
      ['yarrow ', 80],
      ['Zeta', 10],
    ]);
    const merged = mergeRequests(a, b, SUM);
    // Xeno 100 + Yarrow max(50, 80) = 80 + Zeta 10 = 190 (not 150 + 90 = 240)
    expect(merged.dealValue).toBe(190);
    expect(merged.numbers.deal_value).toBe(190);
    expect(merged.accounts.map((x) => x.name)).toEqual(['Xeno', 'Yarrow', 'Zeta']);
    expect(merged.mergedIds).toEqual(['B']);
  });

  it('keeps the max of accounts with aggregate max', () => {
    const merged = mergeRequests(request('A', [['Xeno', 100]]), request('B', [['Zeta', 300]]), { deal_value: 'max' });
    expect(merged.dealValue).toBe(300);
  });

  it('adds up the unattributed mentions of both, their deals once each, and never names them as accounts', () => {
    const a = request('A', [['Xeno', 100]], { unattributed: { mentions: 2, dealValue: 30 }, dealValue: 130 });
    const b = request('B', [], { unattributed: { mentions: 1, dealValue: 50 }, dealValue: 50 });
    // sum: Xeno 100 + unattributed 30 + 50 = 180; max: the largest of 100 and max(30, 50) = 100
    expect(mergeRequests(a, b, SUM)).toMatchObject({
      accounts: [{ name: 'Xeno' }],
      unattributed: { mentions: 3, dealValue: 80 },
      dealValue: 180,
    });
    expect(mergeRequests(a, b, { deal_value: 'max' })).toMatchObject({ unattributed: { mentions: 3, dealValue: 50 }, dealValue: 100 });
    expect(mergeRequests(request('C', [['Yarrow', 5]]), b, SUM)).toMatchObject({
      unattributed: { mentions: 1, dealValue: 50 },
      dealValue: 55,
    });
  });

  it("unites texts case-insensitively and keeps the target's numbers first", () => {
    const a = request('A', [], { texts: { segment: ['Enterprise'] }, numbers: { alignment: 4 } });
    const b = request('B', [], { texts: { segment: ['enterprise', 'SMB'] }, numbers: { alignment: 2, effort_days: 5 } });
    const merged = mergeRequests(a, b, SUM);
    expect(merged.texts.segment).toEqual(['Enterprise', 'SMB']);
    expect(merged.numbers).toMatchObject({ alignment: 4, effort_days: 5 });
  });
});

describe('decideRequest', () => {
  it("overrides the export's values with the assessed ones", () => {
    const decided = decideRequest(request('A', [], { numbers: { alignment: 2 }, texts: { effort: ['XL', 'L'] } }), {
      decision: 'accept',
      values: { alignment: 5, effort: 'S' },
    });
    expect(decided.numbers.alignment).toBe(5);
    expect(decided.texts.effort).toEqual(['S']);
    expect(decided.decision?.decision).toBe('accept');
  });
});

describe('applyDecisions', () => {
  const requests = [request('FR-1', [['Xeno', 100]]), request('FR-2', [['Xeno', 40]]), request('FR-3', [['Zeta', 5]])];

  it('merges a request into its target and keeps declined requests listed', () => {
    const { requests: decided, issues } = applyDecisions(
      requests,
      { 'fr-2': { mergeInto: 'FR-1' }, 'FR-3': { decision: 'decline', reason: 'out of scope' } },
      SUM,
    );
    expect(issues).toEqual([]);
    expect(decided.map((r) => r.id)).toEqual(['FR-1', 'FR-3']);
    // Xeno asked for both: counted once with max(100, 40) = 100
    expect(decided[0]!.dealValue).toBe(100);
    expect(decided[1]!.decision?.decision).toBe('decline');
  });

  it('follows merge chains to the last target', () => {
    const { requests: decided } = applyDecisions(requests, { 'FR-3': { mergeInto: 'FR-2' }, 'FR-2': { mergeInto: 'FR-1' } }, SUM);
    expect(decided.map((r) => r.id)).toEqual(['FR-1']);
    expect(decided[0]!.mergedIds?.sort()).toEqual(['FR-2', 'FR-3']);
    // Xeno max(100, 40) + Zeta 5 = 105
    expect(decided[0]!.dealValue).toBe(105);
  });

  it.each([
    [{ 'FR-9': { decision: 'accept' as const } }, 'DECISION_UNKNOWN_REQUEST'],
    [{ 'FR-1': { mergeInto: 'FR-9' } }, 'MERGE_TARGET_UNKNOWN'],
    [{ 'FR-1': { mergeInto: 'FR-2' }, 'FR-2': { mergeInto: 'FR-1' } }, 'MERGE_CYCLE'],
  ])('reports %j as %s and drops no request', (decisions, code) => {
    const { requests: decided, issues } = applyDecisions(requests, decisions, SUM);
    expect(issues.map((i) => i.code)).toContain(code);
    expect(decided).toHaveLength(3);
  });
});

describe('checkDecisionValues', () => {
  const model = modelOf({
    criteria: {
      effort: { weight: 1, field: 'effort', map: { S: 1, L: 0 } },
      alignment: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 },
    },
  });

  it.each([
    [{ effort: 's', alignment: 4 }, []],
    [{ effort: 'XXL' }, ['DECISION_VALUE_UNKNOWN']],
    [{ alignment: 'high' }, ['DECISION_VALUE_NOT_A_NUMBER']],
    // ranges a PM is unsure of: scored at their middle, sampled by --uncertainty
    [{ effort: 'S-L', alignment: '3-4' }, []],
    [{ effort: 'S-XXL' }, ['DECISION_VALUE_UNKNOWN']],
    [{ unused_field: 'x' }, []],
  ])('values %j give %j', (values, codes) => {
    expect(checkDecisionValues({ 'FR-1': { values } }, model).map((i) => i.code)).toEqual(codes);
  });
});
