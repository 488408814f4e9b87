import { PassThrough } from 'node:stream';
import { buildRankingReport } from '../../src/commands/score.js';
import { configSchema, toScoringModel } from '../../src/core/model.js';
import { rankRequests } from '../../src/core/rank.js';
import { scoreRequests } from '../../src/core/score.js';
import type { FeatureRequest, ScoringModel } from '../../src/core/types.js';
import type { RankingReport } from '../../src/reporters/types.js';
import { ROOT } from './exec.js';

export const FIXTURE_FILES = ['requests.csv', 'hubspot-deals.csv', 'jira-issues.csv', 'europe-semicolon.csv'] as const;

/** A fixture read, scored and ranked with the default model, in process. */
export async function loadFixtureReport(name: string): Promise<RankingReport> {
  const ignore = { write: () => true };
  return buildRankingReport(
    `fixtures/${name}`,
    {},
    { cwd: ROOT, stdin: new PassThrough(), stdout: ignore, stderr: ignore, isColor: false },
  );
}

/** A model from a config literal, validated like a scoring.yaml. */
export function modelOf(config: unknown): ScoringModel {
  return toScoringModel(configSchema.parse(config));
}

/** A request with only the fields a test cares about. */
export function requestOf(id: string, fields: Partial<FeatureRequest> = {}): FeatureRequest {
  return { id, title: id, lines: [2], accounts: [{ name: `${id} customer` }], numbers: {}, texts: {}, ...fields };
}

/** A report of constructed requests, as buildRankingReport would return it. */
export function reportOf(requests: FeatureRequest[], model: ScoringModel): RankingReport {
  return {
    ranked: rankRequests(scoreRequests(requests, model)),
    issues: [],
    summary: {
      source: 'requests.csv',
      rows: requests.length,
      skippedRows: 0,
      footerLines: 0,
      encoding: 'utf-8',
      delimiter: ',',
      currency: 'USD',
      columns: {},
    },
    model,
    modelSource: 'scoring.yaml',
  };
}

/** The effort scale of the default model. */
export const EFFORT_MAP = { XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0 };
