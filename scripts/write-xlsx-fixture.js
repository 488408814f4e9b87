// node scripts/write-xlsx-fixture.js: writes fixtures/exports/excel-crm-export.xlsx, a Salesforce opportunity
// report exported as "Details Only, .xlsx" and then kept in Excel: typed numbers and dates, an Amount formula
// with its cached result, one amount in a euro format, a summary sheet and a hidden sheet of picklist values.
// See fixtures/exports/README.md, section Excel workbook. The output is byte-for-byte the same on every run.
import { writeFileSync } from 'node:fs';
import { utils, write } from '@e965/xlsx';

const OUT = new URL('../fixtures/exports/excel-crm-export.xlsx', import.meta.url);
const USD = '"$"#,##0.00';
const EUR = '#,##0.00\\ [$€-407]';
const DATE = 'm/d/yyyy';

/** Days since Excel's 1900 epoch (its serial 1 is 1900-01-01, and it counts a 29 February 1900 that never was). */
const serial = (iso) => Date.UTC(...iso.split('-').map((part, i) => Number(part) - (i === 1 ? 1 : 0))) / 86_400_000 + 25_569;

// Opportunity, account, request id, feature request, segment, seats, price per seat (its format), close date, alignment, effort, status.
const OPPORTUNITIES = [
  ['Northwind - Security Pack', 'Northwind Traders', 'FR-201', 'SSO with Okta', 'Enterprise', 250, 480, USD, '2026-03-31', 5, 'M', 'New'],
  ['Contoso - Expansion', 'Contoso Ltd', 'FR-201', 'SSO with Okta', 'Mid-Market', 100, 450, USD, '2026-04-15', 5, 'M', 'New'],
  ['Fabrikam - Compliance', 'Fabrikam GmbH', 'FR-202', 'Audit log export', 'Enterprise', 200, 400, EUR, '2026-05-20', 4, 'S', 'Exploring'],
  ['Tailspin - Renewal', 'Tailspin Toys', 'FR-203', 'Gantt chart view', 'SMB', 20, 150, USD, '2026-02-27', 2, 'L', 'New'],
  ['Contoso - Expansion', 'Contoso Ltd', 'FR-202', 'Audit log export', 'Mid-Market', 100, 120, USD, '2026-04-15', 4, 'S', 'Exploring'],
  ['Wide World - New Logo', 'Wide World Importers', 'FR-204', 'Bulk CSV import', 'Mid-Market', 60, 250.5, USD, '2026-06-30', 3, 'S', 'New'],
];
const HEADER = [
  'Opportunity Name',
  'Account Name',
  'Request ID',
  'Feature Request',
  'Segment',
  'Seats',
  'Price per Seat',
  'Amount',
  'Close Date',
  'Strategic Alignment',
  'Effort',
  'Status',
];

function opportunityRow([name, account, id, feature, segment, seats, price, format, close, alignment, effort, status], index) {
  const row = index + 2;
  return [
    name,
    account,
    id,
    feature,
    segment,
    { t: 'n', v: seats },
    { t: 'n', v: price, z: format },
    { t: 'n', f: `F${row}*G${row}`, v: seats * price, z: format },
    { t: 'n', v: serial(close), z: DATE },
    { t: 'n', v: alignment },
    effort,
    status,
  ];
}

// A row a rep left half done: the amount is text, and pm-rank warns about it on its spreadsheet row (8).
const UNFINISHED = [
  'Adatum - Pilot',
  'Adatum Corporation',
  'FR-204',
  'Bulk CSV import',
  'SMB',
  '',
  '',
  'TBD',
  { t: 'n', v: serial('2026-07-15'), z: DATE },
  3,
  'S',
  'New',
];

const requests = utils.aoa_to_sheet([HEADER, ...OPPORTUNITIES.map(opportunityRow), UNFINISHED]);
const summary = utils.aoa_to_sheet([
  ['Segment', 'Open Amount (USD)'],
  ['Enterprise', { t: 'n', f: 'SUMIF(Opportunities!E:E,A2,Opportunities!H:H)', v: 120000, z: USD }],
  ['Mid-Market', { t: 'n', f: 'SUMIF(Opportunities!E:E,A3,Opportunities!H:H)', v: 72030, z: USD }],
]);
const lists = utils.aoa_to_sheet([['Segment'], ['Enterprise'], ['Mid-Market'], ['SMB']]);

const book = utils.book_new();
utils.book_append_sheet(book, requests, 'Opportunities');
utils.book_append_sheet(book, summary, 'Pipeline Summary');
utils.book_append_sheet(book, lists, 'Lists');
utils.book_set_sheet_visibility(book, 'Lists', utils.consts.SHEET_HIDDEN);
book.Props = { Title: 'Open opportunities with feature requests', Author: 'pm-rank fixtures', CreatedDate: new Date(Date.UTC(2026, 0, 5)) };
writeFileSync(OUT, write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }));
