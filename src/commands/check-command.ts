import { Option, type Command } from 'commander';
import { FLAG, parsePositiveInt, pick, type CommandShell } from './flags.js';

interface CheckFlags {
  data?: string;
  format: 'text' | 'json' | 'github';
  strict?: boolean;
  top?: number;
  sheet?: string;
}

/** pm-rank check: its flags; the command itself loads when it runs. */
export function addCheckCommand(program: Command, shell: CommandShell): void {
  program
    .command('check')
    .description('validate a scoring config, for editors and CI (exit 1 when it has problems)')
    .argument('[config]', 'scoring config (default: ./scoring.yaml)')
    .option('-d, --data <file>', "also check the config against a CSV export's header and values")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('-n, --top <n>', 'with --data: warn when the top N is fragile under ±20% weight (or framework input) changes', parsePositiveInt)
    .option('--strict', 'exit 1 on warnings too')
    .option(...FLAG.sheet)
    .action(async (config: string | undefined, flags: CheckFlags) => {
      const { runCheck } = await import('./check.js');
      const options = {
        format: flags.format,
        isStrict: flags.strict === true,
        settings: shell.settings(),
        ...pick(flags, ['data', 'top', 'sheet']),
      };
      shell.setExitCode(await runCheck(config, options, shell.context()));
    });
}
