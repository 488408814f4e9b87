import { describe, expect, it } from 'vitest';
import { inferColumns, type WantedField } from '../../../src/input/table/infer-columns.js';
import { wantedField } from '../../../src/input/table/field-kinds.js';
import { normalizeHeader } from '../../../src/input/table/header.js';
import { modelOf } from '../../core/model-fixtures.js';

const model = modelOf({
  criteria: {
    deal: { weight: 1, field: 'deal_value', scale: 'log', max: 1e6 },
    segment: { weight: 1, field: 'segment', map: { Enterprise: 1, SMB: 0.4 } },
    effort: { weight: 1, field: 'effort', map: { S: 1, M: 0.5, L: 0 } },
  },
});
const FIELDS = ['id', 'title', 'account', 'deal_value', 'segment', 'alignment', 'effort', 'status'];
const WANTED: WantedField[] = FIELDS.map((f) => wantedField(f, model, f === 'deal_value' || f === 'alignment'));
const RIVALS: WantedField[] = ['owner', 'deal', 'stage', 'notes'].map((f) => wantedField(f, model));

/** Field -> chosen header, for a CSV-ish table given as header and rows. */
function chosen(header: string[], rows: string[][], configured: Record<string, string> = {}): Record<string, string> {
  const { choices } = inferColumns({ header, sample: rows, configured, wanted: WANTED, rivals: RIVALS });
  return Object.fromEntries([...choices.values()].map((c) => [c.field, c.header]));
}

describe('normalizeHeader', () => {
  it.each([
    ['Custom field (Request ID)', 'request id'],
    ['ARR [dec]', 'arr'],
    ['Segment [list]', 'segment'],
    ['Amount (converted)', 'amount converted'],
    ['Amount (USD)', 'amount'],
    ['T-Shirt_Size', 't shirt size'],
    ['Größe', 'grosse'],
    ['Résumé', 'resume'],
    ['\ufeffＩＤ', 'id'],
  ])('%s -> %s', (header, normalized) => {
    expect(normalizeHeader(header)).toBe(normalized);
  });
});

