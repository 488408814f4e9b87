import { InputError, UsageError } from '../errors.js';

/** How much pm-rank reads before refusing; hostile or broken files fail fast instead of eating memory. */
export interface InputLimits {
  maxFileBytes: number;
  maxColumns: number;
  /** One CSV record: a cell over this, or a quote that never closes, stops the read. */
  maxRowBytes: number;
}

const MB = 1024 * 1024;

/** Config and decisions files are refused past this, while reading: a scoring model is a page, not megabytes. */
export const MAX_CONFIG_BYTES = 1 * MB;

/** Each limit, its default and the environment variable that raises it (documented in the README). */
export const LIMITS = {
  maxFileBytes: { variable: 'PM_RANK_MAX_FILE_MB', default: 1024 * MB, unit: MB, max: Infinity },
  maxColumns: { variable: 'PM_RANK_MAX_COLUMNS', default: 10_000, unit: 1, max: Infinity },
  // A cell is held as one string, and V8's strings end at 512 MB: past that a read would fail with "Invalid string length".
  maxRowBytes: { variable: 'PM_RANK_MAX_ROW_MB', default: 1 * MB, unit: MB, max: 256 * MB },
} as const;

/** The limits an environment sets (see readSettingsFrom); the defaults for an empty one. */
export function inputLimits(env: Readonly<Record<string, string | undefined>>): InputLimits {
  const read = (name: keyof InputLimits): number => {
    const limit = LIMITS[name];
    const text = env[limit.variable];
    if (text === undefined || text === '') return limit.default;
    const number = Number(text);
    if (!(number > 0)) throw new UsageError(`${limit.variable} must be a positive number, got "${text}"`);
    const value = Math.round(number * limit.unit);
    // 0 would turn the limit off instead of tightening it.
    if (value < 1) throw new UsageError(`${limit.variable} must be at least ${limit.unit === 1 ? '1' : 'one byte'}, got "${text}"`);
    if (value > limit.max) throw new UsageError(`${limit.variable} must be at most ${limit.max / limit.unit}, got "${text}"`);
    return value;
  };
  return { maxFileBytes: read('maxFileBytes'), maxColumns: read('maxColumns'), maxRowBytes: read('maxRowBytes') };
}

/** "1 MB", "512 KB" or "100 bytes" for a limit in bytes. */
export function describeBytes(bytes: number): string {
  if (bytes >= MB) return `${Number((bytes / MB).toFixed(2))} MB`;
  return bytes >= 1024 ? `${Number((bytes / 1024).toFixed(2))} KB` : `${bytes} bytes`;
}

export function fileTooLarge(name: string, limits: InputLimits): InputError {
  return new InputError(`${name} is over ${describeBytes(limits.maxFileBytes)}; set ${LIMITS.maxFileBytes.variable} to read larger files`);
}

export function tooManyColumns(name: string, line: number, count: number, limits: InputLimits): InputError {
  return new InputError(
    `${name}:${line}: ${count} columns, over the limit of ${limits.maxColumns}; set ${LIMITS.maxColumns.variable} to allow more`,
  );
}
