import { UsageError } from '../errors.js';
import { inputLimits, type InputLimits } from './limits.js';

/** How exports are read, as the environment sets it; cli.ts reads it once and passes it down with each command's options. */
export interface ReadSettings {
  limits: InputLimits;
  /** The CSV parser: the fast one, or csv-parse should the fast one ever misread a file. */
  parser: 'fast' | 'csv-parse';
  /** Parse a large file on a second thread: auto (a large file and a second core), always or never. */
  thread: 'auto' | 'always' | 'never';
}

/** The environment variable that selects csv-parse. */
export const CSV_PARSER_VARIABLE = 'PM_RANK_CSV_PARSER';
export const READ_THREAD_VARIABLE = 'PM_RANK_READ_THREAD';

/** What an absent environment gives. */
export const DEFAULT_READ_SETTINGS: ReadSettings = { limits: inputLimits({}), parser: 'fast', thread: 'auto' };

/** The settings an environment names; a value that is not one of the choices is a usage error. */
export function readSettingsFrom(env: Readonly<Record<string, string | undefined>>): ReadSettings {
  return {
    limits: inputLimits(env),
    parser: choiceOf(env, CSV_PARSER_VARIABLE, ['csv-parse', 'fast'], 'fast'),
    thread: choiceOf(env, READ_THREAD_VARIABLE, ['always', 'never', 'auto'], 'auto'),
  };
}

function choiceOf<T extends string>(
  env: Readonly<Record<string, string | undefined>>,
  variable: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = env[variable];
  if (value === undefined || value === '') return fallback;
  if ((choices as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${variable} must be ${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}, got "${value}"`);
}
