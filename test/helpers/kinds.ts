import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureRequest, ModelKind, ScoringModel } from '../../src/core/types.js';
import { loadConfigText } from '../../src/input/parse-config.js';
import { requestOf } from '../core/model-fixtures.js';
import { ROOT } from './exec.js';

/**
 * Four requests for each preset, ranked A, B, C, D (ICE: B, A, C, D), with the top 2
 * above the line; D lacks an input, so a framework cannot score it. The scores, worked
 * by hand, are in each case's comment; the tests derive their expected numbers from them.
 */
export interface KindCase {
  kind: ModelKind;
  preset: string;
  model: ScoringModel;
  requests: FeatureRequest[];
}

export const TOP = 2;

function presetModel(preset: string): ScoringModel {
  return loadConfigText(readFileSync(join(ROOT, preset), 'utf8'), preset).model;
}

const request = (id: string, numbers: Record<string, number>, texts: Record<string, string[]> = {}) =>
  requestOf({ id, title: `${id} title`, numbers, texts });

/**
 * scoring.example.yaml: weights 40 + 20 + 30 + 10 = 100, so points = weight x value.
 * A: deal 2,000,000 (log to its max: 1) 40 + Enterprise 20 + alignment 5 (1) 30 + XS 10 = 100
 * B: no deal 0 + Enterprise 20 + alignment 5 30 + XS 10                                 = 60
 * C: deal 2,000,000 40 + SMB (0.4) 8 + alignment 2 ((2-1)/4 = 0.25) 7.5 + L (0.25) 2.5   = 58
 * D: no deal 0 + SMB 8 + alignment 3 (0.5) 15 + M (0.5) 5                                = 28
 * Horizons: Now >= 75 (A), Next >= 60 (B), Later (C, D).
 */
const WEIGHTED: KindCase = {
  kind: 'weighted',
  preset: 'scoring.example.yaml',
  model: presetModel('scoring.example.yaml'),
  requests: [
    requestOf({ ...request('A', { deal_value: 2e6, alignment: 5 }, { segment: ['Enterprise'], effort: ['XS'] }), dealValue: 2e6 }),
    request('B', { alignment: 5 }, { segment: ['Enterprise'], effort: ['XS'] }),
    requestOf({ ...request('C', { deal_value: 2e6, alignment: 2 }, { segment: ['SMB'], effort: ['L'] }), dealValue: 2e6 }),
    request('D', { alignment: 3 }, { segment: ['SMB'], effort: ['M'] }),
  ],
};

/**
 * presets/rice.yaml: reach x impact x confidence / effort.
 * A: 1000 x 2 (high) x 80% / 2 = 800
 * B: 625 x 3 (massive) x 40% / 1 = 750
 * C: 600 x 1 (medium) x 100% / 1 = 600
 * D: 300 x 0.5 (low) x 100%, no effort: cannot be scored
 */
const RICE: KindCase = {
  kind: 'rice',
  preset: 'presets/rice.yaml',
  model: presetModel('presets/rice.yaml'),
  requests: [
    request('A', { reach: 1000, confidence: 0.8, effort: 2 }, { impact: ['high'] }),
    request('B', { reach: 625, confidence: 0.4, effort: 1 }, { impact: ['massive'] }),
    request('C', { reach: 600, confidence: 1, effort: 1 }, { impact: ['1'] }),
    request('D', { reach: 300, confidence: 1 }, { impact: ['low'] }),
  ],
};

/**
 * presets/wsjf.yaml: (business value + time criticality + risk reduction) / job size.
 * A: (8 + 5 + 13) / 5 = 26 / 5 = 5.2
 * B: (8 + 5 + 8) / 5 = 21 / 5 = 4.2
 * C: (13 + 5 + 8) / 8 = 26 / 8 = 3.25
 * D: (5 + 3 + 8) / 0: cannot be scored
 */
const WSJF: KindCase = {
  kind: 'wsjf',
  preset: 'presets/wsjf.yaml',
  model: presetModel('presets/wsjf.yaml'),
  requests: [
    request('A', { business_value: 8, time_criticality: 5, risk_reduction: 13, job_size: 5 }),
    request('B', { business_value: 8, time_criticality: 5, risk_reduction: 8, job_size: 5 }),
    request('C', { business_value: 13, time_criticality: 5, risk_reduction: 8, job_size: 8 }),
    request('D', { business_value: 5, time_criticality: 3, risk_reduction: 8, job_size: 0 }),
  ],
};

/**
 * presets/ice.yaml: (impact + confidence + ease) / 3.
 * B: (6 + 9 + 8) / 3 = 23 / 3 = 7.67 (first)
 * A: (8 + 7 + 5) / 3 = 20 / 3 = 6.67
 * C: (6 + 6 + 5) / 3 = 17 / 3 = 5.67
 * D: 9 + 9, no ease: cannot be scored
 */
const ICE: KindCase = {
  kind: 'ice',
  preset: 'presets/ice.yaml',
  model: presetModel('presets/ice.yaml'),
  requests: [
    request('A', { impact: 8, confidence: 7, ease: 5 }),
    request('B', { impact: 6, confidence: 9, ease: 8 }),
    request('C', { impact: 6, confidence: 6, ease: 5 }),
    request('D', { impact: 9, confidence: 9 }),
  ],
};

export const KIND_CASES: Record<ModelKind, KindCase> = { weighted: WEIGHTED, rice: RICE, wsjf: WSJF, ice: ICE };
