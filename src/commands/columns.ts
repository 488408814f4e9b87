import { ExitCode } from '../errors.js';
import { loadConfig } from '../input/load-config.js';
import { readRequests, type ReadOptions } from '../input/requests/read-requests.js';
import { openSource } from '../input/source.js';
import { columnsAsJson, renderColumns, type ColumnsFormat } from '../reporters/columns.js';
import { renderDiagnostics } from '../reporters/diagnostics.js';
import type { CommandContext } from '../context.js';

export interface ColumnsOptions extends ReadOptions {
  config?: string;
  format: ColumnsFormat;
}

/** pm-rank columns: which header each field is read from, and why; the one place to see and question the mapping. */
export async function runColumns(file: string, options: ColumnsOptions, context: CommandContext): Promise<ExitCode> {
  const { model } = await loadConfig(options.config, context.cwd);
  // Columns the config names but the export lacks are shown as problems here, not stops: this is where they get fixed.
  const read = await readRequests(await openSource(file, context.cwd, context.stdin), model, { ...options, isMissingColumnAllowed: true });
  context.stderr.write(
    renderDiagnostics(
      read.issues.filter((i) => i.line === undefined),
      { color: context.isColor },
    ),
  );
  const text =
    options.format === 'json'
      ? `${JSON.stringify({ source: read.summary.source, header: read.summary.header, columns: columnsAsJson(read.summary.choices) }, null, 2)}\n`
      : renderColumns(read.summary, { color: context.isColor });
  context.stdout.write(text);
  return ExitCode.ok;
}
