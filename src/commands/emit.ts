import { writeAtomic } from '../output/write-atomic.js';
import type { CommandContext } from '../context.js';

/** Writes a command's result to the -o file (atomically) or to stdout. */
export async function emitResult(text: string, output: string | undefined, context: CommandContext): Promise<void> {
  if (output) await writeAtomic(output, text, { cwd: context.cwd });
  else context.stdout.write(text);
}
