import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { formatIssue } from '../../src/reporters/words/issues.js';
import { loadDecisions } from '../../src/input/load-decisions.js';

const dir = mkdtempSync(join(tmpdir(), 'pm-rank-decisions-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(text: string) {
  writeFileSync(join(dir, 'decisions.yaml'), text);
  return loadDecisions('decisions.yaml', dir);
}

describe('loadDecisions', () => {
  it('reads entries into decisions, merge_into as mergeInto', async () => {
    const { decisions } = await load(
      'version: 1\ndecisions:\n  FR-1:\n    decision: accept\n    values: { alignment: 4 }\n  12345:\n    merge_into: FR-1\n',
    );
    expect(decisions).toEqual({ 'FR-1': { decision: 'accept', values: { alignment: 4 } }, '12345': { mergeInto: 'FR-1' } });
  });

  it('treats an empty file as no decisions', async () => {
    expect((await load('')).decisions).toEqual({});
  });

  it('starts empty when the file is missing and that is allowed', async () => {
    expect(await loadDecisions('nope.yaml', dir, { isMissingOk: true })).toEqual({ decisions: {}, exists: false });
    await expect(loadDecisions('nope.yaml', dir)).rejects.toBeInstanceOf(InputError);
  });

  it('stops reading at the size limit: a decisions file linked to /dev/zero fails at 1 MB, not after gigabytes', async () => {
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    await expect(loadDecisions('zero.yaml', dir)).rejects.toThrow(new InputError('cannot read decisions zero.yaml: it is over 1 MB'));
  });

  it.each([
    // line 4 col 5 is the "reson" key
    ['decisions:\n  FR-1:\n    decision: accept\n    reson: typo\n', 'decisions.yaml:4:5 decisions.FR-1.reson'],
    // line 3 col 15 is the value "decline", which lacks its reason
    ['decisions:\n  FR-1:\n    decision: decline\n', 'decisions.yaml:3:15 decisions.FR-1.decision'],
    // line 3 col 15: "maybe" is not a decision
    ['decisions:\n  FR-1:\n    decision: maybe\n', 'decisions.yaml:3:15 decisions.FR-1.decision'],
    // a second FR-1 block (a bad merge of two edits) on line 4, col 3
    ['decisions:\n  FR-1:\n    decision: accept\n  FR-1:\n    decision: defer\n', 'decisions.yaml:4:3'],
  ])('refuses %j with its location', async (text, location) => {
    const error = await load(text).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).findings.map(formatIssue).join('\n')).toContain(location);
  });
});

describe('a __proto__ key', () => {
  it('is an error at its line and column, never silently dropped', async () => {
    // "  __proto__:" is line 2; the key starts at column 3
    writeFileSync(join(dir, 'proto.yaml'), 'decisions:\n  __proto__:\n    decision: accept\n  FR-1:\n    decision: accept\n');
    const error = await loadDecisions('proto.yaml', dir).catch((e: unknown) => e);
    expect((error as InputError).findings.map((f) => [f.code, formatIssue(f)])).toEqual([
      ['PROTOTYPE_KEY', expect.stringMatching(/^proto\.yaml:2:3: key "__proto__" cannot be read/)],
    ]);
  });
});
