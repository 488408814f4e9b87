import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../dist/input/load-config.js';
import { readRequests } from '../../dist/input/requests/read-requests.js';
import { DEFAULT_READ_SETTINGS, type ReadSettings } from '../../dist/input/settings.js';
import { fileSource } from '../../dist/input/source.js';
import { FIXTURES, ROOT, runBuiltCli } from '../helpers/exec.js';
import { inTempDir, runCli, type CliResult } from '../helpers/run-cli.js';

// The fast CSV parser and the reading thread must be invisible: every export gives the same requests, warnings
// and errors as csv-parse on one thread; command lines check the same end to end, those on the reading thread in the
// built CLI (the thread runs dist's worker).
const csvsUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.csv'))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .sort();

const FILES = [...csvsUnder(FIXTURES), ...csvsUnder(join(ROOT, 'test/data/csv-spectrum/csvs'))];

/** Malformed or unusual exports, each with the environment it runs in. */
const MADE: [string, string, Record<string, string>][] = [
  ['unclosed-quote.csv', 'Request ID,Title,Account\nFR-1,"SSO,Acme\nFR-2,Audit,Beta\n', {}],
  ['row-over-limit.csv', 'Request ID,Title,Account\nFR-1,SSO,Acme\nFR-2,' + 'x'.repeat(200) + ',Beta\n', { PM_RANK_MAX_ROW_MB: '0.0001' }],
  ['too-many-columns.csv', 'Request ID,Title,Account\nFR-1,SSO,Acme,,,,,\n', { PM_RANK_MAX_COLUMNS: '5' }],
  ['excel-sep.csv', 'sep=;\r\nRequest ID;Title;Account;Amount\r\nFR-1;"SSO; SAML";Acme;"$1,000"\r\nFR-1;SSO;"Beta ""B""";2000\r\n', {}],
  ['quote-after-text.csv', 'Request ID,Title,Account\nFR-1,"SSO" SAML,Acme\nFR-2,Audit "log",Beta\r\n', {}],
  ['mixed-line-endings.csv', 'Request ID,Title,Account,Amount\r\nFR-1,"SSO\nSAML",Acme,1\nFR-2,Audit,Beta,2\rFR-3,Logs,Gamma,3\r\n', {}],
];

/**
 * The fast parser's result as csv-parse's should be: the same, but for the one warning only the fast parser
 * gives, since csv-parse does not say which line break ended a record.
 */
function withoutMixedLineEndings(result: CliResult): CliResult {
  const stderr = result.stderr.replace(/^warning: .*: this row ends with .*; every row is still read\n/m, '');
  if (result.code !== 0) return { ...result, stderr };
  const json = JSON.parse(result.stdout) as { warnings: { code: string }[] };
  const warnings = json.warnings.filter((warning) => warning.code !== 'MIXED_LINE_ENDINGS');
  if (warnings.length === json.warnings.length) return result;
  return { ...result, stderr, stdout: `${JSON.stringify({ ...json, warnings }, null, 2)}\n` };
}

/** The default run, csv-parse on one thread, and the fast parser on a reading thread (used by itself only from 16 MB). */
async function scoreBoth(args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }) {
  const argv = ['score', ...args, '-f', 'json', '--as-of', '2026-06-01'];
  const withEnv = (env: Record<string, string>) => ({ ...options, env: { ...options.env, ...env } });
  const fast = await runCli(argv, withEnv({}));
  const plain = await runCli(argv, withEnv({ PM_RANK_CSV_PARSER: 'csv-parse', PM_RANK_READ_THREAD: 'never' }));
  const { stdout, stderr, code } = runBuiltCli(argv, withEnv({ PM_RANK_READ_THREAD: 'always' }));
  expect({ stdout, stderr, code }).toEqual(fast);
  return { fast, plain };
}

/** What a read gives, or the error it stops with: the three ways of reading must agree on both. */
async function readWith(file: string, settings: ReadSettings) {
  const path = join(ROOT, file);
  try {
    const read = await readRequests(fileSource(file, path, statSync(path).size), model, { settings });
    return { requests: read.requests, issues: read.issues, summary: read.summary };
  } catch (error) {
    return { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

const { model } = await loadConfig(undefined, ROOT);

describe('PM_RANK_CSV_PARSER=csv-parse, the default parser and the reading thread score every export the same', () => {
  // In process (the built modules, whose reading thread is dist's): every fixture and every csv-spectrum file.
  it.each(FILES)('%s', async (file) => {
    const fast = await readWith(file, DEFAULT_READ_SETTINGS);
    expect(await readWith(file, { ...DEFAULT_READ_SETTINGS, parser: 'csv-parse', thread: 'never' })).toEqual(fast);
    expect(await readWith(file, { ...DEFAULT_READ_SETTINGS, thread: 'always' })).toEqual(fast);
  });

  it('a generated 3,000-row export: quoted commas, multi-line notes, requests repeated across accounts', async () => {
    await inTempDir(async (cwd) => {
      spawnSync(process.execPath, [join(ROOT, 'bench/generate.js'), '3000', join(cwd, 'export.csv')]);
      const { fast, plain } = await scoreBoth(['export.csv'], { cwd });
      expect(fast.code).toBe(0);
      expect(JSON.parse(fast.stdout)).toMatchObject({ summary: { rows: 3000 } });
      expect(fast).toEqual(plain);
    });
  });

  it('with a win/loss export', async () => {
    await inTempDir(async (cwd) => {
      const { fast, plain } = await scoreBoth([join(FIXTURES, 'requests.csv'), '--win-loss', join(FIXTURES, 'deals.csv')], { cwd });
      expect(fast.code).toBe(0);
      expect(fast).toEqual(plain);
    });
  });

  it('from stdin', async () => {
    await inTempDir(async (cwd) => {
      const { fast, plain } = await scoreBoth(['-'], { cwd, input: 'Request ID,Title,Account,Amount\r\nFR-1,"SSO\r\nSAML",Acme,100\r\n' });
      expect(fast.code).toBe(0);
      expect(fast).toEqual(plain);
    });
  });

  it.each(MADE)('%s', async (name, text, env) => {
    await inTempDir(async (cwd) => {
      writeFileSync(join(cwd, name), text);
      const { fast, plain } = await scoreBoth([name], { cwd, env });
      if (name === 'mixed-line-endings.csv') {
        // the header ends with CRLF, FR-1's row (line 2, after its quoted LF) with LF
        expect(fast.stderr).toContain(
          'mixed-line-endings.csv:2: this row ends with LF, the first one with CRLF; every row is still read\n',
        );
        expect(JSON.parse(plain.stdout)).toMatchObject({ summary: { rows: 3 } });
      }
      expect(withoutMixedLineEndings(fast)).toEqual(plain);
    });
  });

  it('names the values PM_RANK_CSV_PARSER takes when given another', async () => {
    const result = await runCli(['score', 'fixtures/requests.csv'], { env: { PM_RANK_CSV_PARSER: 'papaparse' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pm-rank: PM_RANK_CSV_PARSER must be csv-parse or fast, got "papaparse"\n');
  });

  it('names the values PM_RANK_READ_THREAD takes when given another', async () => {
    const result = await runCli(['score', 'fixtures/requests.csv'], { env: { PM_RANK_READ_THREAD: 'sometimes' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('pm-rank: PM_RANK_READ_THREAD must be always, never or auto, got "sometimes"\n');
  });
});
