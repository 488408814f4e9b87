import { UsageError } from '../errors.js';
import type { RankingReport } from '../core/ranking.js';

/** score/report --uncertainty and its settings (defaults: UNCERTAINTY_DEFAULTS). */
export interface UncertaintyFlags {
  samples?: number;
  seed?: number;
  /** Also vary each weight by up to this share. */
  spread?: number;
}

/** The flags that only mean something with --uncertainty: a one-line error names the one to add. */
export function checkUncertaintyFlags(flags: UncertaintyFlags & { isUncertain?: boolean }): void {
  if (flags.isUncertain) return;
  const stray = (['samples', 'seed', 'spread'] as const).find((name) => flags[name] !== undefined);
  if (stray) throw new UsageError(`--${stray} applies to --uncertainty; add --uncertainty`);
}

/** The report with its Monte Carlo study; the study's module loads only then. `top` is the line P(top N) counts. */
export async function withUncertainty(report: RankingReport, flags: UncertaintyFlags, top: number | undefined): Promise<RankingReport> {
  const { studyUncertainty, UNCERTAINTY_DEFAULTS } = await import('../core/analysis/uncertainty.js');
  if (flags.spread !== undefined && report.model.kind !== 'weighted') {
    throw new UsageError(`--spread varies criterion weights, and model: ${report.model.kind} has none; drop --spread`);
  }
  const options = {
    top: top ?? UNCERTAINTY_DEFAULTS.top,
    samples: flags.samples ?? UNCERTAINTY_DEFAULTS.samples,
    seed: flags.seed ?? UNCERTAINTY_DEFAULTS.seed,
    ...(flags.spread === undefined ? {} : { spread: flags.spread }),
  };
  return { ...report, uncertainty: studyUncertainty(report.ranked, report.model, options, report.asOf) };
}
