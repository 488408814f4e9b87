import { DEFAULT_READ_SETTINGS } from '../../src/input/settings.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { inputLimits, type InputLimits } from '../../src/input/limits.js';
import { readRequests } from '../../src/input/requests/read-requests.js';
import { modelOf } from '../core/model-fixtures.js';
import { runCli, inTempDir } from '../helpers/run-cli.js';

const model = modelOf({ criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } } });
const MB = 1024 * 1024;
const DEFAULTS = inputLimits({});

function read(text: string, limits: Partial<InputLimits>, withSize = true) {
  const source = { name: 'export.csv', stream: Readable.from([Buffer.from(text)]), ...(withSize ? { size: Buffer.byteLength(text) } : {}) };
  return readRequests(source, model, { settings: { ...DEFAULT_READ_SETTINGS, limits: { ...DEFAULTS, ...limits } } });
}

describe('input limits', () => {
  it('defaults: 1024 MB a file, 10,000 columns, 1 MB a row; the environment raises them', () => {
    expect(DEFAULTS).toEqual({ maxFileBytes: 1024 * MB, maxColumns: 10_000, maxRowBytes: MB });
    expect(inputLimits({ PM_RANK_MAX_FILE_MB: '4096', PM_RANK_MAX_COLUMNS: '50000', PM_RANK_MAX_ROW_MB: '0.5' })).toEqual({
      maxFileBytes: 4096 * MB,
      maxColumns: 50_000,
      maxRowBytes: MB / 2,
    });
    expect(() => inputLimits({ PM_RANK_MAX_COLUMNS: 'lots' })).toThrow(/PM_RANK_MAX_COLUMNS must be a positive number, got "lots"/);
  });

  it.each([
    // 1e-9 MB is a thousandth of a byte: rounded to 0 it would have turned the limit off
    ['PM_RANK_MAX_ROW_MB', '1e-9', 'PM_RANK_MAX_ROW_MB must be at least one byte, got "1e-9"'],
    ['PM_RANK_MAX_COLUMNS', '0.4', 'PM_RANK_MAX_COLUMNS must be at least 1, got "0.4"'],
    // a cell is one string, and V8 strings end at 512 MB: 1000 MB failed mid-read with "Invalid string length"
    ['PM_RANK_MAX_ROW_MB', '1000', 'PM_RANK_MAX_ROW_MB must be at most 256, got "1000"'],
  ])('refuses %s=%s, which would turn the limit off or pass what a string holds', (variable, text, message) => {
    expect(() => inputLimits({ [variable]: text })).toThrow(new UsageError(message));
  });

  const rows = `Title,Amount\n${'A,1\n'.repeat(100)}`; // 13 + 100 * 4 = 413 bytes
  it('refuses a file over the size limit before reading it, and stdin once it passes it', async () => {
    await expect(read(rows, { maxFileBytes: 412 })).rejects.toThrow(/^export.csv is over 412 bytes; set PM_RANK_MAX_FILE_MB/);
    await expect(read(rows, { maxFileBytes: 413 })).resolves.toMatchObject({ summary: { rows: 100 } });
    const stdin = { name: 'stdin', stream: Readable.from(Array.from({ length: 100 }, (_, i) => Buffer.from(i === 0 ? 'Title\n' : 'A\n'))) };
    // 6 + 99 * 2 = 204 bytes in 100 chunks
    await expect(
      readRequests(stdin, model, { settings: { ...DEFAULT_READ_SETTINGS, limits: { ...DEFAULTS, maxFileBytes: 203 } } }),
    ).rejects.toThrow(/^stdin is over/);
  });

  it('refuses a row with more columns than the limit, naming its line', async () => {
    await expect(read(`Title,Amount\nA,1\nB${',x'.repeat(10)}\n`, { maxColumns: 10 })).rejects.toThrow(
      /^export.csv:3: 11 columns, over the limit of 10; set PM_RANK_MAX_COLUMNS/,
    );
    await expect(read(`Title,Amount\nA,1\nB${',x'.repeat(9)}\n`, { maxColumns: 10 })).resolves.toBeDefined();
  });

  it('refuses a cell over the row limit, and a quote that never closes', async () => {
    await expect(read(`Title,Amount\nA,1\n"B${'x'.repeat(2000)}",2\n`, { maxRowBytes: 1000 })).rejects.toThrow(
      /^export.csv:3: a row over 1000 bytes \(a huge cell, or a quote that never closes\); set PM_RANK_MAX_ROW_MB/,
    );
    await expect(read(`Title,Amount\nA,1\n"B,2\n${'C,3\n'.repeat(500)}`, { maxRowBytes: 1000 })).rejects.toThrow(/a row over/);
  });
});

describe('input limits, end to end', () => {
  it('refuses a 2 MB cell with the default limit (a hang would meet the test timeout, not a timed assertion)', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'export.csv'), `Title,Amount\n"${'x'.repeat(2 * MB)}",1\n`);
      const result = await runCli(['score', 'export.csv'], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        'pm-rank: export.csv:2: a row over 1 MB (a huge cell, or a quote that never closes); set PM_RANK_MAX_ROW_MB to allow more\n',
      );
      expect((await runCli(['score', 'export.csv', '-o', 'out.json'], { cwd: dir, env: { PM_RANK_MAX_ROW_MB: '3' } })).code).toBe(0);
    });
  });

  it('reads the limits from the environment and refuses a bad value with exit 2', async () => {
    await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'export.csv'), `Title,Amount\n${'A,1\n'.repeat(200_000)}`); // 800 KB
      const result = await runCli(['score', 'export.csv'], { cwd: dir, env: { PM_RANK_MAX_FILE_MB: '0.5' } });
      expect(result.code).toBe(2);
      expect(result.stderr).toBe('pm-rank: export.csv is over 512 KB; set PM_RANK_MAX_FILE_MB to read larger files\n');
      expect(await runCli(['score', 'export.csv'], { cwd: dir, env: { PM_RANK_MAX_COLUMNS: '-1' } })).toMatchObject({
        code: 2,
        stderr: 'pm-rank: PM_RANK_MAX_COLUMNS must be a positive number, got "-1"\n',
      });
    });
  });
});
