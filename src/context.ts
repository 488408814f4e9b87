import type { Readable } from 'node:stream';

/** What a command may touch: everything process-wide comes in here, so tests can fake it. */
export interface CommandContext {
  cwd: string;
  stdin: Readable;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  isColor: boolean;
  /** stderr is a terminal, so a progress line can be drawn and erased. */
  isProgress?: boolean;
  /** The width tables fit to (COLUMNS, the terminal's, or 80); absent, tables show every column in full. */
  columns?: number;
}

/** The width to fit tables to: COLUMNS when set (also on a pipe, as ls does), else the terminal's, else 80. */
export function terminalColumns(env: string | undefined, terminal: number | undefined): number {
  const set = Number(env);
  if (env !== undefined && Number.isInteger(set) && set > 0) return set;
  return terminal !== undefined && terminal > 0 ? terminal : 80;
}
