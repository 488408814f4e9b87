import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';

interface JsonOutput {
  requests: { id: string; deal_value: number | null; accounts: { name: string; deal_value: number | null }[] }[];
  warnings: { row?: number; column?: string; value?: string; code: string }[];
}

describe('pm-rank score on an .xlsx export', () => {
  it('ranks fixtures/exports/excel-crm-export.xlsx with typed amounts, a euro amount converted, and its warning on its spreadsheet row', async () => {
    const result = await runCli(['score', 'fixtures/exports/excel-crm-export.xlsx', '--format', 'json', '--as-of', '2026-01-15']);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as JsonOutput;
    // Amount = seats x price per seat, each account counting once and the request summing its accounts:
    // FR-201: 250 x 480 + 100 x 450 = 120000 + 45000 = 165000
    // FR-202: 200 x 400 EUR x 1.08 (the default model's EUR rate) + 100 x 120 = 86400 + 12000 = 98400
    // FR-204: 60 x 250.5 = 15030 (Adatum's amount is TBD: missing, not zero)
    // FR-203: 20 x 150 = 3000
    const values = Object.fromEntries(output.requests.map((r) => [r.id, r.deal_value]));
    expect(values).toEqual({ 'FR-201': 165000, 'FR-202': 98400, 'FR-204': 15030, 'FR-203': 3000 });
    // FR-201 beats FR-202 on deal value and on alignment (5 against 4: 30 against 22.5 of the 30 points) by more than
    // FR-202's smaller effort gains (S 0.8 against M 0.5 of 10 points: 3); FR-202 is at least as good as FR-204 on
    // every criterion (deal value, segment, alignment 4 > 3, effort S = S), and FR-204 as FR-203 (alignment 3 > 2, S > L).
    expect(output.requests.map((r) => r.id)).toEqual(['FR-201', 'FR-202', 'FR-204', 'FR-203']);
    expect(output.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_NUMBER', row: 8, column: 'Amount', value: 'TBD' }));
    expect(result.stderr).toContain('excel-crm-export.xlsx:8 column "Amount": "TBD" is not an amount');
  });

  it('an unknown --sheet is exit 2 and one line that lists the sheets', async () => {
    const result = await runCli(['report', 'fixtures/exports/excel-crm-export.xlsx', '--sheet', 'Deals']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'pm-rank: --sheet "Deals": fixtures/exports/excel-crm-export.xlsx has no such sheet; its sheets are "Opportunities", "Pipeline Summary", "Lists"\n',
    );
  });
});
