import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inTempDir } from './run-cli.js';

export const EXPORT = 'Title,Amount\nA,100\nB,20\n';
export const PREVIOUS = 'the previous ranking\n';
export const MODEL = 'version: 1\ncriteria:\n  m: {weight: 1, field: deal_value, scale: log, max: 100}\n';
export const SCORE_TO_OUT = ['score', 'export.csv', '--format', 'csv', '-o', 'out.csv'];

/** An export, a model for it (so no missing-column warnings) and a previous output in a temp dir. */
export function withOutputDir(callback: (dir: string) => Promise<void> | void): Promise<void> {
  return inTempDir(async (dir) => {
    writeFileSync(join(dir, 'export.csv'), EXPORT);
    writeFileSync(join(dir, 'scoring.yaml'), MODEL);
    writeFileSync(join(dir, 'out.csv'), PREVIOUS);
    await callback(dir);
  });
}
