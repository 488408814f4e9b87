import { DEFAULT_READ_SETTINGS, type ReadSettings } from '../../../src/input/settings.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError } from '../../../src/errors.js';
import type { InputLimits } from '../../../src/input/limits.js';
import { readTable } from '../../../src/input/read-table.js';
import type { ReadOptions } from '../../../src/input/csv/stream-csv.js';
import { FIXTURES } from '../../helpers/exec.js';
import { collectingSink, handWrittenWorkbook, sourceOf, workbookOf, zipOf } from '../../helpers/workbook.js';

const FIXTURE = readFileSync(join(FIXTURES, 'exports/excel-crm-export.xlsx'));

function readRows(bytes: Buffer, options: ReadOptions = {}, name = 'export.xlsx') {
  return readTable(sourceOf(name, bytes), options, collectingSink, 'a header row');
}

function settingsWith(limits: Partial<InputLimits>): ReadSettings {
  return { ...DEFAULT_READ_SETTINGS, limits: { ...DEFAULT_READ_SETTINGS.limits, ...limits } };
}

describe('reading an .xlsx export', () => {
  it('reads the first sheet of the fixture row by row, numbered as Excel numbers rows, cells as Excel typed them', async () => {
    const rows = await readRows(FIXTURE);
    expect(rows.map((row) => row.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0]!.record.join(' | ')).toBe(
      'Opportunity Name | Account Name | Request ID | Feature Request | Segment | Seats | Price per Seat | Amount | Close Date | Strategic Alignment | Effort | Status',
    );
    // Amount is the formula F2*G2, read as its cached result 250 x 480 = 120000, in the "$" format of the cell.
    expect(rows[1]!.record).toEqual([
      'Northwind - Security Pack',
      'Northwind Traders',
      'FR-201',
      'SSO with Okta',
      'Enterprise',
      '250',
      '$480',
      '$120000',
      '2026-03-31',
      '5',
      'M',
      'New',
    ]);
    // A euro format keeps its currency: 200 x 400 = 80000 euros.
    expect(rows[3]!.record.slice(5, 9)).toEqual(['200', '€400', '€80000', '2026-05-20']);
    // 60 x 250.5 = 15030; the price keeps its decimals with a '.'.
    expect(rows[6]!.record.slice(5, 9)).toEqual(['60', '$250.5', '$15030', '2026-06-30']);
    expect(rows[7]!.record.slice(5, 9)).toEqual(['', '', 'TBD', '2026-07-15']);
  });

  it('reads cells from the XML as Excel writes it: shared, rich and inline text, formulas with and without a result, dates, booleans, errors', async () => {
    const sharedStrings = [
      '<si><t>Title</t></si>',
      '<si><r><t xml:space="preserve">SSO </t></r><r><rPr><b/></rPr><t>with Okta</t></r></si>',
    ];
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Amount</t></is></c></row>' +
      // 45000 in the built-in short date (style 1) is 2023-03-15: 44927 is 2023-01-01, and 73 days on is 15 March.
      '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="B2"><f>1000*1.5</f><v>1500</v></c><c r="C2" s="1"><v>45000</v></c>' +
      '<c r="D2" t="b"><v>1</v></c><c r="E2" t="e"><v>#N/A</v></c><c r="F2" t="str"><f>A2&amp;"!"</f><v>SSO with Okta!</v></c>' +
      // A formula with no cached result, as libraries that cannot calculate write it.
      '<c r="G2"><f>B2*2</f><v></v></c></row>';
    const rows = await readRows(handWrittenWorkbook(sheet, sharedStrings));
    expect(rows).toEqual([
      { line: 1, record: ['Title', 'Amount'] },
      { line: 2, record: ['SSO with Okta', '1500', '2023-03-15', 'TRUE', '#N/A', 'SSO with Okta!', '=B2*2'] },
    ]);
  });

  it('keeps row numbers across empty rows: those above the header are skipped, those below it pushed blank', async () => {
    const sheet =
      '<row r="3"><c r="B3" t="inlineStr"><is><t>Title</t></is></c></row>' +
      '<row r="4"><c r="B4" t="inlineStr"><is><t>SSO</t></is></c></row>' +
      '<row r="6"><c r="B6" t="inlineStr"><is><t>Audit log</t></is></c></row>';
    const rows = await readRows(handWrittenWorkbook(sheet));
    expect(rows).toEqual([
      { line: 3, record: ['Title'] },
      { line: 4, record: ['SSO'] },
      { line: 5, record: [] },
      { line: 6, record: ['Audit log'] },
    ]);
  });

  it.each([
    // 0.1 + 0.2 is stored as 0.30000000000000004 and read back as such; 1e-7 never in exponent notation.
    [{ t: 'n', v: 0.1 + 0.2 }, '0.30000000000000004'],
    [{ t: 'n', v: 1e-7 }, '0.0000001'],
    [{ t: 'n', v: 1234567.891, z: '#,##0.00' }, '1234567.891'],
    [{ t: 'n', v: 0.15, z: '0%' }, '0.15'],
    [{ t: 'n', v: 80000, z: '[$EUR] #,##0' }, 'EUR 80000'],
    [{ t: 'n', v: 80000, z: '#,##0.00 "€"' }, '€80000'],
    [{ t: 'n', v: -1200, z: '"$"#,##0;[Red]\\("$"#,##0\\)' }, '$-1200'],
    // 45000.75 is 2023-03-15 (see above) at 0.75 x 24 h = 18:00.
    [{ t: 'n', v: 45000.75, z: 'yyyy-mm-dd hh:mm' }, '2023-03-15 18:00:00'],
    [{ t: 'n', v: 45000, z: '[$-407]dd.mm.yyyy' }, '2023-03-15'],
    // 9:15 is 9.25 / 24 = 0.385416... of day 0, which is no date.
    [{ t: 'n', v: 9.25 / 24, z: 'h:mm' }, '09:15:00'],
    [{ t: 'b', v: false }, 'FALSE'],
  ] as const)('a cell %j reads as %j', async (cell, text) => {
    const rows = await readRows(workbookOf({ Export: [['Value'], [cell]] }));
    expect(rows[1]!.record).toEqual([text]);
  });

  it('counts dates from 1904 in a workbook that says so', async () => {
    // 1904-based serial 45000 is 1900-based 45000 + 1462 = 46462: 2023-01-01 (44927) + 1535 days, and
    // 2023, 2024 (leap), 2025, 2026 take 365 + 366 + 365 + 365 = 1461 of them, leaving 74: 16 March 2027.
    const rows = await readRows(workbookOf({ Export: [['Close Date'], [{ t: 'n', v: 45000, z: 'yyyy-mm-dd' }]] }, { date1904: true }));
    expect(rows[1]!.record).toEqual(['2027-03-16']);
  });

  it('reads stdin too: a workbook is sniffed by its bytes, not its name', async () => {
    const rows = await readRows(FIXTURE, {}, 'stdin');
    expect(rows).toHaveLength(8);
  });
});

