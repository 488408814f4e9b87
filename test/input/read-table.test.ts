import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { readRequests } from '../../src/input/requests/read-requests.js';
import { readTable } from '../../src/input/read-table.js';
import { modelOf } from '../core/model-fixtures.js';
import { collectingSink, sourceOf } from '../helpers/workbook.js';
import { formatIssue } from '../../src/reporters/words/issues.js';

const criteria = { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } } as const;
const model = modelOf({ criteria });

/** The first bytes of each kind of file, then some of its body: enough for the sniffer, as the real files start. */
const BINARIES: [string, string, string][] = [
  ['report.pdf', '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'a PDF document'],
  ['chart.png', '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR', 'a PNG image'],
  ['photo.jpg', '\xff\xd8\xff\xe0\x00\x10JFIF', 'a JPEG image'],
  ['logo.gif', 'GIF89a\x01\x00\x01\x00', 'a GIF image'],
  ['export.csv.gz', '\x1f\x8b\x08\x00\x00\x00\x00\x00', 'a gzip archive'],
  ['export.csv.xz', '\xfd7zXZ\x00\x00\x04', 'an xz archive'],
  ['export.7z', '7z\xbc\xaf\x27\x1c\x00\x04', 'a 7-Zip archive'],
  ['export.rar', 'Rar!\x1a\x07\x01\x00', 'a RAR archive'],
  ['export.csv.zst', '\x28\xb5\x2f\xfd\x04\x58', 'a zstd archive'],
  [
    'export.xls',
    '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00',
    'an Excel 97-2003 workbook (.xls), a password-protected workbook, or another old Office file',
  ],
  ['crm.db', 'SQLite format 3\x00\x10\x00', 'an SQLite database'],
  ['pm-rank', '\x7fELF\x02\x01\x01', 'a program'],
];

function readBytes(name: string, bytes: Buffer, encoding?: string) {
  return readTable(sourceOf(name, bytes), encoding ? { encoding } : {}, collectingSink, 'a header row');
}

describe('what is not CSV is refused by its first bytes, in one line that names it', () => {
  it.each(BINARIES)('%s', async (name, start, type) => {
    const read = readBytes(name, Buffer.from(start, 'latin1'));
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(read).rejects.toThrow(
      new RegExp(`^${name.replace('.', '\\.')} is ${type.replace(/[().]/g, '\\$&')}, not a CSV export or an \\.xlsx workbook$`),
    );
  });

  it('by content, not by name: a PDF saved as .csv is still a PDF', async () => {
    await expect(readBytes('export.csv', Buffer.from('%PDF-1.4\n'))).rejects.toThrow('export.csv is a PDF document');
  });

  it('a file of mostly NUL bytes is binary, with a hint for UTF-16 text that lacks its byte-order mark', async () => {
    const utf16WithoutBom = Buffer.from('Title,Amount\nSSO,100\n', 'utf16le');
    await expect(readBytes('export.csv', utf16WithoutBom)).rejects.toThrow(
      /^export\.csv is a binary file \(it has NUL bytes; .*--encoding utf-16le\)/,
    );
    // With --encoding the user has said what the bytes are.
    const rows = await readBytes('export.csv', utf16WithoutBom, 'utf-16le');
    expect(rows.map((row) => row.record)).toEqual([
      ['Title', 'Amount'],
      ['SSO', '100'],
    ]);
  });

  it('a stray NUL inside a CSV cell does not make it binary', async () => {
    const rows = await readBytes('export.csv', Buffer.from(`Title,Notes\nSSO,"pasted\u0000from a PDF"\n${'Audit log,ok\n'.repeat(10)}`));
    expect(rows[1]!.record).toEqual(['SSO', 'pasted\u0000from a PDF']);
  });
});

describe('header messages quote at most about 80 characters of the header', () => {
  it('a header without id or title, made of long cells, is described in about 80 characters and a count', async () => {
    const header = [`Notes ${'x'.repeat(500)}`, 'Amount', 'Stage', 'Owner'].join(',');
    const read = readRequests({ name: 'wide.csv', stream: Readable.from([Buffer.from(`${header}\n1,2,3,4\n`)]) }, model);
    // The first cell is cut to 80 characters (79 and an ellipsis); the next would pass 80 in all, so the rest are counted.
    const first = `"Notes ${'x'.repeat(73)}…"`;
    await expect(read).rejects.toThrow(`wide.csv: no request id or title column in the header (${first} and 3 more); name one`);
  });

  it('a short header is listed whole', async () => {
    const read = readRequests({ name: 'short.csv', stream: Readable.from([Buffer.from('Amount,Stage\n1,2\n')]) }, model);
    await expect(read).rejects.toThrow('short.csv: no request id or title column in the header ("Amount", "Stage"); name one');
  });

  it('a long header and a long bad value in a number column are quoted in about 80 characters each', async () => {
    const header = `Title,Amount ${'h'.repeat(300)}`;
    const source = { name: 'long.csv', stream: Readable.from([Buffer.from(`${header}\nSSO,${'v'.repeat(300)}\n`)]) };
    const { issues } = await readRequests(source, modelOf({ criteria, columns: { deal_value: `Amount ${'h'.repeat(300)}` } }), {});
    // Each quote keeps 79 characters and an ellipsis: "Amount " and 72 h's; 79 v's.
    expect(issues.map((issue) => formatIssue(issue))).toContain(
      `long.csv:2 column "Amount ${'h'.repeat(72)}…": "${'v'.repeat(79)}…" is not an amount; counted as missing`,
    );
  });
});
