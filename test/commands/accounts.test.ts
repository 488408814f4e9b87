import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScore } from '../../src/commands/score.js';
import { FIXTURES } from '../helpers/exec.js';

async function score(accounts: string, cwd = FIXTURES) {
  let [out, err] = ['', ''];
  const context = {
    cwd,
    stdin: Readable.from([]),
    stdout: { write: (text: string) => (out += text) },
    stderr: { write: (text: string) => (err += text) },
    isColor: false,
  };
  await runScore(join(FIXTURES, 'requests.csv'), { format: 'json', isStrict: false, accounts }, context);
  type Json = {
    requests: { id: string; deal_value: number; accounts: { name: string; deal_value: number | null }[]; segments: string[] }[];
    accounts_rolled_up: { account: string; into: string }[];
  };
  return { json: JSON.parse(out) as Json, err };
}

describe('score --accounts', () => {
  it('counts subsidiaries once under their top parent, with the largest deal, and lists who was rolled up', async () => {
    // fixtures/accounts.csv: Redwood Credit Union and Summit Ridge Insurance belong to Crestline Financial Group
    // (Enterprise), Pinecone Dental Group to Meridian Health Partners.
    const { json } = await score(join(FIXTURES, 'accounts.csv'));
    const request = (id: string) => json.requests.find((r) => r.id === id)!;
    // FR-102: Crestline 150K + Redwood 30K + Summit 65K = 245K before; now Crestline once, max(150K, 30K, 65K) = 150K.
    expect(request('FR-102').accounts).toEqual([{ name: 'Crestline Financial Group', deal_value: 150_000 }]);
    expect([request('FR-102').deal_value, request('FR-102').segments]).toEqual([150_000, ['Enterprise']]);
    // FR-109: Meridian 45K + Redwood 30K + Summit 65K = 140K before; now Meridian 45K + Crestline max(30K, 65K) = 110K.
    expect(request('FR-109').deal_value).toBe(110_000);
    expect(json.accounts_rolled_up.map((r) => `${r.account} → ${r.into}`).sort()).toEqual([
      'Pinecone Dental Group → Meridian Health Partners',
      'Redwood Credit Union → Crestline Financial Group',
      'Summit Ridge Insurance → Crestline Financial Group',
    ]);
  });

  it('warns about an unknown parent, naming the file and line, and counts that account on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-accounts-'));
    try {
      writeFileSync(join(dir, 'accounts.csv'), 'Account,Parent\nRedwood Credit Union,Crestline Financial Groupe\n');
      const { json, err } = await score('accounts.csv', dir);
      expect(err).toContain('accounts.csv:2: parent "Crestline Financial Groupe" of "Redwood Credit Union" is not listed as an account');
      expect(json.accounts_rolled_up).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
