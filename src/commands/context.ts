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
  /** Terminal width when stdout is a terminal. */
  columns?: number;
}
