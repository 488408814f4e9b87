import type { Command } from 'commander';
import { FLAG, pick, readOptionsOf, withReadFlags, type CommandShell, type ReadFlags } from './flags.js';

/** pm-rank escalations: its flags; the command itself loads when it runs. */
export function addEscalationsCommand(program: Command, shell: CommandShell): void {
  withReadFlags(
    program
      .command('escalations')
      .description('the escalation path: each rule in words, requests that meet it, and those one condition short')
      .argument('<file>', 'CSV export, as for score')
      .option(...FLAG.winLoss),
  ).action(async (file: string, flags: ReadFlags & { winLoss?: string }) => {
    const { runEscalations } = await import('./escalations.js');
    shell.setExitCode(await runEscalations(file, { ...readOptionsOf(flags, shell), ...pick(flags, ['winLoss']) }, shell.context()));
  });
}
