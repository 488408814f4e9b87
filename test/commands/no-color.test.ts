import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli.js';
import type { CommandContext } from '../../src/context.js';

// "lots" is no amount: every ranking command warns about it on stderr.
const CSV = 'Request ID,Feature Request,Account Name,Amount\nFR-1,SSO,Acme,lots\nFR-2,Dark mode,Beta,100\n';
const dir = mkdtempSync(join(tmpdir(), 'pm-rank-no-color-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the program on a colour terminal, as main() would, and returns what went to stderr. */
async function stderrOf(args: string[]): Promise<string> {
  let stderr = '';
  const context: CommandContext = {
    cwd: dir,
    stdin: Readable.from([Buffer.from(CSV)]),
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    isColor: true,
  };
  await createProgram(context, () => undefined).parseAsync(['node', 'pm-rank', ...args]);
  return stderr;
}

describe('--no-color', () => {
  it.each([['score'], ['sensitivity']])('reaches %s, whose warnings are otherwise coloured', async (command) => {
    const coloured = await stderrOf([command, '-']);
    expect(coloured).toContain('"lots" is not an amount');
    expect(coloured).toContain('\u001b[');
    const plain = await stderrOf(['--no-color', command, '-']);
    expect(plain).toContain('"lots" is not an amount');
    expect(plain).not.toContain('\u001b[');
  });
});
