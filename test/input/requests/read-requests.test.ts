import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, readRequests, type ReadOptions } from '../../../src/input/requests/read-requests.js';
import { modelOf } from '../../core/model-fixtures.js';
import { formatIssue } from '../../../src/reporters/words/issues.js';

const model = modelOf({
  criteria: {
    money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 },
    fit: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 },
    effort: { weight: 1, field: 'effort', map: { S: 1 } },
  },
  currency: { base: 'USD', rates: { EUR: 2 } },
});

function read(content: string | Buffer, options: ReadOptions = {}, chunkSize = 7) {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  // Small chunks, so multi-byte characters and records straddle chunk boundaries.
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => bytes.subarray(i * chunkSize, (i + 1) * chunkSize));
  return readRequests({ name: 'test.csv', stream: Readable.from(chunks) }, model, options);
}

const HEADER = 'Request ID,Title,Account,Amount,Alignment,Effort\n';

describe('readRequests: CSV quirks', () => {
  it('handles quoted commas, escaped quotes and embedded newlines, numbering lines as a spreadsheet does', async () => {
    const csv = `${HEADER}A,"Import, bulk","Acme ""Intl""",100,3,S\nB,"Multi\nline\ntitle",Beta,oops,,\n`;
    const { requests, issues } = await read(csv);
    expect(requests.map((r) => [r.id, r.title, r.accounts[0]!.name])).toEqual([
      ['A', 'Import, bulk', 'Acme "Intl"'],
      ['B', 'Multi\nline\ntitle', 'Beta'],
    ]);
    // B is the second data record: spreadsheet row 3, although its cell spans three text lines
    expect(issues).toMatchObject([{ code: 'INVALID_NUMBER', line: 3, column: 'Amount', value: 'oops' }]);
  });

  it('reads CRLF and a UTF-8 BOM (Excel "CSV UTF-8")', async () => {
    const { requests, summary } = await read(`\ufeff${HEADER}`.replace(/\n/g, '\r\n') + 'A,Ünïcödé ✓,Acme,100,3,S\r\n');
    expect(summary.columns.id).toBe('Request ID');
    expect(requests[0]!.title).toBe('Ünïcödé ✓');
  });

  it('switches to Windows-1252 at the first byte that is not UTF-8, however far past the sample, and says where', async () => {
    const row = 'R,Plain title,Acme,100,3,S\n'; // 27 bytes
    const csv = Buffer.concat([Buffer.from(HEADER + row.repeat(3000)), Buffer.from('X,Caf\xe9,Acme,100,3,S\n', 'latin1')]);
    const { requests, issues, summary } = await read(csv, {}, 4096);
    expect(requests.find((r) => r.id === 'X')!.title).toBe('Café');
    // the header (49 bytes) and 3000 rows of 27 bytes end at byte 81,049; "X,Caf" is 5 more: E9 is byte 81,054, on line 1 + 3000 + 1
    expect(issues).toMatchObject([{ code: 'ENCODING_SWITCHED', line: 3002 }]);
    expect(formatIssue(issues[0]!)).toBe(
      'test.csv:3002: byte 81054 is not UTF-8; read the file from there as windows-1252 (pass --encoding to choose)',
    );
    expect(summary.encoding).toBe('windows-1252');
  });

  it('reads every row of a file that mixes line endings, and says where it starts mixing', async () => {
    // Excel's CRLF header, then rows appended by a tool that writes LF: three rows, not one
    const csv = `${HEADER.replace('\n', '\r\n')}A,Alpha,Acme,100,3,S\nB,Beta,Beta Inc,200,3,S\nC,Gamma,Gamma Ltd,300,3,S\n`;
    const { requests, issues } = await read(csv);
    expect(requests.map((r) => r.id)).toEqual(['A', 'B', 'C']);
    // the header's break is CRLF, row A (line 2) is the first to end with LF
    expect(issues).toMatchObject([{ code: 'MIXED_LINE_ENDINGS', line: 2 }]);
    expect(formatIssue(issues[0]!)).toBe('test.csv:2: this row ends with LF, the first one with CRLF; every row is still read');
  });

  it('warns about a row with more filled cells than the header, not about trailing empty ones', async () => {
    const csv = `${HEADER}A,Alpha,Acme,100,3,S,,\nB,Beta, 2 seats,Beta Inc,200,3,S\n`;
    const { issues } = await read(csv);
    // B's title held an unquoted comma: 7 cells under 6 headers, on line 3, which also shifts "Beta Inc" under Amount
    expect(issues).toMatchObject([
      { code: 'EXTRA_CELLS', line: 3, value: 'S' },
      { code: 'INVALID_NUMBER', line: 3, value: 'Beta Inc' },
    ]);
    expect(formatIssue(issues[0]!)).toBe(
      'test.csv:3: 7 cells, the header has 6; "S" and any after it are ignored (a delimiter in an unquoted cell?)',
    );
  });

  it('reads Windows-1252 when the bytes are not UTF-8', async () => {
    const bytes = Buffer.from('Title;Account;Amount\nCaf\xe9;M\xfcller;\x80 1.000,50\n', 'latin1');
    const { requests, summary } = await read(bytes);
    expect(summary).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(requests[0]).toMatchObject({ title: 'Café', accounts: [{ name: 'Müller', dealValue: 2001 }] }); // EUR 1,000.50 x 2
  });

  it('detects a decimal comma per column from its values', async () => {
    // Amount shows "1.234,50" (decimal comma) so "2.000" is two thousand; Alignment "3,5" is 3.5
    const csv = 'Title;Amount;Alignment\nA;1.234,50;3,5\nB;2.000;4\n';
    const { requests } = await read(csv);
    expect(requests.map((r) => [r.id, r.dealValue, r.numbers.alignment])).toEqual([
      ['A', 1234.5, 3.5],
      ['B', 2000, 4],
    ]);
  });

  it('takes a comma-delimited file as decimal point, and --decimal-comma overrides', async () => {
    expect((await read('Title,Amount\nA,"1,500"\n')).requests[0]!.dealValue).toBe(1500);
    expect((await read('Title,Amount\nA,"1,500"\n', { isDecimalComma: true })).requests[0]!.dealValue).toBe(1.5);
  });

  it('reads every repeated header of a field and ignores trailing empty columns', async () => {
    const segmentModel = modelOf({ criteria: { seg: { weight: 1, field: 'segment', map: { Enterprise: 1 } } } });
    const csv = 'Summary,Issue key,Labels,Labels,Labels,\nSSO,P-1,,sso,Enterprise,\n';
    // Labels is not a segment synonym, and the model's only criterion reads segment: no ranking to speak of.
    await expect(readRequests({ name: 'jira.csv', stream: Readable.from([csv]) }, segmentModel, {})).rejects.toThrow(
      /jira.csv: no criterion of the model has a column \(segment\), so every request would score the same; .*pm-rank init --from jira.csv/,
    );
    const mapped = modelOf({ columns: { segment: 'labels' }, criteria: { seg: { weight: 1, field: 'segment', map: { Enterprise: 1 } } } });
    const labelled = await readRequests({ name: 'jira.csv', stream: Readable.from([csv]) }, mapped, {});
    expect(labelled.requests[0]!.texts.segment).toEqual(['sso', 'Enterprise']);
    expect(labelled.issues).toEqual([]);
  });

  it('skips a report footer after a blank line, with a notice', async () => {
    const csv = `${HEADER}A,SSO,Acme,100,3,S\n\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n`;
    const { requests, issues, summary } = await read(csv);
    expect(requests).toHaveLength(1);
    expect(summary).toMatchObject({ rows: 1, footerLines: 2 });
    expect(issues).toMatchObject([{ code: 'FOOTER_SKIPPED', severity: 'notice', line: 4 }]);
  });

  it('names the physical line a record starts on, past cells that span lines, with CRLF counted once', async () => {
    // Line 2: A, whose title spans lines 2-4 (two breaks, one of them CRLF); line 5: B with a bad amount.
    const csv = `${HEADER.replace('\n', '\r\n')}A,"Multi\r\nline\ntitle",Acme,100,3,S\r\nB,Webhooks,Beta,oops,,\r\n`;
    const { issues } = await read(csv);
    expect(issues.map((i) => [i.code, i.line, formatIssue(i).startsWith('test.csv:5 ')])).toEqual([['INVALID_NUMBER', 5, true]]);
  });

  it('reads a Japanese Excel export: Shift_JIS detected, byte 0x5C as the yen sign Windows shows', async () => {
    const yen = modelOf({
      criteria: { money: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 } },
      currency: { base: 'USD', rates: { JPY: 0.0067 } },
    });
    const bytes = Buffer.concat([
      Buffer.from('Title,Amount\r\n'),
      Buffer.from([0x83, 0x58, 0x83, 0x65, 0x81, 0x5b, 0x83, 0x5e, 0x83, 0x58]),
      Buffer.from(',"\\8,000,000"\r\n'),
    ]);
    const { requests, summary } = await readRequests({ name: 'ja.csv', stream: Readable.from([bytes]) }, yen, {});
    expect(summary.encoding).toBe('shift_jis');
    // ¥8,000,000 x 0.0067 USD per JPY = $53,600
    expect(requests.map((r) => [r.title, r.dealValue])).toEqual([['ステータス', 53_600]]);
  });

  it('treats placeholders as missing; TBD in a number column is worth a warning', async () => {
    const csv = `${HEADER}N/A,SSO,-,TBD,N/A,-\n`;
    const { requests, issues } = await read(csv);
    expect(requests[0]).toMatchObject({ id: 'SSO', accounts: [], unattributed: { mentions: 1 }, numbers: {}, texts: {} });
    expect(issues.map((i) => [i.code, i.value])).toEqual([['INVALID_NUMBER', 'TBD']]);
  });

  it('reads framework inputs from their usual headers, and stops when an input has no column', async () => {
    const rice = modelOf({ model: 'rice' });
    const csv = 'Idea,Reach per quarter,Impact,Confidence %,Person-months\nA,"1,200",High,80%,2\n';
    const { requests, issues } = await readRequests({ name: 'rice.csv', stream: Readable.from([csv]) }, rice, {});
    expect(requests[0]).toMatchObject({ numbers: { reach: 1200, confidence: 0.8, effort: 2 }, texts: { impact: ['High'] } });
    expect(issues).toEqual([]);
    // Without effort RICE can score no request at all: a stop, not a table of "unscorable" rows.
    const withoutEffort = 'Idea,Reach per quarter,Impact,Confidence %\nA,"1,200",High,80%\n';
    await expect(readRequests({ name: 'rice.csv', stream: Readable.from([withoutEffort]) }, rice, {})).rejects.toThrow(
      /rice.csv: RICE needs effort, so every request would score the same/,
    );
  });

  it('warns once per criterion whose column is absent', async () => {
    const { issues } = await read('Title,Amount\nA,5\nB,6\n');
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['COLUMN_NOT_FOUND', 'criteria.fit'],
      ['COLUMN_NOT_FOUND', 'criteria.effort'],
    ]);
  });

  it('warns when no column names accounts for a criterion counting them, unless it counts the unattributed rows', async () => {
    const reach = { weight: 1, field: 'accounts', scale: 'log', max: 9 } as const;
    const counting = modelOf({ criteria: { reach, rows: { ...reach, count_unattributed: true } } });
    const csv = 'Title,Amount\nA,5\nA,6\n';
    const { requests, issues } = await readRequests({ name: 'jira.csv', stream: Readable.from([csv]) }, counting, {});
    expect(issues.map((i) => [i.code, i.path, formatIssue(i).includes('counts 0 accounts for every request')])).toEqual([
      ['COLUMN_NOT_FOUND', 'criteria.reach', true],
    ]);
    // Both rows name no account: 5 + 6 = 11
    expect(requests[0]).toMatchObject({ accounts: [], unattributed: { mentions: 2, dealValue: 11 }, dealValue: 11 });
  });

  it('caps repeated warnings and counts the rest', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => `R${i},x`).join('\n');
    const { issues } = await read(`Title,Amount\n${rows}\n`);
    const invalid = issues.filter((i) => i.code === 'INVALID_NUMBER');
    expect(invalid).toHaveLength(21); // 20 shown + 1 line counting the other 5
    expect(formatIssue(invalid.at(-1)!)).toMatch(/5 more INVALID_NUMBER in column "Amount" not shown \(25 in all\)/);
  });

  it('reads a cell repeated on many rows the same each time: converted, or warned about on each line', async () => {
    // EUR 10 at the config's rate of 2 -> 20 USD on both rows; "soon" is not a number on lines 4 and 5.
    const csv = `${HEADER}A,SSO,Acme,EUR 10,3,S\nB,SCIM,Acme,EUR 10,3,S\nC,Audit,Beta,soon,3,S\nD,Tags,Beta,soon,3,S\n`;
    const { requests, issues } = await read(csv);
    expect(requests.map((r) => r.dealValue)).toEqual([20, 20, undefined, undefined]);
    expect(issues.map((i) => [i.code, i.line, i.value])).toEqual([
      ['INVALID_NUMBER', 4, 'soon'],
      ['INVALID_NUMBER', 5, 'soon'],
    ]);
  });

  it('honours an Excel sep= line', async () => {
    const { requests, summary } = await read('sep=|\nTitle|Amount\nA|1,5\n', { isDecimalComma: true });
    expect(summary.delimiter).toBe('|');
    expect(requests[0]!.dealValue).toBe(1.5);
  });

  it('takes the first currency seen as the base when the config has none', async () => {
    const noBase = modelOf({ criteria: { m: { weight: 1, field: 'deal_value', scale: 'log', max: 10 } } });
    const { summary, requests } = await readRequests({ name: 'x.csv', stream: Readable.from(['Title,Amount\nA,€5\nB,7\n']) }, noBase, {});
    expect(summary.currency).toBe('EUR');
    expect(requests.map((r) => r.dealValue)).toEqual([5, 7]);
  });
});

