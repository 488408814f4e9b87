import { checkConfigAgainstData } from '../core/check-config.js';
import { toScoringModel } from '../core/model.js';
import { ConfigError, ExitCode } from '../errors.js';
import { DEFAULT_CONFIG_NAME, findLocalConfig, parseConfig, readConfigText, sortByPosition } from '../input/load-config.js';
import { openSource } from '../input/open-source.js';
import { readRequests, type ReadOptions } from '../input/read-requests.js';
import { CHECK_REPORTERS, hasFailures, type CheckFormat, type CheckReport } from '../reporters/check.js';
import type { CommandContext } from './context.js';

export interface CheckOptions extends ReadOptions {
  /** An export whose header and values the config is checked against. */
  data?: string;
  format: CheckFormat;
  isStrict: boolean;
}

/** pm-rank check: lint a scoring config (and, with --data, against an export); 1 when it has problems. */
export async function runCheck(configPath: string | undefined, options: CheckOptions, context: CommandContext): Promise<ExitCode> {
  const report = await buildCheckReport(configPath, options, context);
  context.stdout.write(CHECK_REPORTERS[options.format](report, { color: context.isColor }));
  return hasFailures(report) ? ExitCode.findings : ExitCode.ok;
}

export async function buildCheckReport(
  configPath: string | undefined,
  options: CheckOptions,
  context: CommandContext,
): Promise<CheckReport> {
  const file = configPath ?? (await findLocalConfig(context.cwd));
  if (!file) throw new ConfigError(`no ${DEFAULT_CONFIG_NAME} in this folder; pass the config's path, or run pm-rank init to write one`);
  const parsed = parseConfig(await readConfigText(file, context.cwd), file);
  const report: CheckReport = { file, issues: parsed.issues, isStrict: options.isStrict };
  if (!options.data || !parsed.config || hasFailures({ ...report, isStrict: false })) return report;
  const source = await openSource(options.data, context.cwd, context.stdin);
  const read = await readRequests(source, toScoringModel(parsed.config), options);
  const findings = checkConfigAgainstData(parsed.config, { source: source.name, columns: read.summary.columns, requests: read.requests });
  return { ...report, issues: sortByPosition([...report.issues, ...findings.map(parsed.locate)]) };
}
