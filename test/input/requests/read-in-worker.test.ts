import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
// The built modules: the reading thread runs dist/input/requests/read-worker.js, which the TypeScript sources do not have.
import { InputError } from '../../../dist/errors.js';
import { loadConfig } from '../../../dist/input/load-config.js';
import { fileSource } from '../../../dist/input/source.js';
import { readRequests } from '../../../dist/input/requests/read-requests.js';
import { DEFAULT_READ_SETTINGS } from '../../../dist/input/settings.js';

const ALWAYS = { settings: { ...DEFAULT_READ_SETTINGS, thread: 'always' as const } };

/** A 2,000-row export (about 90 KB, so two chunks and a progress report), with `last` as its final row. */
function exportWith(dir: string, last: string): string {
  const rows = Array.from({ length: 2000 }, (_, i) => `FR-${i % 40},Request ${i % 40},Account ${i},"$${i},000"`);
  const path = join(dir, 'export.csv');
  writeFileSync(path, `Request ID,Title,Account,Amount\n${rows.join('\n')}\n${last}\n`);
  return path;
}

describe('reading on a second thread', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pm-rank-test-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds an error of the reading thread as the same class, with its message', async () => {
    const { model } = await loadConfig(undefined, '/');
    const read = readRequests(fileSource('export.csv', exportWith(dir, 'FR-1,"unterminated,Acme,1'), 90_000), model, ALWAYS);
    await expect(read).rejects.toThrow(InputError);
    await expect(read).rejects.toThrow(/^export.csv:2002: malformed CSV: Quote Not Closed/);
  });

  it('rejects with an error thrown on this side, here by the progress callback', async () => {
    const { model } = await loadConfig(undefined, '/');
    const onProgress = () => {
      throw new Error('stderr closed');
    };
    const read = readRequests(fileSource('export.csv', exportWith(dir, 'FR-1,Last,Acme,1'), 90_000), model, { ...ALWAYS, onProgress });
    await expect(read).rejects.toThrow('stderr closed');
  });
});
