import { DEFAULT_READ_SETTINGS } from '../../src/input/settings.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { LIMITS } from '../../src/input/limits.js';
import { readRequests } from '../../src/input/requests/read-requests.js';
import { modelOf } from '../core/model-fixtures.js';
import { FIXTURES } from '../helpers/exec.js';

const model = modelOf({ criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } } });

describe('readRequests failures reach the user as InputError', () => {
  // Found by the fuzzer: an error thrown while records were still streaming came out as Node's AbortError (exit 3).
  it('a header without id or title, in a file the parser is still reading', async () => {
    const bytes = readFileSync(join(FIXTURES, 'requests.csv'));
    const source = { name: 'requests.csv', stream: Readable.from([bytes]), size: bytes.length };
    const read = readRequests(source, model, { delimiter: ';' });
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(read).rejects.toThrow(/no request id or title column/);
  });

  it('a row over the column limit, with more rows after it', async () => {
    const text = `Title,Amount\n${'x,'.repeat(50)}\n${'A,1\n'.repeat(20_000)}`;
    const limits = { maxFileBytes: LIMITS.maxFileBytes.default, maxRowBytes: LIMITS.maxRowBytes.default, maxColumns: 10 };
    const read = readRequests({ name: 'wide.csv', stream: Readable.from([Buffer.from(text)]) }, model, {
      settings: { ...DEFAULT_READ_SETTINGS, limits },
    });
    await expect(read).rejects.toThrow(/^wide.csv:2: 51 columns/);
  });
});
