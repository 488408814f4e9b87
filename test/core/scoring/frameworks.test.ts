import { describe, expect, it } from 'vitest';
import { fieldUsage } from '../../../src/core/text/fields.js';
import { findFrameworkIssues, scoreFramework } from '../../../src/core/scoring/frameworks.js';
import { scoreRequest } from '../../../src/core/scoring/score.js';
import { modelOf, requestOf } from '../model-fixtures.js';

const rice = modelOf({ model: 'rice' });
const wsjf = modelOf({ model: 'wsjf' });
const ice = modelOf({ model: 'ice' });

function riceOf(reach: number, impact: string, confidence: number, effort: number) {
  return requestOf({ id: 'A', numbers: { reach, confidence, effort }, texts: { impact: [impact] } });
}

describe('RICE', () => {
  it('reproduces a published example', () => {
    // "RICE Framework" (timeclick-software/awesome-time-tracking, details/rice-framework.md), Feature A:
    // 2,000 reach x 2 (high) x 80% / 4 person-months = 800
    const result = scoreFramework(rice, riceOf(2000, '2', 0.8, 4));
    expect(result.score).toBe(800);
    expect(result.explanation).toBe('2000 reach x 2 impact x 80% / 4 person-months = 800');
  });

  it.each([
    ['massive', 3],
    ['High', 2],
    [' medium ', 1],
    ['low', 0.5],
    ['minimal', 0.25],
    ['0.5', 0.5],
    ['0,25', 0.25],
  ])('reads impact %j as %d on Intercom scale', (word, value) => {
    // reach 100, confidence 100%, effort 1 -> the score is 100 x impact
    expect(scoreFramework(rice, riceOf(100, word, 1, 1)).score).toBe(100 * value);
  });

  it.each([
    [0.8, 0.8], // a share (the reader already turns "80%" into 0.8)
    [80, 0.8], // a bare number above 1 is a percentage
    [1, 1], // 1 is 100%, not 1%
    [50, 0.5],
  ])('reads confidence %d as %d', (cell, share) => {
    expect(scoreFramework(rice, riceOf(100, '1', cell, 1)).score).toBeCloseTo(100 * share, 12);
  });

  it.each([
    [requestOf({ id: 'A', numbers: { reach: 1, confidence: 1 }, texts: { impact: ['1'] } }), 'effort missing'],
    [riceOf(1, '1', 1, 0), 'effort missing'], // zero effort is never a division by zero
    [requestOf({ id: 'A', numbers: { confidence: 1 }, texts: { impact: ['huge'] } }), 'reach, impact, effort missing'],
  ])('cannot score a request missing an input: %#', (request, reason) => {
    const result = scoreFramework(rice, request);
    expect(result.score).toBeUndefined();
    expect(result.unscorable).toBe(reason);
    expect(result.explanation).toBe(`cannot be scored: ${reason}`);
  });
});

describe('WSJF', () => {
  it('divides the cost of delay by the job size', () => {
    // (8 + 5 + 13) / 5 = 26 / 5 = 5.2
    const request = requestOf({ id: 'A', numbers: { business_value: 8, time_criticality: 5, risk_reduction: 13, job_size: 5 } });
    expect(scoreFramework(wsjf, request).score).toBe(5.2);
  });

  it('cannot score a zero job size', () => {
    const request = requestOf({ id: 'A', numbers: { business_value: 8, time_criticality: 5, risk_reduction: 13, job_size: 0 } });
    expect(scoreFramework(wsjf, request).unscorable).toBe('job_size missing');
  });
});

describe('ICE', () => {
  const referral = requestOf({ id: 'A', numbers: { impact: 8, confidence: 7, ease: 5 } });
  it('averages by default', () => {
    // (8 + 7 + 5) / 3 = 20 / 3 = 6.666...
    const result = scoreFramework(ice, referral);
    expect(result.score).toBeCloseTo(20 / 3, 12);
    expect(result.explanation).toBe('(8 impact + 7 confidence + 5 ease) / 3 = 6.67');
  });

  it('multiplies with combine: product', () => {
    expect(scoreFramework(modelOf({ model: 'ice', combine: 'product' }), referral).score).toBe(280); // 8 x 7 x 5
  });

  it('does not read confidence as a percentage (it is 1-10)', () => {
    const request = requestOf({ id: 'A', numbers: { impact: 9, confidence: 9, ease: 9 } });
    expect(scoreFramework(ice, request).score).toBe(9);
  });
});

describe('framework models', () => {
  const model = modelOf({ model: 'rice', horizons: [{ name: 'Now', min_score: 500 }, { name: 'Later' }] });

  it('place framework scores in horizons by their own unit; an unscorable request gets none', () => {
    // 450 x 3 x 1 / 2 = 675 >= 500 -> Now; 100 x 1 x 1 / 1 = 100 -> Later
    expect(scoreRequest(riceOf(450, 'massive', 1, 2), model).horizon).toBe('Now');
    expect(scoreRequest(riceOf(100, 'medium', 1, 1), model).horizon).toBe('Later');
    expect(scoreRequest(riceOf(100, 'medium', 1, 0), model).horizon).toBeUndefined();
  });

  it('warn once per unscorable request, naming its rows', () => {
    const scored = [scoreRequest({ ...riceOf(1, '1', 1, 0), lines: [4, 9] }, model), scoreRequest(riceOf(1, '1', 1, 1), model)];
    expect(findFrameworkIssues(scored, rice).map((i) => [i.code, i.severity, i.line, i.message])).toEqual([
      ['CANNOT_BE_SCORED', 'warning', 4, '"A" (rows 4, 9) cannot be scored: effort missing; ranked last'],
    ]);
  });

  it.each([
    [rice, riceOf(100, '4', 0.8, 1), ['impact']], // 4 is not on 3/2/1/0.5/0.25
    [rice, riceOf(100, '0.25', 150, 1), ['confidence']], // 150 -> 150%, above 100%
    [rice, riceOf(100, 'low', 0.5, 1), []],
    [ice, requestOf({ id: 'A', numbers: { impact: 0, confidence: 10, ease: 11 } }), ['impact', 'ease']],
    [ice, requestOf({ id: 'A', numbers: { impact: 1, confidence: 10, ease: 5 } }), []],
  ])('warn about inputs off the scale: %#', (framework, request, fields) => {
    const issues = findFrameworkIssues([scoreRequest(request, modelOf({ model: framework.kind }))], framework);
    expect(issues.map((i) => i.code)).toEqual(fields.map(() => 'INPUT_OFF_SCALE'));
    fields.forEach((field, i) => expect(issues[i]!.message).toContain(field));
  });

  it.each([
    ['wsjf', 'job_size', true], // a divisor: the smaller job first
    ['wsjf', 'time_criticality', false],
    ['rice', 'confidence', false],
  ] as const)('%s tiebreak %s ranks ascending: %s', (name, tiebreak, isAscending) => {
    expect(modelOf({ model: name, tiebreak }).tiebreak).toEqual({ name: tiebreak, isAscending });
  });

  it('read their inputs as numbers, except RICE impact, which may be a word', () => {
    const usage = fieldUsage(model);
    expect(usage.get('reach')).toEqual({ isNumeric: true, isText: false });
    expect(usage.get('impact')).toEqual({ isNumeric: false, isText: true });
    expect(fieldUsage(modelOf({ model: 'ice' })).get('impact')).toEqual({ isNumeric: true, isText: false });
  });
});
