import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInit } from '../../src/commands/init.js';
import { parseConfig } from '../../src/input/parse-config.js';
import { chooseOne, type Choice } from '../../src/prompts/index.js';

vi.mock('../../src/prompts/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/prompts/index.js')>()),
  chooseOne: vi.fn(),
}));

// "Anliegen" and "Potenzial" are in no synonym table and their cells prove nothing: no guess for title or deal value.
// "Kunde" is German for customer: the account.
const EXPORT =
  'Code,Anliegen,Kunde,Potenzial,Notiz\n1,SSO via Okta,Acme,"120,000",call\n2,Audit log,Beta,"80,000",mail\n3,SSO via Okta,Gamma,"40,000",\n';

let dir: string;
let stderr: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pm-rank-init-'));
  writeFileSync(join(dir, 'export.csv'), EXPORT);
  stderr = '';
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function init(options: { isInteractive: boolean; isYes?: boolean }) {
  const context = {
    cwd: dir,
    stdin: new PassThrough(),
    stdout: { write: () => true },
    stderr: { write: (s: string) => ((stderr += s), true) },
    isColor: false,
  };
  return runInit({ from: 'export.csv', isForce: false, ...options }, context);
}

const written = () => readFileSync(join(dir, 'scoring.yaml'), 'utf8');

describe('init --from never dead-ends', () => {
  it('off a terminal, writes its guesses, every header with two values, and criteria only for fields it found', async () => {
    expect(await init({ isInteractive: false })).toBe(0);
    const yaml = written();
    expect(yaml).toContain('# - "Anliegen": "SSO via Okta", "Audit log"');
    expect(yaml).toContain('#   "Kunde": "Acme", "Beta"');
    expect(yaml).toMatch(/columns:\n {2}account: Kunde\n/);
    // No column for deal_value, segment, alignment or effort: demand (accounts and unattributed rows) is all it can score.
    const { config, issues } = parseConfig(yaml, 'scoring.yaml');
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(Object.keys(config!.criteria ?? {})).toEqual(['demand']);
    // The example's one escalation rule asks for deal_value and segment, which this export lacks: it could never apply.
    expect(config!.escalation).toEqual([]);
    expect(stderr).toMatch(/guessed title, deal_value, segment, alignment, effort without asking/);
  });

  it('on a terminal, asks for each unsure field with every header and its values, and reads again with the answers', async () => {
    const asked: string[] = [];
    vi.mocked(chooseOne).mockImplementation((message: string, choices: readonly Choice<unknown>[]) => {
      asked.push(message);
      expect(choices.map((c) => c.name)).toContain('Potenzial — e.g. "120,000", "80,000"');
      const pick = { 'Which column is title?': 1, 'Which column is deal_value?': 3 }[message] ?? -1;
      return Promise.resolve(pick);
    });
    expect(await init({ isInteractive: true })).toBe(0);
    expect(asked).toEqual([
      'Which column is title?',
      'Which column is deal_value?',
      'Which column is segment?',
      'Which column is alignment?',
      'Which column is effort?',
    ]);
    const { config } = parseConfig(written(), 'scoring.yaml');
    expect(config!.columns).toEqual({ title: 'Anliegen', account: 'Kunde', deal_value: 'Potenzial' });
    expect(Object.keys(config!.criteria ?? {})).toEqual(['deal_value']);
  });

  it('--yes takes the guesses without asking, even on a terminal', async () => {
    vi.mocked(chooseOne).mockClear();
    expect(await init({ isInteractive: true, isYes: true })).toBe(0);
    expect(chooseOne).not.toHaveBeenCalled();
  });
});
