import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { refresh, saveAnswer, undoAnswer, type Session, type Undo } from '../../../src/commands/triage/session.js';
import type { Decisions } from '../../../src/core/decisions/schema.js';
import { readField, type DecisionField, type FieldValue } from '../../../src/core/decisions/merge.js';
import type { Config } from '../../../src/core/config/schema.js';
import { scoreRequest } from '../../../src/core/scoring/score.js';
import type { Decision } from '../../../src/core/types.js';
import { loadDecisions } from '../../../src/input/load-decisions.js';
import { withSaveLock } from '../../../src/output/decisions-lock.js';
import { writeDecisions } from '../../../src/output/write-decisions.js';
import { chooseOne, QUIT } from '../../../src/prompts/index.js';
import { modelOf, requestOf } from '../../core/model-fixtures.js';

vi.mock('../../../src/prompts/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/prompts/index.js')>()),
  chooseOne: vi.fn(),
}));
vi.mock('../../../src/output/decisions-lock.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/output/decisions-lock.js')>();
  return { ...original, withSaveLock: vi.fn(original.withSaveLock) };
});

const model = modelOf({
  criteria: {
    alignment: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 },
    effort: { weight: 1, field: 'effort', map: { S: 1, M: 0.5, L: 0 } },
  },
});
const IDS = ['R1', 'R2'];
const FIELDS: Record<string, readonly FieldValue[]> = {
  'values.alignment': [1, 3, 5, undefined],
  'values.effort': ['S', 'L', undefined],
  horizon: ['Now', 'Later', undefined],
  decision: ['accept', 'escalate', undefined],
};

let dir: string;
beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'pm-rank-merge-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startSession(decider: string): Session {
  const noop = { write: () => true };
  return {
    path: 'decisions.yaml',
    model,
    config: {} as Config,
    currency: undefined,
    requests: IDS.map((id) => scoreRequest(requestOf({ id }), model)),
    base: {},
    only: 'untriaged',
    stamp: { date: '2026-11-30', decider },
    context: { cwd: dir, stdin: Readable.from([]), stdout: noop, stderr: noop, isColor: false },
    answers: 0,
  };
}

const fileNow = async () => (await loadDecisions('decisions.yaml', dir, { isMissingOk: true })).decisions;

/** An editor changing one field of the file by hand. */
async function editByHand(id: string, field: DecisionField, value: FieldValue): Promise<void> {
  const decisions = await fileNow();
  const entry: Decision = { ...decisions[id] };
  if (field.startsWith('values.')) {
    const values: Record<string, string | number> = { ...entry.values };
    if (value === undefined) delete values[field.slice(7)];
    else values[field.slice(7)] = value as string | number;
    entry.values = values;
  } else if (value === undefined) delete entry[field as 'horizon'];
  else (entry as Record<string, FieldValue>)[field] = value;
  await writeDecisions(join(dir, 'decisions.yaml'), { ...decisions, [id]: entry });
}

