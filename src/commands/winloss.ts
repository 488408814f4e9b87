import { ExitCode } from '../errors.js';
import { loadConfig } from '../input/load-config.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { renderWinLoss, type WinLossReview } from '../reporters/winloss.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { joinDeals } from '../core/ranking.js';
import { buildRankingReport, readAccountsOption, readDealsFile, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface WinLossOptions extends Omit<PipelineOptions, 'winLoss'> {
  /** The request export whose ranking the citations are compared with. */
  requests?: string;
  output?: string;
}

/** pm-rank winloss: loss reasons by value and segment, cited requests against their rank. */
export async function runWinLoss(deals: string, options: WinLossOptions, context: CommandContext): Promise<ExitCode> {
  if (options.output) assertNotAnInput(options.output, [deals, options.requests, options.config, options.accounts], context.cwd);
  const review = options.requests
    ? await reviewAgainstRanking(deals, options.requests, options, context)
    : await reviewAlone(deals, options, context);
  context.stderr.write(renderDiagnostics(review.join.issues, { color: context.isColor }));
  await emitResult(renderWinLoss(review), options.output, context);
  return ExitCode.ok;
}

async function reviewAgainstRanking(
  deals: string,
  requests: string,
  options: WinLossOptions,
  context: CommandContext,
): Promise<WinLossReview> {
  const report = await buildRankingReport(requests, { ...options, winLoss: deals }, context);
  // buildRankingReport already merged the deals' issues into the report's.
  const join = { ...report.winLoss!, issues: report.issues };
  return { join, source: deals, ranked: report.ranked, ...(report.summary.currency ? { currency: report.summary.currency } : {}) };
}

async function reviewAlone(deals: string, options: WinLossOptions, context: CommandContext): Promise<WinLossReview> {
  const { model } = await loadConfig(options.config, context.cwd);
  const hierarchy = await readAccountsOption(options.accounts, model, context);
  const join = joinDeals([], await readDealsFile(deals, model.currency.base, model, options, context), hierarchy);
  // Without requests every citation is "unmatched": that is the list to show, not a warning each.
  const issues = [...(hierarchy?.issues ?? []), ...join.issues.filter((i) => i.code !== 'CITATION_UNMATCHED')];
  return { join: { ...join, issues }, source: deals, ...(model.currency.base ? { currency: model.currency.base } : {}) };
}
