import { describe, expect, it } from 'vitest';
import { rankInputs, type RankingInputs } from '../../src/core/ranking.js';
import { summaryOf } from '../helpers/fixtures.js';
import { modelOf, requestOf } from './model-fixtures.js';

// Σw = 3 + 1 = 4, so fit gives up to 100·3/4 = 75 points and loss up to 100·1/4 = 25.
const model = modelOf({
  criteria: {
    fit: { weight: 3, field: 'alignment', scale: 'linear', min: 1, max: 5 },
    loss: { weight: 1, field: 'lost_value', scale: 'linear', min: 0, max: 100 },
  },
});
const requests = [
  requestOf({ id: 'A', numbers: { alignment: 5 } }),
  requestOf({ id: 'B', numbers: { alignment: 3 } }),
  requestOf({ id: 'C', numbers: { alignment: 1 } }),
];

function inputs(extra: Partial<RankingInputs> = {}): RankingInputs {
  return {
    model,
    configSource: 'scoring.yaml',
    read: { requests, issues: [], summary: summaryOf('requests.csv', 3) },
    asOf: 20_000,
    ...extra,
  };
}

describe('rankInputs', () => {
  it('applies decisions and joins closed deals before it scores and ranks', () => {
    const report = rankInputs(
      inputs({
        decisions: { path: 'decisions.yaml', decisions: { B: { values: { alignment: 5 } } } },
        deals: {
          source: 'deals.csv',
          issues: [],
          rows: [{ line: 2, name: 'Acme renewal', stage: 'Closed Lost', amount: 100, cited: ['C'] }],
        },
      }),
    );
    // A: fit (5-1)/4 = 1 → 75, lost 0 → 0: 75. B: assessed 5 instead of 3 → 75 (not 37.5), lost 0: 75.
    // C: fit (1-1)/4 = 0, lost 100/100 = 1 → 25: 25. A and B tie on 75 and no deal value: id decides.
    expect(report.ranked.map((r) => [r.id, r.score])).toEqual([
      ['A', 75],
      ['B', 75],
      ['C', 25],
    ]);
    expect(report.winLoss?.deals).toHaveLength(1);
    expect(report.issues).toEqual([]);
    expect(report).toMatchObject({ configSource: 'scoring.yaml', asOf: 20_000 });
  });

  it('warns that lost_value needs --win-loss, and locates decision findings in the decisions file', () => {
    const report = rankInputs(inputs({ decisions: { path: 'decisions.yaml', decisions: { Z: { decision: 'accept' } } } }));
    expect(report.issues.map((i) => [i.code, i.file])).toEqual([
      ['WIN_LOSS_NOT_GIVEN', undefined],
      ['DECISION_UNKNOWN_REQUEST', 'decisions.yaml'],
    ]);
    expect(report.issues[1]!.message).toMatch(/^decisions\.yaml: /);
  });
});
