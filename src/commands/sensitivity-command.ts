import { Option, type Command } from 'commander';
import type { SensitivityOptions } from './sensitivity.js';
import { FLAG, parsePositiveInt, parseShare, type CommandShell } from './flags.js';

type SensitivityFlags = Omit<SensitivityOptions, 'settings'>;

/** pm-rank sensitivity: its flags; the command itself loads when it runs. */
export function addSensitivityCommand(program: Command, shell: CommandShell): void {
  program
    .command('sensitivity')
    .description(
      'how much the top N depends on the weights (or framework inputs): smallest changes that reorder it, and a seeded perturbation study',
    )
    .argument('<file>', 'CSV export (FILE may be - for stdin)')
    .option(...FLAG.config)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-n, --top <n>', 'size of the top list', parsePositiveInt, 10)
    .option('--spread <share>', 'vary each weight (or framework input) by up to this much, e.g. 20% or 0.2 (default: 20%)', parseShare)
    .option('--seed <n>', 'seed of the random perturbations; same seed, same result (default: 1)', parsePositiveInt)
    .option('--samples <n>', 'number of random perturbations (default: 1000)', parsePositiveInt)
    .option(...FLAG.sheet)
    .option(...FLAG.accounts)
    .action(async (file: string, flags: SensitivityFlags) => {
      const { runSensitivity } = await import('./sensitivity.js');
      shell.setExitCode(await runSensitivity(file, { ...flags, settings: shell.settings() }, shell.context()));
    });
}
