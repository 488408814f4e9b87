import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/exec.js';

describe('pm-rank score (smoke)', () => {
  it('ranks the bundled Salesforce export with the built-in model', () => {
    const result = runCli(['score', 'fixtures/requests.csv']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Top drivers');
    expect(result.stderr).toContain('"TBD" is not an amount');
  });
});