describe('choosing the sheet', () => {
  it('--sheet reads the sheet named, whatever its case', async () => {
    const rows = await readRows(FIXTURE, { sheet: 'pipeline summary' });
    // The summary's SUMIFs, cached: Enterprise 120000 (Northwind; Fabrikam is in euros and stays out of a USD sum)
    // and Mid-Market 45000 + 12000 + 15030 = 72030.
    expect(rows.map((row) => row.record)).toEqual([
      ['Segment', 'Open Amount (USD)'],
      ['Enterprise', '$120000'],
      ['Mid-Market', '$72030'],
    ]);
  });

  it('an unknown sheet is a usage error that lists the sheets, hidden ones included', async () => {
    const read = readRows(FIXTURE, { sheet: 'Deals' });
    await expect(read).rejects.toBeInstanceOf(UsageError);
    await expect(read).rejects.toThrow(
      '--sheet "Deals": export.xlsx has no such sheet; its sheets are "Opportunities", "Pipeline Summary", "Lists"',
    );
  });

  it('without --sheet, hidden sheets are passed over; --sheet can still name one', async () => {
    const bytes = workbookOf({ Lookups: [['Segment'], ['SMB']], Requests: [['Title'], ['SSO']] }, { hidden: ['Lookups'] });
    expect((await readRows(bytes)).map((row) => row.record)).toEqual([['Title'], ['SSO']]);
    expect((await readRows(bytes, { sheet: 'Lookups' })).map((row) => row.record)).toEqual([['Segment'], ['SMB']]);
  });

  it('an empty sheet says which sheet was empty', async () => {
    const read = readRows(workbookOf({ Notes: [], Requests: [['Title']] }));
    await expect(read).rejects.toThrow('export.xlsx: sheet "Notes" is empty: expected a header row');
  });

  it('--sheet on a CSV file is a usage error, not ignored', async () => {
    const read = readTable(sourceOf('export.csv', Buffer.from('Title\nSSO\n')), { sheet: 'Deals' }, collectingSink, 'a header row');
    await expect(read).rejects.toThrow(UsageError);
  });

  it('--decimal-comma is refused: the numbers of a workbook are typed, and 1.5 would read as 15', async () => {
    await expect(readRows(FIXTURE, { isDecimalComma: true })).rejects.toThrow(/--decimal-comma is for CSV exports/);
  });
});

