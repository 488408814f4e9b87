import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDecisions } from '../../../src/input/load-decisions.js';
import { ROOT } from '../../helpers/exec.js';

const COUNT = 20;
// Above Linux's largest pid (2^22): no process has it, so its lock is stale.
const DEAD_PID = 4194305;

let dir: string;
beforeEach(() => void (dir = mkdtempSync(join(tmpdir(), 'pm-rank-race-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A helper process of test/helpers/, once it has said it is ready; its stdout lines are read in turn. */
async function startHelper(script: string, args: string[], ready: string) {
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers', script), ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => (await lines.next()).value as string | undefined;
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as string | null, stderr }));
  expect(await nextLine()).toBe(ready);
  return { child, nextLine, exited };
}

/** Two processes that each save COUNT answers through triage's save, started at the same moment. */
async function raceTwoSavers(): Promise<void> {
  const savers = await Promise.all(
    [
      ['ann', 'values.alignment'],
      ['bob', 'values.effort'],
    ].map(([decider, field]) => startHelper('race-saves.js', [dir, decider!, field!, String(COUNT)], 'ready')),
  );
  savers.forEach((s) => s.child.stdin.write('go\n'));
  for (const exit of await Promise.all(savers.map((s) => s.exited))) expect(exit).toEqual({ code: 0, signal: null, stderr: '' });
}

async function expectEveryAnswer(): Promise<void> {
  const { decisions } = await loadDecisions('decisions.yaml', dir);
  // Ri (i from 1) got alignment 1, 2, 3, 4, 5, 1... from ann and effort S, M, L, S... from bob.
  for (let i = 1; i <= COUNT; i++)
    expect([`R${i}`, decisions[`R${i}`]?.values]).toEqual([`R${i}`, { alignment: ((i - 1) % 5) + 1, effort: 'SML'[(i - 1) % 3] }]);
  expect(readdirSync(dir)).toEqual(['decisions.yaml']); // no save lock, temp file or lock set aside left behind
}

describe('two triage processes saving to one decisions file at the same moments', () => {
  // Without the save lock both fail every time: the first saves of the two read the same file and the later rename drops the other's answer.
  it('keeps every answer of both', async () => {
    await raceTwoSavers();
    await expectEveryAnswer();
  });

  it('keeps every answer of both when they start by breaking the save lock of a killed saver together', async () => {
    const killed = { decider: 'cat', pid: DEAD_PID, host: hostname(), started: new Date().toISOString() };
    writeFileSync(join(dir, 'decisions.yaml.save-lock'), JSON.stringify(killed));
    await raceTwoSavers();
    await expectEveryAnswer();
  });
});

describe('a signal during a save', () => {
  it('ends the saver only once the save is written and its lock removed', async () => {
    const path = join(dir, 'decisions.yaml');
    const saver = await startHelper('interrupted-save.js', [path], 'saving');
    expect(existsSync(`${path}.save-lock`)).toBe(true);
    saver.child.kill('SIGINT');
    expect(await saver.nextLine()).toBe('caught');
    saver.child.stdin.write('go\n');
    expect(await saver.exited).toEqual({ code: null, signal: 'SIGINT', stderr: '' });
    expect(readFileSync(path, 'utf8')).toBe('saved\n');
    expect(readdirSync(dir)).toEqual(['decisions.yaml']);
  });
});
