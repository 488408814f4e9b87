import { Option, type Command } from 'commander';
import { FLAG, pick, type CommandShell } from './flags.js';
import { PRESETS, type Preset } from './presets.js';

interface InitFlags {
  from?: string;
  output: string;
  force?: boolean;
  yes?: boolean;
  preset: Preset;
  sheet?: string;
}

/** pm-rank init: its flags; the command itself loads when it runs. */
export function addInitCommand(program: Command, shell: CommandShell): void {
  program
    .command('init')
    .description('write a commented starter scoring.yaml')
    .option('--from <file>', "fill columns and maps from a CSV export's headers and values")
    .addOption(new Option('--preset <kind>', 'the kind of model the starter config sets up').choices(PRESETS).default('weighted'))
    .option('-o, --output <path>', 'where to write', 'scoring.yaml')
    .option('--force', 'replace an existing file')
    .option('-y, --yes', "with --from: take pm-rank's guess for every column without asking")
    .option(...FLAG.sheet)
    .action(async (flags: InitFlags) => {
      const { runInit } = await import('./init.js');
      const options = {
        isForce: flags.force === true,
        isYes: flags.yes === true,
        isInteractive: shell.isInteractive(),
        settings: shell.settings(),
        output: flags.output,
        preset: flags.preset,
        ...pick(flags, ['from', 'sheet']),
      };
      shell.setExitCode(await runInit(options, shell.context()));
    });
}
