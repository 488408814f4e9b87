import { analyzeSensitivity, SENSITIVITY_DEFAULTS } from '../core/analysis/sensitivity.js';
import { ExitCode } from '../errors.js';
import type { ReadOptions } from '../input/requests/read-requests.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { SENSITIVITY_REPORTERS, type SensitivityFormat } from '../reporters/sensitivity.js';
import type { CommandContext } from '../context.js';
import { buildRankingReport } from '../pipeline/read-inputs.js';

export interface SensitivityOptions extends ReadOptions {
  config?: string;
  format: SensitivityFormat;
  top: number;
  spread?: number;
  seed?: number;
  samples?: number;
  accounts?: string;
}

/** pm-rank sensitivity: how much the top N depends on the chosen weights, or on a framework's inputs. */
export async function runSensitivity(file: string, flags: SensitivityOptions, context: CommandContext): Promise<ExitCode> {
  const report = await buildRankingReport(file, flags, context);
  context.stderr.write(renderDiagnostics(report.issues, { color: context.isColor }));
  const { spread, seed, samples } = SENSITIVITY_DEFAULTS;
  const options = { top: flags.top, spread: flags.spread ?? spread, seed: flags.seed ?? seed, samples: flags.samples ?? samples };
  const results = analyzeSensitivity(report.ranked, report.model, options);
  context.stdout.write(SENSITIVITY_REPORTERS[flags.format]({ kind: report.model.kind, results, options }));
  return ExitCode.ok;
}
