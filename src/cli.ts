import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from './commands/context.js';
import { CancelledError, ExitCode, PmRankError } from './errors.js';
import { isReporterName, REPORTERS } from './reporters/index.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Builds the program; each action loads its command module only when it runs. */
export function createProgram(context: CommandContext, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command('pm-rank')
    .description('Score, rank and explain the feature requests that come from sales.')
    .version(version)
    .option('--no-color', 'plain output, without colour')
    .showHelpAfterError('(run pm-rank --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.stdout.write(s), writeErr: (s) => context.stderr.write(s) });

  program
    .command('score')
    .description('rank the requests of a CSV export (FILE may be - for stdin)')
    .argument('<file>', 'CSV export: Salesforce, HubSpot, Jira, or any spreadsheet')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .option('-n, --top <n>', 'show only the top N requests', parsePositiveInt)
    .option('-o, --output <path>', 'write the result to a file instead of stdout')
    .option('--delimiter <char>', 'field delimiter (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'file encoding, e.g. utf-8, windows-1252 (default: detected)')
    .option('--decimal-comma', 'read numbers with a decimal comma (default: detected per column)')
    .option('--strict', 'exit 1 when there are warnings')
    .option('-q, --quiet', 'no progress line on stderr for long reads')
    .action(async (file: string, opts: ScoreFlags) => {
      const { runScore } = await import('./commands/score.js');
      const format = isReporterName(opts.format) ? opts.format : 'table';
      setExitCode(
        await runScore(
          file,
          {
            format,
            isStrict: opts.strict === true,
            ...pick(opts, ['config', 'top', 'output', 'delimiter', 'encoding']),
            ...(opts.decimalComma ? { isDecimalComma: true } : {}),
            ...(opts.quiet ? { isQuiet: true } : {}),
          },
          { ...context, isColor: context.isColor && program.opts<{ color: boolean }>().color },
        ),
      );
    });
  return program;
}

interface ScoreFlags {
  config?: string;
  format: string;
  top?: number;
  output?: string;
  delimiter?: string;
  encoding?: string;
  decimalComma?: boolean;
  strict?: boolean;
  quiet?: boolean;
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of 1 or more, got "${value}"`);
  return n;
}

function parseDelimiter(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1) throw new InvalidArgumentError(`expected one character or tab, comma, semicolon, pipe; got "${value}"`);
  return delimiter;
}

/** The one place that turns outcomes into exit codes and error text. */
export function exitCodeFor(error: unknown, stderr: CommandContext['stderr']): ExitCode {
  if (error instanceof CommanderError) {
    return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? ExitCode.ok : ExitCode.failure;
  }
  if (error instanceof CancelledError) {
    stderr.write('pm-rank: cancelled\n');
    return ExitCode.cancelled;
  }
  if (error instanceof PmRankError) {
    stderr.write(`pm-rank: ${error.message}\n`);
    if (process.env.PM_RANK_DEBUG && error.cause instanceof Error) stderr.write(`${error.cause.stack ?? ''}\n`);
    return ExitCode.failure;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(`pm-rank: unexpected error, please report it at https://github.com/pm-rank/pm-rank/issues\n${stack}\n`);
  return ExitCode.unexpected;
}

async function main(): Promise<void> {
  const context: CommandContext = {
    cwd: process.cwd(),
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isColor: process.stdout.isTTY === true && !process.env.NO_COLOR,
    isProgress: process.stderr.isTTY === true,
    ...(process.stdout.isTTY ? { columns: process.stdout.columns } : {}),
  };
  let code: ExitCode = ExitCode.ok;
  try {
    await createProgram(context, (c) => (code = c)).parseAsync(process.argv);
  } catch (error) {
    code = exitCodeFor(error, context.stderr);
  }
  process.exitCode = code;
}

await main();
