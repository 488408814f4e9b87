import type { Command } from 'commander';
import { pick, readOptionsOf, withReadFlags, type CommandShell, type ReadFlags } from './flags.js';

/** pm-rank winloss: its flags; the command itself loads when it runs. */
export function addWinLossCommand(program: Command, shell: CommandShell): void {
  withReadFlags(
    program
      .command('winloss')
      .description('win/loss review: loss reasons by value and segment, cited requests against their rank')
      .argument('<deals>', 'win/loss export: closed deals, their outcome, amount, reason and the requests they cite')
      .option('-r, --requests <path>', 'request export to compare the citations with its ranking'),
  ).action(async (deals: string, flags: ReadFlags & { requests?: string }) => {
    const { runWinLoss } = await import('./winloss.js');
    shell.setExitCode(await runWinLoss(deals, { ...readOptionsOf(flags, shell), ...pick(flags, ['requests']) }, shell.context()));
  });
}
