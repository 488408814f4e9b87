import { PassThrough, Readable } from 'node:stream';
import { buildRankingReport } from '../../src/pipeline/read-inputs.js';
import { findCounterfactualsByRequest } from '../../src/core/analysis/counterfactual.js';
import { renderPmReport, type MarkdownOptions } from '../../src/reporters/markdown/pm.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequests } from '../../src/core/scoring/score.js';
import type { FeatureRequest, ScoringModel } from '../../src/core/types.js';
import type { ReadSummary } from '../../src/input/csv/stream-csv.js';
import type { RankingReport } from '../../src/core/ranking.js';
import { modelOf } from '../core/model-fixtures.js';
import { ROOT } from './exec.js';

export const FIXTURE_FILES = ['requests.csv', 'hubspot-deals.csv', 'jira-issues.csv', 'europe-semicolon.csv'] as const;

/** A fixture read, scored and ranked with the default model, in process. */
export async function loadFixtureReport(name: string): Promise<RankingReport> {
  return rankExportText(`fixtures/${name}`, new PassThrough());
}

/** The text of an export, given on stdin, read, scored and ranked with the default model, in process. */
export async function loadCsvReport(csv: string): Promise<RankingReport> {
  return rankExportText('-', Readable.from([Buffer.from(csv)]));
}

function rankExportText(path: string, stdin: Readable): Promise<RankingReport> {
  return buildRankingReport(path, {}, { cwd: ROOT, stdin });
}

/** The summary of a read that found no columns worth naming: for reports built from constructed requests. */
export function summaryOf(source: string, rows: number): ReadSummary {
  return {
    source,
    rows,
    skippedRows: 0,
    footerLines: 0,
    encoding: 'utf-8',
    delimiter: ',',
    columns: {},
    header: [],
    choices: [],
    samples: [],
  };
}

/** A report of constructed requests, as buildRankingReport would return it. */
export function reportOf(requests: FeatureRequest[], model: ScoringModel): RankingReport {
  return {
    ranked: rankRequests(scoreRequests(requests, model)),
    issues: [],
    summary: { ...summaryOf('requests.csv', requests.length), currency: 'USD' },
    model,
    configSource: 'scoring.yaml',
  };
}

/** The effort scale of the default model. */
export const EFFORT_MAP = { XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0 };

/** Three criteria, weights 40 + 30 + 10 = 80, three horizons and one escalation rule. */
export const DEAL_ALIGNMENT_EFFORT = modelOf({
  criteria: {
    deal_value: { weight: 40, field: 'deal_value', scale: 'log', max: 2000000 },
    alignment: { weight: 30, field: 'alignment', scale: 'linear', min: 1, max: 5, missing: 0.5 },
    effort: { weight: 10, field: 'effort', map: EFFORT_MAP, missing: 0.5 },
  },
  horizons: [{ name: 'Now', min_score: 75 }, { name: 'Next', min_score: 50 }, { name: 'Later' }],
  escalation: [{ name: 'Strategic deal', when: { deal_value: { min: 250000 }, segment: ['Enterprise'] } }],
});

/** The PM report of a ranking, with the counterfactuals the report command finds for it. */
export function renderPmReportOf(report: RankingReport, options: MarkdownOptions): string {
  return renderPmReport({ ...report, counterfactuals: findCounterfactualsByRequest(report.ranked, report.model, options.top) }, options);
}
