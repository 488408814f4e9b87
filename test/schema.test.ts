import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toConfigJsonSchema } from '../src/core/config/schema.js';
import { ROOT } from './helpers/exec.js';

describe('schema/scoring.schema.json', () => {
  it('is exactly what the zod schema generates (run `npm run schema` after changing src/core/model.ts)', () => {
    const committed: unknown = JSON.parse(readFileSync(`${ROOT}/schema/scoring.schema.json`, 'utf8'));
    expect(committed).toEqual(toConfigJsonSchema());
  });

  it('is the one the example config points editors to', () => {
    expect(readFileSync(`${ROOT}/scoring.example.yaml`, 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=./schema/scoring.schema.json',
    );
  });
});
