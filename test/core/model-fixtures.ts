import type { Config } from '../../src/core/config/schema.js';
import { toScoringModel } from '../../src/core/config/normalize.js';
import type { FeatureRequest, FrameworkModel, ScoringModel, WeightedModel } from '../../src/core/types.js';

/** A model from a partial config, so each test states only what it is about; weighted unless it names a framework. */
export function modelOf(config: Partial<Config> & { model?: 'weighted' }): WeightedModel;
export function modelOf(config: Partial<Config> & { model: FrameworkModel['kind'] }): FrameworkModel;
export function modelOf(config: Partial<Config>): ScoringModel;
export function modelOf(config: Partial<Config>): ScoringModel {
  return toScoringModel({
    version: 1,
    columns: {},
    currency: { rates: {} },
    aggregate: { deal_value: 'sum' },
    model: 'weighted',
    horizons: [],
    escalation: [],
    ...config,
  });
}

export function requestOf(partial: Partial<FeatureRequest> & { id: string }): FeatureRequest {
  return { title: partial.id, lines: [2], accounts: [], numbers: {}, texts: {}, ...partial };
}

/** The model as weighted, for tests about criteria and weights; fails the test if it is a framework. */
export function weightedOf(model: ScoringModel): WeightedModel {
  if (model.kind !== 'weighted') throw new Error(`expected a weighted model, got ${model.kind}`);
  return model;
}
