import { Option, type Command } from 'commander';
import { isReporterName, REPORTERS } from '../reporters/index.js';
import {
  FLAG,
  csvOptionsOf,
  parseAsOf,
  parsePositiveInt,
  pick,
  uncertaintyOptionsOf,
  withCsvFlags,
  withUncertaintyFlags,
  type CommandShell,
  type CsvFlags,
  type UncertaintyFlagValues,
} from './flags.js';

interface ScoreFlags extends CsvFlags, UncertaintyFlagValues {
  config?: string;
  accounts?: string;
  decisions?: string;
  format: string;
  top?: number;
  output?: string;
  strict?: boolean;
  winLoss?: string;
  asOf?: number;
  quiet?: boolean;
  wide?: boolean;
  bom?: boolean;
}

/** pm-rank score: its flags; the command itself loads when it runs. */
export function addScoreCommand(program: Command, shell: CommandShell): void {
  const command = program
    .command('score')
    .description('rank the requests of a CSV export (FILE may be - for stdin)')
    .argument('<file>', 'CSV export: Salesforce, HubSpot, Jira, or any spreadsheet')
    .option(...FLAG.config)
    .option('-d, --decisions <path>', 'apply triage decisions (decisions.yaml): assessed values, merges, declines')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .option('-n, --top <n>', 'show only the top N requests', parsePositiveInt)
    .option('-o, --output <path>', 'write the result to a file instead of stdout')
    .option('--wide', 'table: every column in full, however wide the terminal')
    .option('--bom', 'csv: start with a byte order mark, for Excel on Windows');
  withCsvFlags(command)
    .option('--strict', 'exit 1 when there are warnings')
    .option('--win-loss <path>', 'win/loss export: adds lost_value, lost_deals, won_value, won_deals to each request')
    .option(...FLAG.accounts)
    .option(...FLAG.asOf, parseAsOf)
    .option('-q, --quiet', 'no progress line on stderr for long reads');
  withUncertaintyFlags(command).action(async (file: string, flags: ScoreFlags) => {
    const { runScore } = await import('./score.js');
    const options = {
      format: isReporterName(flags.format) ? flags.format : 'table',
      isStrict: flags.strict === true,
      ...pick(flags, ['config', 'decisions', 'top', 'output', 'winLoss', 'asOf', 'accounts']),
      ...csvOptionsOf(flags, shell),
      ...(flags.quiet ? { isQuiet: true } : {}),
      ...(flags.bom ? { hasBom: true } : {}),
      ...uncertaintyOptionsOf(flags),
    };
    const context = shell.context();
    shell.setExitCode(await runScore(file, options, flags.wide ? { ...context, columns: undefined } : context));
  });
}
