import { describe, expect, it } from 'vitest';
import { findCounterfactuals, type Change } from '../../../src/core/analysis/counterfactual.js';
import { diffRankings } from '../../../src/core/analysis/diff.js';
import { analyzeSensitivity, type RequestSensitivity } from '../../../src/core/analysis/sensitivity.js';
import { assessedCriteria, assessedInputs, potentialScore, triageQueue } from '../../../src/core/analysis/triage.js';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequests } from '../../../src/core/scoring/score.js';
import type { ModelKind, RankedRequest } from '../../../src/core/types.js';
import { KIND_CASES, TOP } from '../../helpers/kinds.js';

/** Each preset's four requests ranked; the scores are worked out in test/helpers/kinds.ts. */
function rankCase(kind: ModelKind): { ranked: RankedRequest[]; model: (typeof KIND_CASES)[ModelKind]['model'] } {
  const { model, requests } = KIND_CASES[kind];
  return { ranked: rankRequests(scoreRequests(requests, model), model.tiebreak), model };
}

/** "field from -> to" of a change, whatever its kind. */
function describe1(change: Change): string {
  return `${change.field} ${change.from ?? 'not set'} -> ${change.to}`;
}

describe('each preset ranks its four requests as worked out by hand', () => {
  it.each([
    ['weighted', ['A', 'B', 'C', 'D'], [100, 60, 58, 28]],
    ['rice', ['A', 'B', 'C', 'D'], [800, 750, 600, 0]],
    ['wsjf', ['A', 'B', 'C', 'D'], [5.2, 4.2, 3.25, 0]],
    ['ice', ['B', 'A', 'C', 'D'], [23 / 3, 20 / 3, 17 / 3, 0]],
  ] as const)('%s', (kind, ids, scores) => {
    const { ranked } = rankCase(kind);
    expect(ranked.map((r) => r.id)).toEqual(ids);
    ranked.forEach((r, i) => expect(r.score).toBeCloseTo(scores[i]!, 9));
    // A framework cannot score D (an input is missing); the weighted model scores its missing values.
    expect(ranked[3]!.unscorable !== undefined).toBe(kind !== 'weighted');
  });
});

describe('counterfactuals: the smallest single change that takes C (3rd) into the top 2, in the model’s own terms', () => {
  it.each([
    // 58 needs 60 (B; Next is 60 too). alignment: 0.25 + 2/30 = 0.3167 -> 1 + 4 x 0.3167 = 2.27, whole -> 3:
    // 58 - 7.5 + 15 = 65.5 (moves 0.25); effort L -> M: 58 + 2.5 = 60.5 (0.25); SMB -> Mid-Market: 58 - 8 + 14 = 64 (0.3).
    // deal_value is at its max already.
    ['weighted', ['alignment 2 -> 3', 'effort L -> M', 'segment SMB -> Mid-Market'], [65.5, 60.5, 64]],
    // 600 needs to pass 750 (B; a tie goes to B by id). effort: 600 / 750 = 0.8 ties, one step less 0.79 -> 759.49 (-21%);
    // reach: 750 ties, 760 -> 760 (+27%); impact: 750 / 600 = 1.25 -> the next word up, high (2) -> 1200 (+100%).
    // confidence would need 125%.
    ['rice', ['effort 1 -> 0.79', 'reach 600 -> 760', 'impact 1 -> high'], [600 / 0.79, 760, 1200]],
    // 3.25 needs to pass 4.2 (B). job size: 26 / 4.2 = 6.19 -> 6.1 -> 4.26 (-24%); business value: 4.2 x 8 - 13 = 20.6 -> 21
    // -> 34 / 8 = 4.25 (+62%); risk reduction: 33.6 - 18 = 15.6 -> 16 (+100%); time criticality: 33.6 - 21 = 12.6 -> 13 (+160%).
    [
      'wsjf',
      ['job_size 8 -> 6.1', 'business_value 13 -> 21', 'risk_reduction 8 -> 16', 'time_criticality 5 -> 13'],
      [26 / 6.1, 4.25, 4.25, 4.25],
    ],
    // 17/3 needs to pass 20/3 (A). impact: 20 - 11 = 9 ties (A first by id), 9.1 -> 20.1 / 3 = 6.7 (+52%);
    // confidence the same; ease: 20 - 12 = 8 ties, 8.1 -> 6.7 (+62%). Nothing past 10, ICE's top.
    ['ice', ['impact 6 -> 9.1', 'confidence 6 -> 9.1', 'ease 5 -> 8.1'], [6.7, 6.7, 6.7]],
  ] as const)('%s', (kind, changes, scores) => {
    const { ranked, model } = rankCase(kind);
    const c = ranked.find((r) => r.id === 'C')!;
    const top = findCounterfactuals(c, ranked, model, TOP).filter((x) => x.target.kind === 'top');
    expect(top.map((x) => describe1(x.change))).toEqual(changes);
    top.forEach((x, i) => expect(x.score).toBeCloseTo(scores[i]!, 9));
  });

  it('reach a framework horizon in the framework’s unit', () => {
    // RICE with Now >= 700: C (600) needs 700. effort 600 / 700 = 0.857 -> 0.85 -> 705.88; reach 700 -> 700 (reaches: >=).
    const { model, requests } = KIND_CASES.rice;
    const withNow = { ...model, horizons: [{ name: 'Now', min_score: 700 }, { name: 'Later' }] };
    const ranked = rankRequests(scoreRequests(requests, withNow));
    const c = ranked.find((r) => r.id === 'C')!;
    const horizon = findCounterfactuals(c, ranked, withNow, 3).filter((x) => x.target.kind === 'horizon');
    expect(horizon.map((x) => describe1(x.change))).toEqual(['effort 1 -> 0.85', 'reach 600 -> 700', 'impact 1 -> high']);
    expect(horizon[0]!.score).toBeCloseTo(600 / 0.85, 9);
  });
});

