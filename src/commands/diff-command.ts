import { Option, type Command } from 'commander';
import type { DiffFormat } from '../reporters/diff.js';
import { FLAG, parsePositiveInt, type CommandShell } from './flags.js';

interface DiffFlags {
  format: DiffFormat;
  top: number;
  decisions?: string;
  winLoss?: string;
  sheet?: string;
  accounts?: string;
}

/** pm-rank diff: its flags; the command itself loads when it runs. */
export function addDiffCommand(program: Command, shell: CommandShell): void {
  program
    .command('diff')
    .description('show what a config change does to the ranking of an export')
    .argument('<base>', 'config before the change: a path, or git:REF:path (e.g. git:origin/main:scoring.yaml)')
    .argument('<head>', 'config after the change: a path, or git:REF:path')
    .argument('<file>', 'CSV export to rank with both')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'table', 'json']).default('table'))
    .option('-n, --top <n>', 'size of the top list that requests enter or leave', parsePositiveInt, 10)
    .option('-d, --decisions <path>', 'triage decisions to apply under both configs (decisions.yaml)')
    .option(...FLAG.winLoss)
    .option(...FLAG.sheet)
    .option(...FLAG.accounts)
    .action(async (base: string, head: string, file: string, flags: DiffFlags) => {
      const { runDiff } = await import('./diff.js');
      shell.setExitCode(await runDiff(base, head, file, { ...flags, settings: shell.settings() }, shell.context()));
    });
}
