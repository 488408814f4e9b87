import { diffRankings } from '../core/analysis/diff.js';
import { ExitCode, UsageError } from '../errors.js';
import { readConfigSource } from '../input/config-source.js';
import { loadConfigText } from '../input/parse-config.js';
import { DIFF_REPORTERS, type DiffFormat } from '../reporters/diff.js';
import type { CommandContext } from '../context.js';
import { loadDecisionsOption, rankExport, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface DiffOptions extends PipelineOptions {
  format: DiffFormat;
  top: number;
}

/** pm-rank diff: what changing the config from BASE to HEAD does to the ranking of one export. */
export async function runDiff(base: string, head: string, file: string, options: DiffOptions, context: CommandContext): Promise<ExitCode> {
  if (file === '-') throw new UsageError('diff reads the export twice, so it needs a file, not stdin');
  // Configs load one after the other, so a problem in BASE is always the one reported first.
  const baseConfig = loadConfigText(await readConfigSource(base, context.cwd), base);
  const headConfig = loadConfigText(await readConfigSource(head, context.cwd), head);
  const decisions = await loadDecisionsOption(options.decisions, context.cwd);
  const [before, after] = await Promise.all(
    [baseConfig, headConfig].map((loaded) => rankExport(loaded, file, options, context, decisions)),
  );
  const report = {
    base,
    head,
    data: file,
    requests: after!.ranked.length,
    kinds: { base: before!.model.kind, head: after!.model.kind },
    diff: diffRankings(before!.ranked, after!.ranked, options.top),
  };
  context.stdout.write(DIFF_REPORTERS[options.format](report));
  return ExitCode.ok;
}
