import type { Command } from 'commander';
import type { TriageSelection } from '../core/analysis/triage.js';
import { FLAG, parseDelimiter, pick, type CommandShell } from './flags.js';

interface TriageFlags {
  config?: string;
  decisions?: string;
  only: string[];
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  winLoss?: string;
}

/** pm-rank triage: its flags; the command itself (and the prompts) load when it runs. */
export function addTriageCommand(program: Command, shell: CommandShell): void {
  program
    .command('triage')
    .description('assess and decide untriaged requests one at a time; every answer is saved at once')
    .argument('<file>', 'CSV export')
    .option(...FLAG.config)
    .option('-d, --decisions <path>', 'decisions file to read and update (default: decisions.yaml beside FILE)')
    .option('--only <which...>', 'untriaged, all, or request ids; give FILE before it', ['untriaged'])
    .option('--delimiter <char>', 'field delimiter (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'file encoding (default: detected)')
    .option(...FLAG.sheet)
    .option(...FLAG.winLoss)
    .action(async (file: string, flags: TriageFlags) => {
      const { runTriage } = await import('./triage/index.js');
      const options = {
        only: selectionOf(flags.only),
        isInteractive: shell.isInteractive(),
        decider: shell.decider(),
        today: new Date().toISOString().slice(0, 10),
        ...pick(flags, ['config', 'decisions', 'delimiter', 'encoding', 'sheet', 'winLoss']),
        settings: shell.settings(),
      };
      shell.setExitCode(await runTriage(file, options, shell.context()));
    });
}

/** `--only all` and `--only untriaged` name a selection; anything else lists request ids. */
function selectionOf(only: string[]): TriageSelection {
  const [first] = only;
  return only.length === 1 && (first === 'all' || first === 'untriaged') ? first : only;
}
