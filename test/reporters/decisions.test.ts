import { renderPmReportOf, summaryOf } from '../helpers/fixtures.js';
import { describe, expect, it } from 'vitest';
import { scoreDecidedRequest } from '../../src/core/decisions/apply.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { renderCsv } from '../../src/reporters/ranking/csv.js';
import { renderJson } from '../../src/reporters/ranking/json.js';
import { renderTable } from '../../src/reporters/ranking/table.js';
import type { RankingReport } from '../../src/core/ranking.js';
import { modelOf, requestOf } from '../core/model-fixtures.js';

const model = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { S: 1, L: 0 } } } });

const report: RankingReport = {
  ranked: rankRequests(
    [
      {
        ...requestOf({ id: 'FR-1', title: 'SSO via Okta', texts: { effort: ['S'] }, mergedIds: ['FR-4'] }),
        decision: { decision: 'accept' as const },
      },
      {
        ...requestOf({ id: 'FR-2', title: 'Dark mode', texts: { effort: ['L'] } }),
        decision: { decision: 'decline' as const, reason: 'Not this year' },
      },
      {
        ...requestOf({ id: 'FR-3', title: 'Webhooks', texts: { effort: ['L'] } }),
        decision: { decision: 'defer' as const, reason: 'After the platform work', horizon: 'Later' },
      },
    ].map((r) => scoreDecidedRequest(r, model)),
  ),
  issues: [],
  summary: summaryOf('x.csv', 3),
  model,
  configSource: 'scoring.yaml',
};

describe('reporters show decisions', () => {
  it('table: a marker after the title, and the horizon the PM decided', () => {
    expect(renderTable(report, { color: false, columns: 160 })).toMatchInlineSnapshot(`
      "┌───┬──────────────────────────────┬───────┬────────────┬───────┬──────────┬─────────────────┬────────────┬──────────────┐
      │ # │ Request                      │ Score │ Deal value │ Accts │ Segments │ Horizon         │ Escalation │ Top drivers  │
      │ 1 │ FR-1 SSO via Okta [accepted] │ 100.0 │          — │     0 │          │ —               │            │ effort 100.0 │
      │ 2 │ FR-2 Dark mode [declined]    │   0.0 │          — │     0 │          │ —               │            │              │
      │ 3 │ FR-3 Webhooks [deferred]     │   0.0 │          — │     0 │          │ Later (decided) │            │              │
      └───┴──────────────────────────────┴───────┴────────────┴───────┴──────────┴─────────────────┴────────────┴──────────────┘
      3 requests from 3 rows of x.csv · model: scoring.yaml
      "
    `);
  });

  it('pm report: the marker in the Top table and the headings, and the horizon the PM decided', () => {
    const text = renderPmReportOf(report, { top: 3, date: '2026-11-30' });
    expect(text).toContain('| 2 | FR-2 Dark mode \\[declined\\] | 0.0 | — |');
    expect(text).toContain('| 3 | FR-3 Webhooks \\[deferred\\] | 0.0 | Later (decided) |');
    expect(text).toContain('### 2. FR-2 Dark mode \\[declined\\]\n');
    expect(text).toContain('### 3. FR-3 Webhooks \\[deferred\\]\n');
  });

  it('json: the decision as in decisions.yaml, and the merged ids', () => {
    const { requests } = JSON.parse(renderJson(report, { color: false })) as {
      requests: { id: string; decision: unknown; merged: string[] }[];
    };
    expect(requests.map((r) => [r.id, r.decision, r.merged])).toEqual([
      ['FR-1', { decision: 'accept' }, ['FR-4']],
      ['FR-2', { decision: 'decline', reason: 'Not this year' }, []],
      ['FR-3', { decision: 'defer', reason: 'After the platform work', horizon: 'Later' }, []],
    ]);
  });

  it('csv: decision columns after status', () => {
    expect(renderCsv(report, { color: false })).toMatchInlineSnapshot(`
      "rank,id,title,score,horizon,escalations,deal_value,account_count,accounts,unattributed,segments,status,decision,decision_reason,merged,effort_raw,effort_points
      1,FR-1,SSO via Okta,100,,,,0,,0,,,accept,,FR-4,S,100
      2,FR-2,Dark mode,0,,,,0,,0,,,decline,Not this year,,L,0
      3,FR-3,Webhooks,0,,,,0,,0,,,defer,After the platform work,,L,0
      "
    `);
  });
});
