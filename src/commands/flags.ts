import { InvalidArgumentError, type Command } from 'commander';
import type { CommandContext } from '../context.js';
import { parseDate } from '../core/text/dates.js';
import type { ExitCode } from '../errors.js';
import type { ReadSettings } from '../input/settings.js';
import type { UncertaintyFlags } from './uncertainty-options.js';

/**
 * What cli.ts gives each command's declaration. A declaration stays light (flags, and a lazy import of
 * its command), and everything process-wide comes through here: cli.ts is the only reader of process.
 */
export interface CommandShell {
  /** The context, with colour as the shell and --no-color decide. */
  context(): CommandContext;
  setExitCode(code: ExitCode): void;
  /** How exports are read, as the environment sets it. */
  settings(): ReadSettings;
  /** A terminal a person answers on: never prompt on a pipe or in CI. */
  isInteractive(): boolean;
  /** Who stamps triage decisions: PM_RANK_DECIDER, else the login name. */
  decider(): string;
}

/** How to read an export itself, where detection may guess wrong. */
export interface CsvFlags {
  delimiter?: string;
  encoding?: string;
  decimalComma?: boolean;
  sheet?: string;
}

/** The flags of the commands that rank an export the way score does. */
export interface ReadFlags extends CsvFlags {
  config?: string;
  output?: string;
  asOf?: number;
  accounts?: string;
}

/** Flags several commands share, as commander's flags and description: `.option(...FLAG.config)`. */
export const FLAG = {
  config: ['-c, --config <path>', 'scoring config (default: ./scoring.yaml, else the built-in model)'],
  sheet: ['--sheet <name>', 'the sheet to read from an .xlsx workbook (default: the first visible one)'],
  accounts: ['--accounts <path>', 'accounts file (account, parent, segment): subsidiaries count once, under their top parent'],
  winLoss: ['--win-loss <path>', 'win/loss export, as for score'],
  asOf: ['--as-of <date>', 'the date within_days conditions and decay count from, YYYY-MM-DD (default: today)'],
} as const;

/** Config, output, the CSV flags, --as-of and --accounts: how winloss, digest, plan and escalations read. */
export function withReadFlags(command: Command): Command {
  command.option(...FLAG.config).option('-o, --output <path>', 'write the result to a file instead of stdout');
  return withCsvFlags(command)
    .option(...FLAG.asOf, parseAsOf)
    .option(...FLAG.accounts);
}

/** How to read the CSV itself, where detection may guess wrong. */
export function withCsvFlags(command: Command): Command {
  return command
    .option('--delimiter <char>', 'field delimiter (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'file encoding, e.g. utf-8, windows-1252 (default: detected)')
    .option('--decimal-comma', 'read numbers with a decimal comma (default: detected per column)')
    .option(...FLAG.sheet);
}

/** score and report --uncertainty: a seeded Monte Carlo over uncertain inputs. */
export function withUncertaintyFlags(command: Command): Command {
  return command
    .option('--uncertainty', 'sample uncertain inputs (ranges like 3-4 or M-L, confidence): P(top N) and a rank interval per request')
    .option('--samples <n>', 'with --uncertainty: number of samples (default: 10000)', parsePositiveInt)
    .option('--seed <n>', 'with --uncertainty: seed; the same seed gives the same output (default: 1)', parsePositiveInt)
    .option('--spread <share>', 'with --uncertainty: also vary each weight by up to this much, e.g. 20% or 0.2', parseShare);
}

/** withUncertaintyFlags' flags as given. */
export interface UncertaintyFlagValues extends UncertaintyFlags {
  uncertainty?: boolean;
}

/** withUncertaintyFlags' flags as score's and report's options. */
export function uncertaintyOptionsOf(flags: UncertaintyFlagValues) {
  return { ...(flags.uncertainty ? { isUncertain: true } : {}), uncertainty: pick(flags, ['samples', 'seed', 'spread']) };
}

/** withReadFlags' flags as the pipeline's options. */
export function readOptionsOf(flags: ReadFlags, shell: CommandShell) {
  return { ...pick(flags, ['config', 'output', 'asOf', 'accounts']), ...csvOptionsOf(flags, shell) };
}

/** withCsvFlags' flags as the reader's options, with the environment's settings. */
export function csvOptionsOf(flags: CsvFlags, shell: CommandShell) {
  return {
    ...pick(flags, ['delimiter', 'encoding', 'sheet']),
    ...(flags.decimalComma ? { isDecimalComma: true } : {}),
    settings: shell.settings(),
  };
}

/** The flags that were given: options stay absent rather than undefined (exactOptionalPropertyTypes). */
export function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of 1 or more, got "${value}"`);
  return n;
}

export function parseShare(value: string): number {
  const n = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1)
    throw new InvalidArgumentError(`expected a share between 0 and 100%, like 20% or 0.2; got "${value}"`);
  return n;
}

export function parseDelimiter(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1) throw new InvalidArgumentError(`expected one character or tab, comma, semicolon, pipe; got "${value}"`);
  return delimiter;
}

export function parseAsOf(value: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (day === undefined) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return day;
}

/** A YYYY-MM-DD date that exists, kept as text (for report --date). */
export function parseIsoDate(value: string): string {
  parseAsOf(value);
  return value;
}
