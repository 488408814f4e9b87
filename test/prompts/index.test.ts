import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CancelledError } from '../../src/errors.js';
import { askText, BACK, chooseOne, QUIT, SKIP } from '../../src/prompts/index.js';

const inquirer = vi.hoisted(() => ({ input: vi.fn(), select: vi.fn() }));
vi.mock('@inquirer/prompts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@inquirer/prompts')>()),
  input: inquirer.input,
  select: inquirer.select,
}));

interface InputConfig {
  validate: (text: string) => string | true;
}

beforeEach(() => vi.resetAllMocks());

describe('prompts', () => {
  it.each([
    ['a reason', 'a reason'],
    ['  :quit ', QUIT],
    [':skip', SKIP],
    [' :back', BACK],
    ['', SKIP],
  ])('askText turns %j into %s', async (typed, expected) => {
    inquirer.input.mockResolvedValue(typed);
    expect(await askText('Reason', { isRequired: false })).toBe(expected);
  });

  it('askText insists on a required answer but lets :skip, :back and :quit through', async () => {
    inquirer.input.mockResolvedValue('x');
    await askText('Reason', { isRequired: true, validate: (t) => (t === 'bad' ? 'no' : undefined) });
    const { validate } = inquirer.input.mock.calls[0]![0] as InputConfig;
    expect(validate('')).toEqual(expect.any(String));
    expect(validate(':skip')).toBe(true);
    expect(validate(':quit')).toBe(true);
    expect(validate(':back')).toBe(true);
    expect(validate('bad')).toBe('no');
    expect(validate('fine')).toBe(true);
  });

  it('chooseOne offers skip, back and quit after the choices', async () => {
    inquirer.select.mockResolvedValue(SKIP);
    expect(await chooseOne('Effort', [{ name: 'S', value: 'S' }])).toBe(SKIP);
    const { choices, pageSize } = inquirer.select.mock.calls[0]![0] as { choices: { value?: unknown }[]; pageSize: number };
    expect(choices.map((c) => c.value)).toEqual(['S', undefined, SKIP, BACK, QUIT]);
    expect(pageSize).toBe(5); // all in view: quit is never scrolled out of sight
  });

  it('chooseOne offers quit alone for a choice that must be made', async () => {
    inquirer.select.mockResolvedValue('S');
    await chooseOne('Keep which?', [{ name: 'S', value: 'S' }], undefined, { isQuitOnly: true });
    const { choices } = inquirer.select.mock.calls[0]![0] as { choices: { value?: unknown }[] };
    expect(choices.map((c) => c.value)).toEqual(['S', undefined, QUIT]);
  });

  it("turns inquirer's Ctrl-C into a CancelledError (exit 130)", async () => {
    const exit = Object.assign(new Error('User force closed the prompt'), { name: 'ExitPromptError' });
    inquirer.select.mockRejectedValue(exit);
    await expect(chooseOne('Effort', [{ name: 'S', value: 'S' }])).rejects.toBeInstanceOf(CancelledError);
  });
});