describe('readRequests: failures', () => {
  it.each([
    ['', /test.csv is empty/],
    [`${HEADER}A,"unterminated\n`, /^test.csv:2: malformed CSV: Quote Not Closed/],
    ['Amount\n5\n', /no request id or title column/],
    // 10^308 - 1 euros at the config's rate of 2 is past the largest double, 1.8e308.
    [`Title,Amount\nA,EUR ${'9'.repeat(308)}\n`, /^test.csv:2 column "Amount": "EUR 9+" is too large to convert to USD$/],
  ])('%j', async (csv, message) => {
    await expect(read(csv)).rejects.toThrow(message);
  });
});

describe('detection', () => {
  it.each([
    ['a,b;c\n', ','],
    ['a;b;c\n', ';'],
    ['a\tb\tc\n', '\t'],
    ['"x;y;z",b,c\n', ','], // quoted delimiters do not count
    ['single\n', ','],
  ])('delimiter of %j is %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });

  it.each([
    [[0xef, 0xbb, 0xbf, 0x41], true, 'utf-8'],
    [[0xff, 0xfe, 0x41, 0], true, 'utf-16le'],
    [[0x43, 0x61, 0x66, 0xe9], true, 'windows-1252'],
    [[0x43, 0xe9, 0x61], false, 'windows-1252'],
    [[0x43, 0xc3, 0xa9], true, 'utf-8'],
    [[0x43, 0xc3], false, 'utf-8'], // a sample may end inside a character
    [[0x43, 0xc3], true, 'windows-1252'], // a whole file may not
    [[0x83, 0x58, 0x83, 0x65, 0x81, 0x5b, 0x83, 0x5e, 0x83, 0x58], true, 'shift_jis'], // ステータス, as Japanese Excel saves it
    [[0x47, 0xe9, 0x74, 0x65], true, 'windows-1252'], // "Géte" is valid Shift_JIS too (a kanji), but has no kana
    [[0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x20, 0x80], true, 'windows-1252'], // "Société €": é then a space is no Shift_JIS
  ])('encoding of %j (whole file: %s) is %s', (bytes, isWholeFile, expected) => {
    expect(detectEncoding(Uint8Array.from(bytes), isWholeFile)).toBe(expected);
  });
});
