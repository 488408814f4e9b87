import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { terminalColumns, type CommandContext } from './commands/context.js';
import { parseDate } from './core/text/dates.js';
import { CancelledError, ExitCode, PmRankError } from './errors.js';
import { readSettingsFrom, type ReadSettings } from './input/settings.js';
import { escapeControls } from './reporters/words/format.js';
import { isReporterName, REPORTERS } from './reporters/index.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

/** Every command that reads an export takes --sheet for a workbook. */
const SHEET_FLAG = '--sheet <name>';
const SHEET_HELP = 'the sheet to read from an .xlsx workbook (default: the first visible one)';

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

  const score = program
    .command('score')
    .description('rank the requests of a CSV export (FILE may be - for stdin)')
    .argument('<file>', 'CSV export: Salesforce, HubSpot, Jira, or any spreadsheet')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .option('-d, --decisions <path>', 'apply triage decisions (decisions.yaml): assessed values, merges, declines')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(REPORTERS)).default('table'))
    .option('-n, --top <n>', 'show only the top N requests', parsePositiveInt)
    .option('-o, --output <path>', 'write the result to a file instead of stdout')
    .option('--wide', 'table: every column in full, however wide the terminal')
    .option('--bom', 'csv: start with a byte order mark, for Excel on Windows');
  withCsvOptions(score)
    .option('--strict', 'exit 1 when there are warnings')
    .option('--win-loss <path>', 'win/loss export: adds lost_value, lost_deals, won_value, won_deals to each request')
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP)
    .option('--as-of <date>', 'the date within_days conditions and decay count from, YYYY-MM-DD (default: today)', parseAsOf)
    .option('-q, --quiet', 'no progress line on stderr for long reads');
  withUncertaintyOptions(score).action(async (file: string, opts: ScoreFlags) => {
    const { runScore } = await import('./commands/score.js');
    const format = isReporterName(opts.format) ? opts.format : 'table';
    setExitCode(
      await runScore(
        file,
        {
          format,
          isStrict: opts.strict === true,
          ...pick(opts, ['config', 'decisions', 'top', 'output', 'winLoss', 'asOf', 'accounts']),
          ...csvOptionsOf(opts),
          ...(opts.quiet ? { isQuiet: true } : {}),
          ...(opts.bom ? { hasBom: true } : {}),
          ...uncertaintyOptionsOf(opts),
        },
        opts.wide ? { ...commandContext(), columns: undefined } : commandContext(),
      ),
    );
  });
  const columns = program
    .command('columns')
    .description('show which column each field is read from, and why (FILE may be - for stdin)')
    .argument('<file>', 'CSV export')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'));
  withCsvOptions(columns).action(async (file: string, opts: ReadFlags & { format: 'text' | 'json' }) => {
    const { runColumns } = await import('./commands/columns.js');
    setExitCode(await runColumns(file, { format: opts.format, ...pick(opts, ['config']), ...csvOptionsOf(opts) }, commandContext()));
  });
  program
    .command('check')
    .description('validate a scoring config, for editors and CI (exit 1 when it has problems)')
    .argument('[config]', 'scoring config (default: ./scoring.yaml)')
    .option('-d, --data <file>', "also check the config against a CSV export's header and values")
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .option('-n, --top <n>', 'with --data: warn when the top N is fragile under ±20% weight changes', parsePositiveInt)
    .option('--strict', 'exit 1 on warnings too')
    .option(SHEET_FLAG, SHEET_HELP)
    .action(
      async (
        config: string | undefined,
        opts: { data?: string; format: 'text' | 'json' | 'github'; strict?: boolean; top?: number; sheet?: string },
      ) => {
        const { runCheck } = await import('./commands/check.js');
        const options = {
          format: opts.format,
          isStrict: opts.strict === true,
          settings: readSettings(),
          ...pick(opts, ['data', 'top', 'sheet']),
        };
        setExitCode(await runCheck(config, options, commandContext()));
      },
    );
  program
    .command('init')
    .description('write a commented starter scoring.yaml')
    .option('--from <file>', "fill columns and maps from a CSV export's headers and values")
    .addOption(new Option('--preset <model>', 'starter model').choices(['weighted', 'rice', 'wsjf', 'ice']).default('weighted'))
    .option('-o, --output <path>', 'where to write', 'scoring.yaml')
    .option('--force', 'replace an existing file')
    .option('-y, --yes', "with --from: take pm-rank's guess for every column without asking")
    .option(SHEET_FLAG, SHEET_HELP)
    .action(
      async (opts: {
        from?: string;
        output: string;
        force?: boolean;
        yes?: boolean;
        preset: import('./commands/init.js').Preset;
        sheet?: string;
      }) => {
        const { runInit } = await import('./commands/init.js');
        const options = {
          isForce: opts.force === true,
          isYes: opts.yes === true,
          isInteractive: isInteractive(),
          settings: readSettings(),
          output: opts.output,
          preset: opts.preset,
          ...pick(opts, ['from', 'sheet']),
        };
        setExitCode(await runInit(options, context));
      },
    );
  program
    .command('diff')
    .description('show what a config change does to the ranking of an export')
    .argument('<base>', 'config before the change: a path, or git:REF:path (e.g. git:origin/main:scoring.yaml)')
    .argument('<head>', 'config after the change: a path, or git:REF:path')
    .argument('<file>', 'CSV export to rank with both')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'table', 'json']).default('table'))
    .option('-n, --top <n>', 'size of the top list that requests enter or leave', parsePositiveInt, 10)
    .option('-d, --decisions <path>', 'triage decisions to apply under both configs (decisions.yaml)')
    .option('--win-loss <path>', 'win/loss export, as for score')
    .option(SHEET_FLAG, SHEET_HELP)
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP)
    .action(async (base: string, head: string, file: string, opts: import('./commands/diff.js').DiffOptions) => {
      const { runDiff } = await import('./commands/diff.js');
      setExitCode(await runDiff(base, head, file, { ...opts, settings: readSettings() }, context));
    });
  program
    .command('sensitivity')
    .description('how much the top N depends on the weights: smallest changes that reorder it, and a seeded perturbation study')
    .argument('<file>', 'CSV export (FILE may be - for stdin)')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-n, --top <n>', 'size of the top list', parsePositiveInt, 10)
    .option('--spread <share>', 'vary each weight by up to this much, e.g. 20% or 0.2 (default: 20%)', parseShare)
    .option('--seed <n>', 'seed of the random perturbations; same seed, same result (default: 1)', parsePositiveInt)
    .option('--samples <n>', 'number of random perturbations (default: 1000)', parsePositiveInt)
    .option(SHEET_FLAG, SHEET_HELP)
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP)
    .action(async (file: string, opts: import('./commands/sensitivity.js').SensitivityFlags) => {
      const { runSensitivity } = await import('./commands/sensitivity.js');
      setExitCode(await runSensitivity(file, { ...opts, settings: readSettings() }, context));
    });

  program
    .command('triage')
    .description('assess and decide untriaged requests one at a time; every answer is saved at once')
    .argument('<file>', 'CSV export')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .option('-d, --decisions <path>', 'decisions file to read and update (default: decisions.yaml beside FILE)')
    .option('--only <which...>', 'untriaged, all, or request ids; give FILE before it', ['untriaged'])
    .option('--delimiter <char>', 'field delimiter (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'file encoding (default: detected)')
    .option(SHEET_FLAG, SHEET_HELP)
    .option('--win-loss <path>', 'win/loss export, as for score')
    .action(async (file: string, opts: TriageFlags) => {
      const { runTriage } = await import('./commands/triage/index.js');
      const [first] = opts.only;
      setExitCode(
        await runTriage(
          file,
          {
            only: opts.only.length === 1 && (first === 'all' || first === 'untriaged') ? first : opts.only,
            isInteractive: isInteractive(),
            decider: process.env.PM_RANK_DECIDER ?? process.env.USER ?? process.env.USERNAME ?? 'unknown',
            today: new Date().toISOString().slice(0, 10),
            ...pick(opts, ['config', 'decisions', 'delimiter', 'encoding', 'sheet', 'winLoss']),
            settings: readSettings(),
          },
          commandContext(),
        ),
      );
    });
  const report = program
    .command('report')
    .description('write a markdown report that justifies the ranking, for PMs or for sales')
    .argument('<file>', 'CSV export (FILE may be - for stdin)')
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .addOption(
      new Option('--audience <audience>', 'pm: scores and trade-offs; sales: commitments to relay').choices(['pm', 'sales']).default('pm'),
    )
    .option('-d, --decisions <path>', 'triage decisions to apply (decisions.yaml)')
    .option('--win-loss <path>', 'win/loss export, as for score')
    .option('--account <name>', "sales: only this customer's requests")
    .option('--since <previous>', 'sales: the previous export; lists what shipped since then')
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP)
    .option('-n, --top <n>', 'requests shown in full; the rest are collapsed', parsePositiveInt, 10)
    .option('--date <yyyy-mm-dd>', 'date shown in the report (default: today, UTC)', parseIsoDate)
    .option('--as-of <date>', 'the date within_days conditions and decay count from, YYYY-MM-DD (default: today)', parseAsOf)
    .option('-o, --output <path>', 'write the report to a file instead of stdout');
  withUncertaintyOptions(withCsvOptions(report)).action(async (file: string, opts: ReportFlags) => {
    const { runReport } = await import('./commands/report.js');
    setExitCode(
      await runReport(
        file,
        {
          audience: opts.audience === 'sales' ? 'sales' : 'pm',
          top: opts.top,
          date: opts.date ?? new Date().toISOString().slice(0, 10),
          ...pick(opts, ['config', 'decisions', 'winLoss', 'account', 'since', 'output', 'accounts', 'asOf']),
          ...csvOptionsOf(opts),
          ...uncertaintyOptionsOf(opts),
        },
        commandContext(),
      ),
    );
  });

  withReadOptions(
    program
      .command('winloss')
      .description('win/loss review: loss reasons by value and segment, cited requests against their rank')
      .argument('<deals>', 'win/loss export: closed deals, their outcome, amount, reason and the requests they cite')
      .option('-r, --requests <path>', 'request export to compare the citations with its ranking'),
  ).action(async (deals: string, opts: ReadFlags & { requests?: string }) => {
    const { runWinLoss } = await import('./commands/winloss.js');
    setExitCode(await runWinLoss(deals, { ...readOptionsOf(opts), ...pick(opts, ['requests']) }, commandContext()));
  });

  withReadOptions(
    program
      .command('digest')
      .description('weekly digest: what changed between two exports (new requests and accounts, movers, escalations)')
      .argument('<previous>', "last sync's export")
      .argument('<current>', "this sync's export")
      .addOption(new Option('-f, --format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
      .option('-n, --top <n>', 'how many movers to list', parsePositiveInt, 5)
      .option('--win-loss <path>', 'win/loss export, as for score'),
  ).action(async (previous: string, current: string, opts: ReadFlags & { format: 'markdown' | 'json'; top: number; winLoss?: string }) => {
    const { runDigest } = await import('./commands/digest.js');
    const options = { ...readOptionsOf(opts), format: opts.format, top: opts.top, ...pick(opts, ['winLoss']) };
    setExitCode(await runDigest(previous, current, options, commandContext()));
  });

  withReadOptions(
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
      .option('--win-loss <path>', 'win/loss export, as for score'),
  ).action(async (file: string, opts: PlanFlags) => {
    const { runPlan } = await import('./commands/plan.js');
    const options = {
      ...readOptionsOf(opts),
      capacity: opts.capacity,
      objective: opts.objective === 'deal-value' ? ('deal_value' as const) : ('score' as const),
      order: opts.order,
      format: opts.format,
      ...pick(opts, ['committed', 'decisions', 'winLoss']),
    };
    setExitCode(await runPlan(file, options, commandContext()));
  });

  withReadOptions(
    program
      .command('escalations')
      .description('the escalation path: each rule in words, requests that meet it, and those one condition short')
      .argument('<file>', 'CSV export, as for score')
      .option('--win-loss <path>', 'win/loss export, as for score'),
  ).action(async (file: string, opts: ReadFlags & { winLoss?: string }) => {
    const { runEscalations } = await import('./commands/escalations.js');
    setExitCode(await runEscalations(file, { ...readOptionsOf(opts), ...pick(opts, ['winLoss']) }, commandContext()));
  });

  /** The context with colour as the shell and --no-color decide. */
  function commandContext(): CommandContext {
    return { ...context, isColor: context.isColor && program.opts<{ color: boolean }>().color };
  }
  return program;
}

interface PlanFlags extends ReadFlags {
  capacity: number;
  objective: string;
  order: 'rank' | 'cd3';
  committed?: string[];
  decisions?: string;
  format: 'text' | 'markdown' | 'json';
  winLoss?: string;
}

/** How exports are read, from the environment: read here, the only reader of process.env, when a command runs. */
function readSettings(): ReadSettings {
  return readSettingsFrom(process.env);
}

/** A terminal a person answers on: never prompt on a pipe or in CI. */
function isInteractive(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true && !process.env.CI;
}

interface TriageFlags {
  winLoss?: string;
  config?: string;
  decisions?: string;
  only: string[];
  delimiter?: string;
  encoding?: string;
  sheet?: string;
}

interface ReadFlags {
  config?: string;
  accounts?: string;
  output?: string;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  decimalComma?: boolean;
  asOf?: number;
}

/** The options every command that reads an export shares. */
function withReadOptions(command: Command): Command {
  command
    .option('-c, --config <path>', 'scoring model (default: ./scoring.yaml, else the built-in model)')
    .option('-o, --output <path>', 'write the result to a file instead of stdout');
  return withCsvOptions(command)
    .option('--as-of <date>', 'the date within_days conditions and decay count from, YYYY-MM-DD (default: today)', parseAsOf)
    .option(ACCOUNTS_FLAG, ACCOUNTS_HELP);
}

const ACCOUNTS_FLAG = '--accounts <path>';
const ACCOUNTS_HELP = 'accounts file (account, parent, segment): subsidiaries count once, under their top parent';

function readOptionsOf(opts: ReadFlags) {
  return { ...pick(opts, ['config', 'output', 'asOf', 'accounts']), ...csvOptionsOf(opts) };
}

/** How to read the CSV itself, where detection may guess wrong. */
function withCsvOptions(command: Command): Command {
  return command
    .option('--delimiter <char>', 'field delimiter (default: detected)', parseDelimiter)
    .option('--encoding <name>', 'file encoding, e.g. utf-8, windows-1252 (default: detected)')
    .option('--decimal-comma', 'read numbers with a decimal comma (default: detected per column)')
    .option(SHEET_FLAG, SHEET_HELP);
}

function csvOptionsOf(opts: Pick<ReadFlags, 'delimiter' | 'encoding' | 'decimalComma' | 'sheet'>) {
  return {
    ...pick(opts, ['delimiter', 'encoding', 'sheet']),
    ...(opts.decimalComma ? { isDecimalComma: true } : {}),
    settings: readSettings(),
  };
}

/** score and report --uncertainty: a seeded Monte Carlo over uncertain inputs. */
function withUncertaintyOptions(command: Command): Command {
  return command
    .option('--uncertainty', 'sample uncertain inputs (ranges like 3-4 or M-L, confidence): P(top N) and a rank interval per request')
    .option('--samples <n>', 'with --uncertainty: number of samples (default: 10000)', parsePositiveInt)
    .option('--seed <n>', 'with --uncertainty: seed; the same seed gives the same output (default: 1)', parsePositiveInt)
    .option('--spread <share>', 'with --uncertainty: also vary each weight by up to this much, e.g. 20% or 0.2', parseShare);
}

interface UncertaintyFlags {
  uncertainty?: boolean;
  samples?: number;
  seed?: number;
  spread?: number;
}

function uncertaintyOptionsOf(opts: UncertaintyFlags) {
  return { ...(opts.uncertainty ? { isUncertain: true } : {}), uncertainty: pick(opts, ['samples', 'seed', 'spread']) };
}

function parseAsOf(value: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : undefined;
  if (day === undefined) throw new InvalidArgumentError(`expected a date as YYYY-MM-DD, got "${value}"`);
  return day;
}

interface ScoreFlags extends UncertaintyFlags {
  config?: string;
  accounts?: string;
  decisions?: string;
  format: string;
  top?: number;
  output?: string;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  decimalComma?: boolean;
  strict?: boolean;
  winLoss?: string;
  asOf?: number;
  quiet?: boolean;
  wide?: boolean;
  bom?: boolean;
}

function pick<T extends object, K extends keyof T>(source: T, keys: K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]])) as Partial<Pick<T, K>>;
}

