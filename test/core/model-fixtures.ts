import type { Config } from '../../src/core/config/schema.js';
import { toScoringModel } from '../../src/core/config/normalize.js';
import type { FeatureRequest, ScoringModel } from '../../src/core/types.js';

/** A model from a partial config, so each test states only what it is about. */
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
