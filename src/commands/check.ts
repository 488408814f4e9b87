import { checkConfigAgainstData, type ConfigFinding } from '../core/config/rules.js';
import { toScoringModel } from '../core/config/normalize.js';
import { rankRequests } from '../core/scoring/rank.js';
import { scoreRequests } from '../core/scoring/score.js';
import { analyzeSensitivity, SENSITIVITY_DEFAULTS } from '../core/analysis/sensitivity.js';
import type { RankedRequest, ScoringModel } from '../core/types.js';
import { ConfigError, ExitCode } from '../errors.js';
import { DEFAULT_CONFIG_NAME, findLocalConfig, readConfigText } from '../input/load-config.js';
import { parseConfig, sortByPosition } from '../input/parse-config.js';
import { openSource } from '../input/source.js';
import { readRequests, type ReadOptions } from '../input/requests/read-requests.js';
import { CHECK_REPORTERS, hasFailures, type CheckFormat, type CheckReport } from '../reporters/check.js';
import type { CommandContext } from '../context.js';

export interface CheckOptions extends ReadOptions {
  /** An export whose header and values the config is checked against. */
  data?: string;
  format: CheckFormat;
  isStrict: boolean;
  /** With data: warn when the top N is fragile under ±20% weight changes. */
  top?: number;
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
  const model = toScoringModel(parsed.config);
  const read = await readRequests(source, model, { ...options, isMissingColumnAllowed: true });
  const findings = checkConfigAgainstData(parsed.config, {
    source: source.name,
    header: read.summary.header,
    columns: read.summary.columns,
    requests: read.requests,
  });
  const fragile = options.top ? checkTopStability(rankRequests(scoreRequests(read.requests, model)), model, options.top, source.name) : [];
  return { ...report, issues: sortByPosition([...report.issues, ...[...findings, ...fragile].map(parsed.locate)]) };
}

/** The same seeded study `pm-rank sensitivity` runs by default, so both name the same fragile requests. */
function checkTopStability(ranked: RankedRequest[], model: ScoringModel, top: number, source: string): ConfigFinding[] {
  const fragile = analyzeSensitivity(ranked, model, { ...SENSITIVITY_DEFAULTS, top }).filter((r) => r.isTop && r.isFragile);
  if (fragile.length === 0) return [];
  const list = fragile.map((r) => `${r.id} (in ${Math.round(r.topShare * 100)}% of samples)`).join(', ');
  return [
    {
      code: 'TOP_FRAGILE',
      severity: 'warning',
      path: [model.kind === 'weighted' ? 'criteria' : 'model'],
      isKey: true,
      message: `the top ${top} of ${source} is fragile under ±${SENSITIVITY_DEFAULTS.spread * 100}% ${model.kind === 'weighted' ? 'weight changes' : 'changes to each input'}: ${list}; see pm-rank sensitivity`,
    },
  ];
}
