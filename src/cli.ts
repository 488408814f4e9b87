import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { addCheckCommand } from './commands/check-command.js';
import { addColumnsCommand } from './commands/columns-command.js';
import { addDiffCommand } from './commands/diff-command.js';
import { addDigestCommand } from './commands/digest-command.js';
import { addEscalationsCommand } from './commands/escalations-command.js';
import type { CommandShell } from './commands/flags.js';
import { addInitCommand } from './commands/init-command.js';
import { addPlanCommand } from './commands/plan-command.js';
import { addReportCommand } from './commands/report-command.js';
import { addScoreCommand } from './commands/score-command.js';
import { addSensitivityCommand } from './commands/sensitivity-command.js';
import { addTriageCommand } from './commands/triage-command.js';
import { addWinLossCommand } from './commands/winloss-command.js';
import { terminalColumns, type CommandContext } from './context.js';
import { CancelledError, ExitCode, PmRankError } from './errors.js';
import { readSettingsFrom } from './input/settings.js';
import { escapeControls } from './reporters/words/format.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Each command declares its own flags; the order here is the order of --help. */
const COMMANDS = [
  addScoreCommand,
  addColumnsCommand,
  addCheckCommand,
  addInitCommand,
  addDiffCommand,
  addSensitivityCommand,
  addTriageCommand,
  addReportCommand,
  addWinLossCommand,
  addDigestCommand,
  addPlanCommand,
  addEscalationsCommand,
];

/** Builds the program; each action loads its command module only when it runs. */
export function createProgram(context: CommandContext, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('pm-rank')
    .description('Score, rank and explain the feature requests that come from sales.')
    .version(version)
    .option('--no-color', 'plain output, without colour')
    .option('--debug', 'print the stack trace of an error')
    .showHelpAfterError('(run pm-rank --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) });
  const shell: CommandShell = {
    context: () => ({ ...context, isColor: context.isColor && program.opts<{ color: boolean }>().color }),
    setExitCode,
    settings: () => readSettingsFrom(process.env),
    isInteractive: () => process.stdin.isTTY === true && process.stdout.isTTY === true && !process.env.CI,
    decider: () => process.env.PM_RANK_DECIDER ?? process.env.USER ?? process.env.USERNAME ?? 'unknown',
  };
  for (const addCommand of COMMANDS) addCommand(program, shell);
  return program;
}

/** The one place that turns outcomes into exit codes and error text; stacks only with --debug. */
export function exitCodeFor(error: unknown, stderr: CommandContext['stderr'], isDebug = false): ExitCode {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? ExitCode.ok : ExitCode.failure;
  }
  if (error instanceof CancelledError) {
    stderr.write('pm-rank: cancelled\n');
    return ExitCode.cancelled;
  }
  if (error instanceof PmRankError) {
    stderr.write(`pm-rank: ${escapeControls(error.message)}\n`);
    if (isDebug && error.cause instanceof Error) stderr.write(`${error.cause.stack ?? ''}\n`);
    return ExitCode.failure;
  }
  const detail = error instanceof Error ? error.message : String(error);
  stderr.write(`pm-rank: unexpected error: ${escapeControls(detail)}\n`);
  stderr.write(
    isDebug && error instanceof Error
      ? `${error.stack ?? ''}\nplease report it at https://github.com/pm-rank/pm-rank/issues\n`
      : 'this is a bug: run again with --debug and report the output at https://github.com/pm-rank/pm-rank/issues\n',
  );
  return ExitCode.unexpected;
}

/** The process as the bin runs it: its streams, terminal and environment. */
export async function main(): Promise<void> {
  // `pm-rank score export.csv | head` closes the pipe early: stop quietly, as Unix tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') process.stderr.write(`pm-rank: cannot write the output: ${error.message}\n`);
    process.exit(error.code === 'EPIPE' ? ExitCode.ok : ExitCode.failure);
  });
  // Diagnostics nobody can read are no reason to stop: a closed stderr must not change the exit code or the -o file.
  process.stderr.on('error', () => undefined);
  const context: CommandContext = {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isColor: process.stdout.isTTY === true && !process.env.NO_COLOR,
    isProgress: process.stderr.isTTY === true,
    columns: terminalColumns(process.env.COLUMNS, process.stdout.isTTY ? process.stdout.columns : undefined),
  };
  process.exitCode = await runProgram(process.argv.slice(2), context);
}

/** Runs one command line (the arguments after the program's name) in a context, to its exit code. */
export async function runProgram(args: readonly string[], context: CommandContext): Promise<ExitCode> {
  let code: ExitCode = ExitCode.ok;
  const program = createProgram(context, (c) => (code = c));
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    code = exitCodeFor(error, context.stderr, program.opts<{ debug?: boolean }>().debug === true);
  }
  return code;
}
