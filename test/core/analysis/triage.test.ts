import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../src/core/config/schema.js';
import { toScoringModel } from '../../../src/core/config/normalize.js';
import { rankRequests } from '../../../src/core/scoring/rank.js';
import { scoreRequests } from '../../../src/core/scoring/score.js';
import { assessedCriteria, potentialScore, redecide, triageQueue } from '../../../src/core/analysis/triage.js';
import type { FeatureRequest } from '../../../src/core/types.js';

// Weights sum to 100, so points = weight * normalized.
const model = toScoringModel(
  configSchema.parse({
    version: 1,
    criteria: {
      deal_value: { weight: 60, field: 'deal_value', scale: 'linear', min: 0, max: 100 },
      alignment: { weight: 30, field: 'alignment', scale: 'linear', min: 1, max: 5, missing: 0.5 },
      effort: { weight: 10, field: 'effort', map: { S: 1, L: 0 }, missing: 0.5 },
    },
  }),
);

function request(id: string, deal: number, alignment?: number, effort?: string): FeatureRequest {
  return {
    id,
    title: id,
    lines: [],
    accounts: [{ name: `${id} Inc`, dealValue: deal }],
    dealValue: deal,
    numbers: { deal_value: deal, ...(alignment === undefined ? {} : { alignment }) },
    texts: effort === undefined ? {} : { effort: [effort] },
  };
}

// P: 60*0.5 + 30*0.5 (missing) + 10*0.5 (missing) = 50; potential 50 + 15 + 5 = 70
// Q: 60*1 + 30*0 + 10*0 = 60; potential 60
// R: 60*0 + 30*1 + 10*1 = 40; potential 40
const scored = rankRequests(scoreRequests([request('P', 50), request('Q', 100, 1, 'L'), request('R', 0, 5, 'S')], model));

describe('triage core', () => {
  it('asks about the criteria sales does not fill in', () => {
    expect(assessedCriteria(model).map((c) => c.name)).toEqual(['alignment', 'effort']);
  });

  it('scores the potential: the missing criteria at their best', () => {
    const byId = Object.fromEntries(scored.map((r) => [r.id, potentialScore(r, model)]));
    expect(byId.P).toBeCloseTo(70, 9);
    expect(byId.Q).toBeCloseTo(60, 9);
  });

  it('walks untriaged requests by potential, not by score', () => {
    expect(triageQueue(scored, model, 'untriaged').queue.map((r) => r.id)).toEqual(['P', 'Q', 'R']);
    expect(scored.map((r) => r.id)).toEqual(['Q', 'P', 'R']);
  });

  it('leaves out decided requests and names unknown ids', () => {
    const decided = redecide(scored, 'Q', { decision: 'defer', reason: 'later' }, model).requests;
    expect(triageQueue(decided, model, 'untriaged').queue.map((r) => r.id)).toEqual(['P', 'R']);
    expect(triageQueue(decided, model, ['r', 'X']).missing).toEqual(['X']);
  });

  it('asks first about the request whose uncertain value most decides the top N (value of information)', () => {
    // R has the lowest potential but the most decisive range; Q's range decides less.
    const decisiveness = new Map([
      ['R', 0.6],
      ['Q', 0.2],
    ]);
    expect(triageQueue(scored, model, 'untriaged', decisiveness).queue.map((r) => r.id)).toEqual(['R', 'Q', 'P']);
  });

  it('puts a half-answered request first, so a rerun resumes where the PM stopped', () => {
    const started = redecide(scored, 'R', { values: { alignment: 5 } }, model).requests;
    expect(triageQueue(started, model, 'untriaged').queue.map((r) => r.id)).toEqual(['R', 'P', 'Q']);
  });

  it('re-scores only the changed request and gives its new place', () => {
    // P with alignment 5, effort S: 30 + 30 + 10 = 70, ahead of Q (60)
    const { changed, place, requests } = redecide(scored, 'P', { values: { alignment: 5, effort: 'S' } }, model);
    expect(changed.score).toBeCloseTo(70, 9);
    expect(place).toBe(1);
    expect(requests).toHaveLength(3);
  });

  it('merges into the target and drops the merged request', () => {
    // Q + R: accounts Q Inc 100 + R Inc 0 = 100 -> 60; alignment Q's 1 -> 0; effort L or S, best S -> 10; score 70
    const { changed, place, requests } = redecide(scored, 'R', { mergeInto: 'Q' }, model);
    expect(changed.id).toBe('Q');
    expect(changed.score).toBeCloseTo(70, 9);
    expect(requests.map((r) => r.id).sort()).toEqual(['P', 'Q']);
    expect(place).toBe(1);
  });
});