describe('sensitivity asks each kind its own question: weights for weighted criteria, one input of one request for a framework', () => {
  /** What the reporter will say, as data: the change's kind and what it moves. */
  const summarize = (r: RequestSensitivity) => {
    if (r.change === undefined) return `${r.id} none`;
    if (r.change.kind === 'weight') return `${r.id} weight ${r.change.criterion} ${r.change.from} -> ${r.change.to}`;
    return `${r.id} input ${describe1(r.change.change)}`;
  };

  it.each([
    // Weighted sums (weights add up to 100, so they are the scores): A 100, B 60, C 58, D 28; B and C differ by 2 only in
    // deal_value (C 1, B 0): at deal weight 42 they tie, 42.01 swaps them. A keeps 2 requests below it under any one
    // weight, D needs to pass two requests and no single weight does that.
    ['weighted', ['A none', 'B weight deal_value 40 -> 42.01', 'C weight deal_value 40 -> 42.01', 'D none']],
    // Out: fall below C (600). A: reach 600 x 2 / 1.6 = 750 ties (A first by id), 740 -> 592 (-26%); confidence 0.6 ties,
    // 0.59 -> 590 (-26.25%). B: reach 600 / 1.2 = 500 ties, 490 -> 588 (-21.6%); confidence 0.32 ties, 0.31 (-22.5%).
    // In: pass B (750). C: effort 0.79 (see counterfactuals). D: effort 150 / 750 = 0.2 ties, 0.19 -> 789.47.
    ['rice', ['A input reach 1000 -> 740', 'B input reach 625 -> 490', 'C input effort 1 -> 0.79', 'D input effort not set -> 0.19']],
    // Out: fall below C (3.25). A: job size 26 / 3.25 = 8 ties, 8.1 -> 3.21 (+62%); risk reduction 16.25 - 13 = 3.25 -> 3.2
    // (-75%); business value would go below 0. B: job size 21 / 3.25 = 6.46 -> 6.5 -> 3.23 (+30%).
    // In: C job size 6.1; D: job size 0 (cannot be scored) -> 16 / 4.2 = 3.81 -> 3.8 -> 4.21.
    ['wsjf', ['A input job_size 5 -> 8.1', 'B input job_size 5 -> 6.5', 'C input job_size 8 -> 6.1', 'D input job_size 0 -> 3.8']],
    // Out: fall below C (17/3). B: impact would need 0 (below ICE's 1); confidence 17 - 14 = 3 ties, 2.9 (-68%); ease 2 ties,
    // 1.9 (-76%). A: impact 17 - 12 = 5 ties, 4.9 (-39%); confidence 3.9 (-44%). In: C impact 9.1; D ease 20 - 18 = 2 ties, 2.1.
    ['ice', ['B input confidence 9 -> 2.9', 'A input impact 8 -> 4.9', 'C input impact 6 -> 9.1', 'D input ease not set -> 2.1']],
  ] as const)('%s', (kind, expected) => {
    const { ranked, model } = rankCase(kind);
    const results = analyzeSensitivity(ranked, model, { top: TOP, spread: 0.2, seed: 1, samples: 200 });
    expect(results.map(summarize)).toEqual(expected);
  });

  it.each(['rice', 'wsjf', 'ice'] as const)('%s: each reported input change really crosses the line when re-ranked', (kind) => {
    const { ranked, model } = rankCase(kind);
    for (const r of analyzeSensitivity(ranked, model, { top: TOP, spread: 0.2, seed: 1, samples: 50 })) {
      if (r.change?.kind !== 'input') continue;
      const { field, to } = r.change.change;
      const changed = KIND_CASES[kind].requests.map((x) => {
        if (x.id !== r.id) return x;
        return typeof to === 'string' ? { ...x, texts: { ...x.texts, [field]: [to] } } : { ...x, numbers: { ...x.numbers, [field]: to } };
      });
      const rank = rankRequests(scoreRequests(changed, model)).find((x) => x.id === r.id)!.rank;
      expect(rank <= TOP, `${r.id} ${field} -> ${to}`).toBe(!r.isTop);
    }
  });

  it('varies each request’s inputs, not weights: the order of the shares follows the scores, an unscorable request never gets in', () => {
    // RICE A 800, B 750, C 600: with every input of every request within ±20%, C (20% below B) passes B in some samples.
    const { ranked, model } = rankCase('rice');
    const results = analyzeSensitivity(ranked, model, { top: TOP, spread: 0.2, seed: 1, samples: 500 });
    const shares = new Map(results.map((r) => [r.id, r.topShare]));
    expect(shares.get('A')).toBeGreaterThan(shares.get('B')!);
    expect(shares.get('B')).toBeGreaterThan(shares.get('C')!);
    expect(shares.get('C')).toBeGreaterThan(0);
    expect(shares.get('D')).toBe(0);
    // Two places in every sample.
    expect([...shares.values()].reduce((sum, s) => sum + s, 0)).toBeCloseTo(TOP, 9);
  });
});