function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of 1 or more, got "${value}"`);
  return n;
}

function parseShare(value: string): number {
  const n = value.endsWith('%') ? Number(value.slice(0, -1)) / 100 : Number(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1)
    throw new InvalidArgumentError(`expected a share between 0 and 100%, like 20% or 0.2; got "${value}"`);
  return n;
}

function parseDelimiter(value: string): string {
  const named: Record<string, string> = { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';', pipe: '|' };
  const delimiter = named[value.toLowerCase()] ?? value;
  if (delimiter.length !== 1) throw new InvalidArgumentError(`expected one character or tab, comma, semicolon, pipe; got "${value}"`);
  return delimiter;
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

interface ReportFlags extends UncertaintyFlags {
  asOf?: number;
  winLoss?: string;
  accounts?: string;
  decisions?: string;
  config?: string;
  audience: string;
  account?: string;
  since?: string;
  top: number;
  date?: string;
  output?: string;
  delimiter?: string;
  encoding?: string;
  sheet?: string;
  decimalComma?: boolean;
}

/** A YYYY-MM-DD date that exists, kept as text (for report --date). */
function parseIsoDate(value: string): string {
  parseAsOf(value);
  return value;
}

async function main(): Promise<void> {
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
  let code: ExitCode = ExitCode.ok;
  const program = createProgram(context, (c) => (code = c));
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    code = exitCodeFor(error, context.stderr, program.opts<{ debug?: boolean }>().debug === true);
  }
  process.exitCode = code;
}

void main();
