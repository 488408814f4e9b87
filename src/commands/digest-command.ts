import { Option, type Command } from 'commander';
import { FLAG, parsePositiveInt, pick, readOptionsOf, withReadFlags, type CommandShell, type ReadFlags } from './flags.js';

interface DigestFlags extends ReadFlags {
  format: 'markdown' | 'json';
  top: number;
  winLoss?: string;
}

/** pm-rank digest: its flags; the command itself loads when it runs. */
export function addDigestCommand(program: Command, shell: CommandShell): void {
  withReadFlags(
    program
      .command('digest')
      .description('weekly digest: what changed between two exports (new requests and accounts, movers, escalations)')
      .argument('<previous>', "last sync's export")
      .argument('<current>', "this sync's export")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
      .option('-n, --top <n>', 'how many movers to list', parsePositiveInt, 5)
      .option(...FLAG.winLoss),
  ).action(async (previous: string, current: string, flags: DigestFlags) => {
    const { runDigest } = await import('./digest.js');
    const options = { ...readOptionsOf(flags, shell), format: flags.format, top: flags.top, ...pick(flags, ['winLoss']) };
    shell.setExitCode(await runDigest(previous, current, options, shell.context()));
  });
}