describe('triage', () => {
  it.each([
    // B has no deal value (missing 0): it could reach 60 + 40 = 100; D too: 28 + 40 = 68; A and C have every value.
    // The PM assesses the criteria sales does not fill in.
    ['weighted', [100, 100, 58, 68], ['alignment', 'effort']],
    // A framework's inputs have no best value to assume: no potential; the PM estimates every input.
    ['rice', [undefined, undefined, undefined, undefined], ['reach', 'impact', 'confidence', 'effort']],
    ['wsjf', [undefined, undefined, undefined, undefined], ['business_value', 'time_criticality', 'risk_reduction', 'job_size']],
    ['ice', [undefined, undefined, undefined, undefined], ['impact', 'confidence', 'ease']],
  ] as const)('%s: potential and what the PM assesses', (kind, potentials, assessed) => {
    const { ranked, model } = rankCase(kind);
    const byId = (id: string) => ranked.find((r) => r.id === id)!;
    expect(['A', 'B', 'C', 'D'].map((id) => potentialScore(byId(id), model))).toEqual(potentials);
    const questions = [...assessedCriteria(model).map((c) => c.field), ...assessedInputs(model).map((q) => q.field)];
    expect(questions).toEqual(assessed);
  });

  it('offers RICE impact and confidence, and ICE inputs, on their own scales; other inputs as numbers', () => {
    const choices = (kind: ModelKind) => assessedInputs(KIND_CASES[kind].model).map((q) => q.choices?.map((c) => c.value));
    expect(choices('rice')).toEqual([undefined, [3, 2, 1, 0.5, 0.25], [1, 0.8, 0.5], undefined]);
    expect(choices('wsjf')).toEqual([undefined, undefined, undefined, undefined]);
    expect(choices('ice')).toEqual(Array.from({ length: 3 }, () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  it.each([
    // Highest potential first: A and B 100 (A scores more), then D 68, then C 58.
    ['weighted', ['A', 'B', 'D', 'C']],
    // A framework queue follows its ranking; the request it cannot score comes last.
    ['rice', ['A', 'B', 'C', 'D']],
    ['wsjf', ['A', 'B', 'C', 'D']],
    ['ice', ['B', 'A', 'C', 'D']],
  ] as const)('%s: queue order', (kind, ids) => {
    const { ranked, model } = rankCase(kind);
    expect(triageQueue(ranked, model, 'all').queue.map((r) => r.id)).toEqual(ids);
  });
});

describe('diff keeps which requests a framework could not score', () => {
  it.each([
    ['rice', 'effort missing'],
    ['wsjf', 'job_size missing'],
    ['ice', 'ease missing'],
  ] as const)('%s', (kind, reason) => {
    // The presets have no horizons and the weighted example has three, so every request moves horizon.
    const diff = diffRankings(rankCase(kind).ranked, rankCase('weighted').ranked, TOP);
    const before = new Map(diff.horizonMoves.map((c) => [c.id, c.before]));
    expect(before.get('D')?.unscorable).toBe(reason);
    expect(before.get('C')?.unscorable).toBeUndefined();
    expect(diff.horizonMoves.find((c) => c.id === 'D')?.after?.unscorable).toBeUndefined();
  });
});
