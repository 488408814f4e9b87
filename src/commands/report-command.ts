import { Option, type Command } from 'commander';
import {
  FLAG,
  csvOptionsOf,
  parseAsOf,
  parseIsoDate,
  parsePositiveInt,
  pick,
  uncertaintyOptionsOf,
  withCsvFlags,
  withUncertaintyFlags,
  type CommandShell,
  type CsvFlags,
  type UncertaintyFlagValues,
} from './flags.js';

interface ReportFlags extends CsvFlags, UncertaintyFlagValues {
  asOf?: number;
  config?: string;
  audience: 'pm' | 'sales';
  decisions?: string;
  winLoss?: string;
  account?: string;
  since?: string;
  accounts?: string;
  top: number;
  date?: string;
  output?: string;
}

/** pm-rank report: its flags; the command itself loads when it runs. */
export function addReportCommand(program: Command, shell: CommandShell): void {
  const command = program
    .command('report')
    .description('write a markdown report that justifies the ranking, for PMs or for sales')
    .argument('<file>', 'CSV export (FILE may be - for stdin)')
    .option(...FLAG.config)
    .addOption(
      new Option('--audience <audience>', 'pm: scores and trade-offs; sales: commitments to relay').choices(['pm', 'sales']).default('pm'),
    )
    .option('-d, --decisions <path>', 'triage decisions to apply (decisions.yaml)')
    .option(...FLAG.winLoss)
    .option('--account <name>', "sales: only this customer's requests")
    .option('--since <previous>', 'sales: the previous export; lists what shipped since then')
    .option(...FLAG.accounts)
    .option('-n, --top <n>', 'requests shown in full; the rest are collapsed', parsePositiveInt, 10)
    .option('--date <yyyy-mm-dd>', 'date shown in the report (default: today, UTC)', parseIsoDate)
    .option(...FLAG.asOf, parseAsOf)
    .option('-o, --output <path>', 'write the report to a file instead of stdout');
  withUncertaintyFlags(withCsvFlags(command)).action(async (file: string, flags: ReportFlags) => {
    const { runReport } = await import('./report.js');
    const options = {
      audience: flags.audience,
      top: flags.top,
      date: flags.date ?? new Date().toISOString().slice(0, 10),
      ...pick(flags, ['config', 'decisions', 'winLoss', 'account', 'since', 'output', 'accounts', 'asOf']),
      ...csvOptionsOf(flags, shell),
      ...uncertaintyOptionsOf(flags),
    };
    shell.setExitCode(await runReport(file, options, shell.context()));
  });
}
