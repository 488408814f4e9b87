import { digestChanges, findShipped } from '../core/analysis/digest.js';
import { ExitCode } from '../errors.js';
import { readAccountOwners } from '../input/read-owners.js';
import { openSource } from '../input/source.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { renderDigestJson, renderDigestMarkdown } from '../reporters/digest.js';
import type { RankingReport } from '../core/ranking.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { buildRankingReport, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface DigestOptions extends PipelineOptions {
  format: 'markdown' | 'json';
  output?: string;
  /** How many movers to list. */
  top?: number;
}

/** pm-rank digest: what changed between last week's export and this week's, for the sales-to-product sync. */
export async function runDigest(
  previousFile: string,
  currentFile: string,
  options: DigestOptions,
  context: CommandContext,
): Promise<ExitCode> {
  if (options.output)
    assertNotAnInput(options.output, [previousFile, currentFile, options.config, options.winLoss, options.accounts], context.cwd);
  const previous = await buildRankingReport(previousFile, options, context);
  const current = await buildRankingReport(currentFile, options, context);
  context.stderr.write(renderDiagnostics([...previous.issues, ...current.issues], { color: context.isColor }));
  const view = {
    digest: digestChanges(
      previous.ranked,
      current.ranked,
      options.top,
      await ownersForShipped(previous, current, currentFile, options, context),
      { ...(current.model.aging ? { aging: current.model.aging } : {}), asOf: current.asOf! },
    ),
    previous: previousFile,
    current: currentFile,
    kind: current.model.kind,
    ...(current.summary.currency ? { currency: current.summary.currency } : {}),
    ...(current.model.aging?.staleAfterDays === undefined ? {} : { staleAfterDays: current.model.aging.staleAfterDays }),
  };
  await emitResult(options.format === 'json' ? renderDigestJson(view) : renderDigestMarkdown(view), options.output, context);
  return ExitCode.ok;
}

/** The account owners of the current export, read again only when something shipped (stdin cannot be read twice: no owners). */
async function ownersForShipped(
  previous: RankingReport,
  current: RankingReport,
  currentFile: string,
  options: DigestOptions,
  context: CommandContext,
): Promise<Map<string, string>> {
  if (currentFile === '-' || findShipped(previous.ranked, current.ranked).length === 0) return new Map();
  return readAccountOwners(await openSource(currentFile, context.cwd, context.stdin), current.model, options);
}