describe('inferColumns', () => {
  it('never takes an empty column over a filled one, whatever its header', () => {
    const header = ['Summary', 'Issue key', 'Custom field (Request ID)', 'Custom field (ARR)'];
    const rows = [
      ['SSO', 'PROD-1', '', '100000'],
      ['SSO', 'PROD-2', '', '50000'],
      ['Audit log', 'PROD-3', '', '20000'],
    ];
    expect(chosen(header, rows)).toMatchObject({ id: 'Issue key', title: 'Summary', deal_value: 'Custom field (ARR)' });
  });

  it('keeps an empty column when nothing else fits, so no field goes missing without a word', () => {
    expect(chosen(['Title', 'Amount'], [['SSO', 'TBD']])).toMatchObject({ title: 'Title', deal_value: 'Amount' });
  });

  it('reads Salesforce cross-object headers and type suffixes', () => {
    const header = ['Feature Request: Feature Request Name', 'Account: Account Name', 'Opportunity: Amount', 'Account: Segment [list]'];
    const rows = [['SSO via Okta', 'Acme', '$250,000.00', 'Enterprise']];
    expect(chosen(header, rows)).toEqual({
      title: 'Feature Request: Feature Request Name',
      account: 'Account: Account Name',
      deal_value: 'Opportunity: Amount',
      segment: 'Account: Segment [list]',
    });
  });

  it.each([
    ['German', ['Titel', 'Kunde', 'Auftragswert', 'Aufwand', 'Status'], ['SSO', 'Müller GmbH', '80.000 €', 'M', 'Offen']],
    ['French', ['Titre', 'Nom du compte', 'Montant', 'Charge', 'Statut'], ['SSO', 'Société X', '80 000 €', 'M', 'Ouvert']],
    ['Spanish', ['Título', 'Cliente', 'Importe', 'Esfuerzo', 'Estado'], ['SSO', 'Empresa X', '80.000 €', 'M', 'Abierto']],
    ['Japanese', ['件名', '取引先名', '金額', '工数', 'ステータス'], ['SSO', '株式会社X', '¥8,000,000', 'M', '未着手']],
  ])('reads %s headers', (_, header, row) => {
    expect(chosen(header, [row])).toEqual({
      title: header[0],
      account: header[1],
      deal_value: header[2],
      effort: header[3],
      status: header[4],
    });
  });

  it('does not take an account owner, a deal name or a deal id for the account, title or request id', () => {
    const header = ['Deal ID', 'Deal Name', 'Account Owner', 'Amount'];
    const rows = [['18234501987', 'Acme renewal', 'Jane Doe', '1000']];
    expect(chosen(header, rows)).toEqual({ deal_value: 'Amount' });
  });

  it('lets content decide between two plausible headers: amounts beat text', () => {
    const header = ['Title', 'Value', 'Deal Size'];
    const rows = [
      ['SSO', 'high', '$10,000'],
      ['Audit', 'low', '$5,000'],
    ];
    expect(chosen(header, rows).deal_value).toBe('Deal Size');
  });

  it('takes a linked feature as the request, and the note id as the note\u2019s', () => {
    const header = ['Note ID', 'Note title', 'Linked features', 'Company'];
    const rows = [
      ['n1', 'Call with Acme', 'SSO', 'Acme'],
      ['n2', 'Email from Globex', 'SSO', 'Globex'],
      ['n3', 'Zoom with Initech', 'Audit log', 'Initech'],
    ];
    expect(chosen(header, rows)).toEqual({ title: 'Linked features', account: 'Company' });
  });

  it('drops a row id when the request is a linked feature, but keeps a feature id', () => {
    const header = ['Id', 'Subject', 'Feature request', 'Feature ID'];
    const rows = [
      ['101', 'Login fails', 'SSO', 'F-1'],
      ['102', 'Need SAML', 'SSO', 'F-1'],
    ];
    expect(chosen(header, rows)).toMatchObject({ id: 'Feature ID', title: 'Feature request' });
    expect(
      chosen(
        header.slice(0, 3),
        rows.map((r) => r.slice(0, 3)),
      ),
    ).toEqual({ title: 'Feature request' });
  });

  it('reads every repeated header, and splits multi-select cells only when their parts stand alone elsewhere', () => {
    const header = ['Summary', 'Custom field (Client)', 'Custom field (Client)', 'Requested features'];
    const rows = [
      ['a', 'Acme', 'Globex', 'SSO;Audit log'],
      ['b', 'Initech', '', 'Audit log'],
      ['c', '', '', 'Mehrwährungsrechnungen (€; £; CHF)'],
    ];
    const { choices } = inferColumns({ header, sample: rows, configured: {}, wanted: WANTED });
    expect(choices.get('account')).toMatchObject({ indices: [1, 2] });
    expect(choices.get('title')).toMatchObject({ header: 'Requested features', split: ';' });
    // The same titles with no part repeated alone: one title that happens to contain semicolons.
    const lone = inferColumns({ header, sample: [rows[2]!, ['d', 'X', '', 'Dark mode']], configured: {}, wanted: WANTED });
    expect(lone.choices.get('title')!.split).toBeUndefined();
  });

  it('takes a configured header as it is and reports one the export lacks', () => {
    const header = ['Summary', 'Tier', 'Segment'];
    const rows = [['SSO', 'Gold', 'Enterprise']];
    expect(chosen(header, rows, { segment: 'tier' }).segment).toBe('Tier');
    const { missing, choices } = inferColumns({ header, sample: rows, configured: { segment: 'Teir' }, wanted: WANTED });
    expect(missing).toEqual([{ field: 'segment', header: 'Teir' }]);
    expect(choices.has('segment')).toBe(false); // never silently replaced by a guess
  });

  it('marks a choice close when the runner-up scores near it', () => {
    const header = ['Title', 'ARR', 'ACV'];
    const rows = [['SSO', '100000', '90000']];
    const { choices } = inferColumns({ header, sample: rows, configured: {}, wanted: WANTED });
    expect(choices.get('deal_value')).toMatchObject({ header: 'ARR', isClose: true, runnerUp: { header: 'ACV' } });
  });
});