describe('the input limits hold for workbooks', () => {
  it('a row over the column limit names its row', async () => {
    const bytes = workbookOf({ Export: [['Title'], ['a', 'b', 'c', 'd']] });
    await expect(readRows(bytes, { settings: settingsWith({ maxColumns: 3 }) })).rejects.toThrow(
      /^export\.xlsx:2: 4 columns, over the limit of 3/,
    );
  });

  it('a row over the row-size limit names its row', async () => {
    const bytes = workbookOf({ Export: [['Title'], ['x'.repeat(2000)]] });
    await expect(readRows(bytes, { settings: settingsWith({ maxRowBytes: 1024 }) })).rejects.toThrow(/^export\.xlsx:2: a row over 1 KB/);
  });

  it('a workbook that unpacks to more than the file limit is refused before it is parsed', async () => {
    const bytes = workbookOf({ Export: [['Title'], ...Array.from({ length: 200 }, (_, i) => [`Request ${i}`])] });
    // The file itself is within the limit; what it unpacks to (its XML, a few times larger) is not.
    const settings = settingsWith({ maxFileBytes: bytes.length + 1 });
    await expect(readRows(bytes, { settings })).rejects.toThrow(/^export\.xlsx unpacks to over .* KB; set PM_RANK_MAX_FILE_MB/);
  });
});

describe('zip bombs and damaged workbooks', () => {
  const workbookXml = { name: 'xl/workbook.xml', text: '<workbook/>' };

  it('an entry that unpacks to over 100 times its size is refused as a zip bomb', async () => {
    // 4 MB of one repeated byte deflates to about 4 KB: a ratio near 1000.
    const bytes = zipOf([workbookXml, { name: 'xl/worksheets/sheet1.xml', text: ' '.repeat(4 * 1024 * 1024) }]);
    await expect(readRows(bytes)).rejects.toThrow(
      'export.xlsx is not read: its "xl/worksheets/sheet1.xml" unpacks to over 100 times its size, as a zip bomb does',
    );
  });

  it('an entry that unpacks to more than it states is refused, at the size it states', async () => {
    const bytes = zipOf([workbookXml, { name: 'xl/worksheets/sheet1.xml', text: 'x'.repeat(50_000), size: 100 }]);
    await expect(readRows(bytes)).rejects.toThrow(
      'export.xlsx is a damaged .xlsx: "xl/worksheets/sheet1.xml" does not unpack as it should',
    );
  });

  it('a local header whose size differs from the directory is refused: SheetJS would size its buffer by it', async () => {
    const bytes = zipOf([workbookXml, { name: 'xl/worksheets/sheet1.xml', text: 'x', localSize: 0xffffffff }]);
    await expect(readRows(bytes)).rejects.toThrow(/does not unpack as it should/);
  });

  it('a zip cut short is refused as damaged', async () => {
    await expect(readRows(FIXTURE.subarray(0, 4000))).rejects.toThrow(
      'export.xlsx is a damaged or zip64 archive, not a CSV export or an .xlsx workbook',
    );
  });

  it.each([
    ['word/document.xml', 'a Word document'],
    ['ppt/presentation.xml', 'a PowerPoint presentation'],
    ['xl/workbook.bin', 'an Excel binary workbook (.xlsb; save it as .xlsx or CSV)'],
    ['content.xml', 'an OpenDocument file (.ods; save it as .xlsx or CSV)'],
    ['notes.txt', 'a zip archive'],
  ])('a zip holding %s is refused as %s', async (entry, type) => {
    const read = readRows(zipOf([{ name: entry, text: 'x' }]), {}, 'export.zip');
    await expect(read).rejects.toBeInstanceOf(InputError);
    await expect(read).rejects.toThrow(`export.zip is ${type}, not a CSV export or an .xlsx workbook`);
  });
});