const fieldArb = fc.constantFrom(...(Object.keys(FIELDS) as DecisionField[])).chain((field) =>
  fc.record({
    id: fc.constantFrom(...IDS),
    field: fc.constant(field),
    value: fc.constantFrom(...FIELDS[field]!),
    /** What a hand edit sets while a conflict question is open, if one does. */
    interrupt: fc.option(fc.record({ value: fc.constantFrom(...FIELDS[field]!) }), { nil: undefined }),
  }),
);
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('read' as const), who: fc.constantFrom('A', 'B') }),
  fieldArb.map((f) => ({ kind: 'hand' as const, ...f })),
  fc
    .tuple(fieldArb, fc.constantFrom('A', 'B'), fc.boolean())
    .map(([f, who, isMineKept]) => ({ kind: 'answer' as const, who, isMineKept, ...f })),
  // :back: the writer's last saved answer taken back.
  fc.record({ kind: fc.constant('back' as const), who: fc.constantFrom('A', 'B'), isMineKept: fc.boolean() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/**
 * The reference model, field by field: an answer replaces the file's value when
 * nobody changed it since the writer last read the file (or changed it to the same
 * value); otherwise the PM is asked, and a hand edit may land while the question
 * is open. Taking an answer back restores the value before it when the file still
 * holds the value it wrote (or already the one before); otherwise the PM is asked.
 * Returns the file expected and the questions expected.
 */
function expectFile(ops: Op[]): { file: Map<string, FieldValue>; conflicts: number } {
  const file = new Map<string, FieldValue>();
  const seen: Record<string, Map<string, FieldValue>> = { A: new Map(), B: new Map() };
  const saved: Record<string, { key: string; before: FieldValue; written: FieldValue }[]> = { A: [], B: [] };
  let conflicts = 0;
  for (const op of ops) {
    if (op.kind === 'read') seen[op.who] = new Map(file);
    if (op.kind === 'hand') file.set(`${op.id} ${op.field}`, op.value);
    if (op.kind === 'back') {
      const last = saved[op.who]!.pop();
      if (!last) continue;
      const theirs = file.get(last.key);
      const isAsked = theirs !== last.written && theirs !== last.before;
      if (isAsked) conflicts += 1;
      if (!isAsked || op.isMineKept) file.set(last.key, last.before);
      seen[op.who] = new Map(file);
    }
    if (op.kind !== 'answer') continue;
    const key = `${op.id} ${op.field}`;
    const [theirs, base] = [file.get(key), seen[op.who]!.get(key)];
    if (theirs === base || theirs === op.value) {
      saved[op.who]!.push({ key, before: theirs, written: op.value });
      file.set(key, op.value);
      seen[op.who] = new Map(file);
      continue;
    }
    conflicts += 1;
    const shown = new Map(file);
    if (op.interrupt) file.set(key, op.interrupt.value);
    if (!op.isMineKept) {
      seen[op.who] = shown; // nothing saved: the session now knows the file as the question showed it
      continue;
    }
    // Mine kept: merged again with the file as shown for base; a hand edit to a third value asks once more.
    if (op.interrupt && op.interrupt.value !== theirs && op.interrupt.value !== op.value) conflicts += 1;
    saved[op.who]!.push({ key, before: file.get(key), written: op.value });
    file.set(key, op.value);
    seen[op.who] = new Map(file);
  }
  return { file, conflicts };
}

async function play(ops: Op[]): Promise<{ file: Decisions; conflicts: number }> {
  rmSync(join(dir, 'decisions.yaml'), { force: true });
  const sessions: Record<string, Session> = { A: startSession('ann'), B: startSession('bob') };
  const saved: Record<string, Undo[]> = { A: [], B: [] };
  let conflicts = 0;
  for (const op of ops) {
    if (op.kind === 'read') await refresh(sessions[op.who]!);
    if (op.kind === 'hand') await editByHand(op.id, op.field, op.value);
    if (op.kind === 'read' || op.kind === 'hand') continue;
    let interrupt = op.kind === 'answer' ? op.interrupt : undefined;
    vi.mocked(chooseOne).mockImplementation(async () => {
      conflicts += 1;
      if (interrupt && op.kind === 'answer') await editByHand(op.id, op.field, interrupt.value);
      interrupt = undefined;
      return op.isMineKept ? 'ours' : 'theirs';
    });
    const last = op.kind === 'back' ? saved[op.who]!.pop() : undefined;
    if (last) await undoAnswer(sessions[op.who]!, last);
    if (op.kind !== 'answer') continue;
    const undo = await saveAnswer(sessions[op.who]!, op.id, { [op.field]: op.value });
    if (typeof undo === 'object') saved[op.who]!.push(undo);
  }
  return { file: await fileNow(), conflicts };
}

describe('saving triage answers while another session and a hand editor write the same file', () => {
  it('keeps every answer unless a later one replaced it or it was taken back, and asks about every conflict', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 8 }), async (ops) => {
        const expected = expectFile(ops);
        const actual = await play(ops);
        for (const id of IDS)
          for (const field of Object.keys(FIELDS) as DecisionField[])
            expect([id, field, readField(actual.file[id] ?? {}, field)]).toEqual([id, field, expected.file.get(`${id} ${field}`)]);
        expect(actual.conflicts).toBe(expected.conflicts);
      }),
      { numRuns: 200 },
    );
  });

  it('never writes a decline without its reason, as taking an answer back after a hand edit could', async () => {
    // The PM turned a decline into accept; someone then removed the reason by hand; :back would restore the decline alone.
    await writeDecisions(join(dir, 'decisions.yaml'), { R1: { decision: 'accept' } });
    const session = startSession('ann');
    const out: string[] = [];
    session.context.stdout = { write: (text: string) => out.push(text) };
    session.base = { R1: { decision: 'accept' } };
    expect(await saveAnswer(session, 'R1', { decision: 'decline' })).toBeUndefined();
    expect(out).toEqual(['  not saved: a reason is required for decline, and R1 has none in decisions.yaml now\n']);
    expect(await fileNow()).toEqual({ R1: { decision: 'accept' } });
  });
});

describe('saving while another process holds the save lock for the whole wait', () => {
  const bob = { decider: 'bob', pid: 4242, host: 'laptop', started: '2026-11-30T09:00:00.000Z' };
  const busyOnce = () => vi.mocked(withSaveLock).mockResolvedValueOnce({ isDone: false, heldBy: bob });

  async function answerWhenBusy(choice: string | typeof QUIT) {
    rmSync(join(dir, 'decisions.yaml'), { force: true });
    const session = startSession('ann');
    const out: string[] = [];
    session.context.stdout = { write: (text: string) => out.push(text) };
    busyOnce();
    vi.mocked(chooseOne).mockResolvedValueOnce(choice);
    const saved = await saveAnswer(session, 'R1', { 'values.alignment': 4 });
    return { saved, out, file: await fileNow() };
  }

  it('says who holds it and keeps the answer, saving it when the PM tries again', async () => {
    const { saved, out, file } = await answerWhenBusy('again');
    expect(out[0]).toBe(
      '  not saved yet: bob (pid 4242 on laptop, since 2026-11-30T09:00:00.000Z) has been saving decisions.yaml for over 2 s; your answer is kept\n',
    );
    expect(saved).toMatchObject({ id: 'R1', written: { 'values.alignment': 4 } });
    expect(file.R1?.values).toEqual({ alignment: 4 });
  });

  it('saves nothing, and says so, when the PM leaves it unsaved or quits', async () => {
    const unsaved = await answerWhenBusy('unsaved');
    expect([unsaved.saved, unsaved.out.at(-1), unsaved.file]).toEqual([undefined, '  not saved · left unsaved\n', {}]);
    const quit = await answerWhenBusy(QUIT);
    expect([quit.saved, quit.file]).toEqual([QUIT, {}]);
  });
});
