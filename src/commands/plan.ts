import { sequencePlan } from '../core/analysis/cost-of-delay.js';
import { planRequests, planSizing, type PlanObjective } from '../core/analysis/plan.js';
import { ExitCode } from '../errors.js';
import { loadConfig } from '../input/load-config.js';
import { assertNotAnInput } from '../output/write-atomic.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import { PLAN_REPORTERS, type PlanFormat } from '../reporters/plan.js';
import type { CommandContext } from '../context.js';
import { emitResult } from './emit.js';
import { loadDecisionsOption, rankExport, type PipelineOptions } from '../pipeline/read-inputs.js';

export interface PlanOptions extends PipelineOptions {
  capacity: number;
  objective: PlanObjective;
  /** cd3: sequence the plan by cost of delay divided by duration. */
  order: 'rank' | 'cd3';
  /** Ids already committed, besides those whose status says so. */
  committed?: string[];
  format: PlanFormat;
  output?: string;
}

/** pm-rank plan: the most valuable set of requests that fits the capacity, beside what the ranking's top would give. */
export async function runPlan(file: string, options: PlanOptions, context: CommandContext): Promise<ExitCode> {
  if (options.output)
    assertNotAnInput(options.output, [file, options.config, options.decisions, options.winLoss, options.accounts], context.cwd);
  const loaded = await loadConfig(options.config, context.cwd);
  const sizing = planSizing(loaded.model);
  const decisions = await loadDecisionsOption(options.decisions, context.cwd);
  const ranking = await rankExport(loaded, file, { ...options, textFields: [sizing.field, 'close_date'] }, context, decisions);
  const plan = planRequests(ranking.ranked, { ...options, sizing });
  context.stderr.write(renderDiagnostics([...ranking.issues, ...plan.issues], { color: context.isColor }));
  const sequence = options.order === 'cd3' ? sequencePlan(plan.chosen, ranking.asOf ?? 0) : undefined;
  const view = {
    plan,
    source: ranking.summary.source,
    model: ranking.model,
    ...(ranking.summary.currency ? { currency: ranking.summary.currency } : {}),
  };
  await emitResult(PLAN_REPORTERS[options.format]({ ...view, ...(sequence ? { sequence } : {}) }), options.output, context);
  return ExitCode.ok;
}
