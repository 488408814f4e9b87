import { Option, type Command } from 'commander';
import { FLAG, csvOptionsOf, pick, withCsvFlags, type CommandShell, type CsvFlags } from './flags.js';

/** pm-rank columns: its flags; the command itself loads when it runs. */
export function addColumnsCommand(program: Command, shell: CommandShell): void {
  const command = program
    .command('columns')
    .description('show which column each field is read from, and why (FILE may be - for stdin)')
    .argument('<file>', 'CSV export')
    .option(...FLAG.config)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
  withCsvFlags(command).action(async (file: string, flags: CsvFlags & { config?: string; format: 'text' | 'json' }) => {
    const { runColumns } = await import('./columns.js');
    const options = { format: flags.format, ...pick(flags, ['config']), ...csvOptionsOf(flags, shell) };
    shell.setExitCode(await runColumns(file, options, shell.context()));
  });
}
