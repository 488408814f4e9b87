import { resolve } from 'node:path';
import { toDecisions } from '../core/decisions/entries.js';
import { decisionsFileSchema, knownDecisionKeys, type Decisions } from '../core/decisions/schema.js';
import { InputError } from '../errors.js';
import { formatConfigIssue, parseYamlAs } from './parse-config.js';
import { MAX_CONFIG_BYTES } from './limits.js';
import { describeFsError, readTextFile } from './source.js';

export interface LoadedDecisions {
  decisions: Decisions;
  /** False when the file does not exist yet (triage starts it). */
  exists: boolean;
}

/** Reads decisions.yaml; a file with an error is refused with file:line:col, so nobody writes over a hand edit. */
export async function loadDecisions(path: string, cwd: string, options: { isMissingOk?: boolean } = {}): Promise<LoadedDecisions> {
  let text: string;
  try {
    text = await readTextFile(resolve(cwd, path), MAX_CONFIG_BYTES);
  } catch (error) {
    if (options.isMissingOk && (error as NodeJS.ErrnoException).code === 'ENOENT') return { decisions: {}, exists: false };
    throw new InputError(`cannot read decisions ${path}: ${describeFsError(error)}`, { cause: error });
  }
  const { value, issues } = parseYamlAs(text, path, decisionsFileSchema, knownDecisionKeys);
  const errors = issues.filter((i) => i.severity === 'error');
  if (!value || errors.length > 0) {
    const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
    throw new InputError(
      `invalid decisions file (${count}); fix it by hand, pm-rank will not write over it:\n${errors.map(formatConfigIssue).join('\n')}`,
    );
  }
  return { decisions: toDecisions(value), exists: true };
}
