import { Option, type Command } from 'commander';
import type { PlanFormat } from '../reporters/plan.js';
import { FLAG, parsePositiveInt, pick, readOptionsOf, withReadFlags, type CommandShell, type ReadFlags } from './flags.js';

interface PlanFlags extends ReadFlags {
  capacity: number;
  objective: 'score' | 'deal-value';
  order: 'rank' | 'cd3';
  committed?: string[];
  decisions?: string;
  format: PlanFormat;
  winLoss?: string;
}

/** pm-rank plan: its flags; the command itself loads when it runs. */
export function addPlanCommand(program: Command, shell: CommandShell): void {
  withReadFlags(
    program
      .command('plan')
      .description('the most valuable requests that fit a capacity, beside taking the ranking from the top')
      .argument('<file>', 'CSV export, as for score')
      .requiredOption('--capacity <n>', 'capacity in the units of plan.sizes (person-weeks)', parsePositiveInt)
      .addOption(new Option('--objective <what>', 'what the plan maximises').choices(['score', 'deal-value']).default('score'))
      .addOption(
        new Option('--order <order>', 'cd3: sequence by cost of delay ÷ duration (deal value, close dates)')
          .choices(['rank', 'cd3'])
          .default('rank'),
      )
      .option('--committed <ids...>', 'requests already committed, besides those whose status says so; give FILE before it')
      .option('-d, --decisions <path>', 'triage decisions (decisions.yaml): assessed values, and requires: between requests')
      .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'markdown', 'json']).default('text'))
      .option(...FLAG.winLoss),
  ).action(async (file: string, flags: PlanFlags) => {
    const { runPlan } = await import('./plan.js');
    const options = {
      ...readOptionsOf(flags, shell),
      capacity: flags.capacity,
      objective: flags.objective === 'deal-value' ? ('deal_value' as const) : ('score' as const),
      order: flags.order,
      format: flags.format,
      ...pick(flags, ['committed', 'decisions', 'winLoss']),
    };
    shell.setExitCode(await runPlan(file, options, shell.context()));
  });
}
