import { Option, type Command } from 'commander';
import type { SensitivityFormat } from '../reporters/sensitivity.js';
import {
  ACCOUNTS_FLAG,
  ACCOUNTS_HELP,
  CONFIG_FLAG,
  CONFIG_HELP,
  parsePositiveInt,
  parseShare,
  SHEET_FLAG,
  SHEET_HELP,
  type CommandShell,
} from './flags.js';

interface SensitivityFlags {
  config?: string;
  format: SensitivityFormat;
  top: number;
  spread?: number;
  seed?: number;
  samples?: number;
  sheet?: string;
  accounts?: string;
}

/** pm-rank sensitivity: its flags; the command itself loads when it runs. */
export function addSensitivityCommand(program: Command, shell: CommandShell): void {
  program
    .command('sensitivity')
    .description('how much the top N depends on the weights: smallest changes that reorder it, and a seeded perturbation study')
    .argument('<file>', 'CSV export (FILE may be - for stdin)')
    .option(CONFIG_FLAG, CONFIG_HELP)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-n, --top <n>', 'size of the top list', parsePositiveInt, 10)
    .option('--spread <share>', 'vary each weight by up to this much, e.g. 20% or 0.2 (default: 20%)', parseShare)
    .option('--seed <n>', 'seed of the random perturbations; same seed, same result (default: 1)', parsePositiveInt)
    .option('--samples <n>', 'number of random perturbations (default: 1000)', parsePositiveInt)
    .option(SHEET_FLAG, SHEET_HELP)
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP)
    .action(async (file: string, flags: SensitivityFlags) => {
      const { runSensitivity } = await import('./sensitivity.js');
      shell.setExitCode(await runSensitivity(file, { ...flags, settings: shell.settings() }, shell.context()));
    });
}
