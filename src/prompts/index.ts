import { CancelledError } from '../errors.js';

/** Answers every prompt may give besides a value. */
export const SKIP = Symbol('skip');
export const QUIT = Symbol('quit');
export const BACK = Symbol('back');
export type Answer<T> = T | typeof SKIP | typeof QUIT | typeof BACK;

export interface Choice<T> {
  name: string;
  value: T;
  description?: string;
}

const ESCAPES = [
  { name: 'skip', value: SKIP, description: 'leave this unanswered for now' },
  { name: 'back', value: BACK, description: 'return to the previous question and undo its answer' },
  { name: 'quit', value: QUIT, description: 'stop here; every answer so far is saved' },
] as const;

/**
 * One choice from a list, plus skip, back and quit (quit alone for a choice that
 * must be made, as between two values of one field). @inquirer/prompts is imported
 * here, on first use, so commands that never prompt never load it.
 */
export async function chooseOne<T>(
  message: string,
  choices: readonly Choice<T>[],
  defaultValue?: T,
  options: { isQuitOnly?: boolean } = {},
): Promise<Answer<T>> {
  const { select, Separator } = await import('@inquirer/prompts');
  const escapes = options.isQuitOnly ? ESCAPES.filter((e) => e.value === QUIT) : ESCAPES;
  return ask(() =>
    select<Answer<T>>({
      message,
      choices: [...choices, new Separator(), ...escapes],
      pageSize: Math.min(choices.length + 1 + escapes.length, 12), // every escape in view, below a separator
      ...(defaultValue === undefined ? {} : { default: defaultValue }),
    }),
  );
}

/** Free text; `:skip`, `:back` and `:quit` escape, an empty answer skips unless the text is required. */
export async function askText(
  message: string,
  options: { isRequired: boolean; defaultValue?: string; validate?: (text: string) => string | undefined },
): Promise<Answer<string>> {
  const { input } = await import('@inquirer/prompts');
  const text = await ask(() =>
    input({
      message: `${message} ${options.isRequired ? '(:skip, :back, :quit)' : '(enter to skip, :back, :quit)'}`,
      ...(options.defaultValue === undefined ? {} : { default: options.defaultValue }),
      validate: (value) => validateText(value.trim(), options),
    }),
  );
  const trimmed = text.trim();
  if (trimmed === ':quit') return QUIT;
  if (trimmed === ':back') return BACK;
  return trimmed === ':skip' || trimmed === '' ? SKIP : trimmed;
}

const ESCAPE_WORDS = new Set([':skip', ':back', ':quit']);

function validateText(text: string, options: { isRequired: boolean; validate?: (text: string) => string | undefined }): string | true {
  if (ESCAPE_WORDS.has(text)) return true;
  if (text === '') return options.isRequired ? 'an answer is required here; type it, or :skip' : true;
  return options.validate?.(text) ?? true;
}

async function ask<T>(prompt: () => Promise<T>): Promise<T> {
  try {
    return await prompt();
  } catch (error) {
    if (error instanceof Error && error.name === 'ExitPromptError') throw new CancelledError('cancelled', { cause: error });
    throw error;
  }
}
