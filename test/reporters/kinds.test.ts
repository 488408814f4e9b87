import { describe, expect, it } from 'vitest';
import { diffRankings } from '../../src/core/analysis/diff.js';
import { digestChanges } from '../../src/core/analysis/digest.js';
import { analyzeSensitivity } from '../../src/core/analysis/sensitivity.js';
import { potentialScore } from '../../src/core/analysis/triage.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequests } from '../../src/core/scoring/score.js';
import type { FeatureRequest, ModelKind, ScoringModel } from '../../src/core/types.js';
import { renderDiffMarkdown, renderDiffTable } from '../../src/reporters/diff.js';
import { renderDigestJson, renderDigestMarkdown } from '../../src/reporters/digest.js';
import { renderSalesReport } from '../../src/reporters/markdown/sales.js';
import { renderSensitivityTable } from '../../src/reporters/sensitivity.js';
import { renderTriageCard } from '../../src/reporters/triage-card.js';
import { renderPmReportOf, reportOf } from '../helpers/fixtures.js';
import { KIND_CASES, TOP } from '../helpers/kinds.js';

// The four presets' requests and their scores, worked by hand, are in test/helpers/kinds.ts:
// weighted A 100, B 60, C 58, D 28; RICE A 800, B 750, C 600, D -; WSJF A 5.2, B 4.2, C 3.25, D -;
// ICE B 7.67, A 6.67, C 5.67, D -.
const KINDS = ['weighted', 'rice', 'wsjf', 'ice'] as const;
const OPTIONS = { top: TOP, date: '2026-03-01' };

function reportFor(kind: ModelKind) {
  const { model, requests } = KIND_CASES[kind];
  return reportOf(requests, model);
}

/** The section of a markdown document from a heading to the next heading of any level. */
function section(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  const next = markdown.slice(start + heading.length).search(/\n#{1,3} /);
  return next < 0 ? markdown.slice(start) : markdown.slice(start, start + heading.length + next);
}

describe('report --audience pm', () => {
  it.each([
    ['weighted', 'Score', '| Criterion | Field | Weight | Max points | Description |'],
    ['rice', 'RICE', 'RICE = reach × impact × confidence ÷ effort (person-months).'],
    ['wsjf', 'WSJF', 'WSJF = (business value + time criticality + risk reduction) ÷ job size.'],
    ['ice', 'ICE', 'ICE = (impact + confidence + ease) ÷ 3.'],
  ] as const)('%s: the model section and the score column name the model’s unit', (kind, column, model) => {
    const text = renderPmReportOf(reportFor(kind), OPTIONS);
    expect(section(text, '## Model')).toContain(model);
    expect(section(text, '## Top 2')).toContain(`| # | Request | ${column} | Horizon |`);
    // Only weighted scores are out of 100.
    expect(text.includes('of 100')).toBe(kind === 'weighted');
    expect(text.includes('own unit, with no maximum')).toBe(kind !== 'weighted');
  });

  it.each([
    // Weighted: each criterion's points, adding up to the score: 40 + 8 + 7.5 + 2.5 = 58.
    ['weighted', '**Score 58.0**', '| **Total** |  | **58.0 of 100** |'],
    // A framework: its formula with the request's inputs.
    ['rice', '**RICE 600**', '**RICE:** 600 = 600 reach × 1 impact × 100% ÷ 1 person-month'],
    ['wsjf', '**WSJF 3.25**', '**WSJF:** 3.25 = (13 value + 5 time criticality + 8 risk reduction) ÷ 8 job size'],
    ['ice', '**ICE 5.67**', '**ICE:** 5.67 = (6 impact + 6 confidence + 5 ease) ÷ 3'],
  ] as const)('%s: request C shows its score and how it is made', (kind, score, how) => {
    const c = section(renderPmReportOf(reportFor(kind), OPTIONS), '### 3. C C title');
    expect(c).toContain(score);
    expect(c).toContain(how);
  });

  it.each([
    // See test/core/analysis/kinds.test.ts for the arithmetic of each change.
    [
      'weighted',
      'alignment 3 instead of 2 (score 65.5); or effort M instead of L (score 60.5); or segment Mid-Market instead of SMB (score 64.0)',
    ],
    ['rice', 'effort 0.79 instead of 1 (score 759.49); or reach 760 instead of 600 (score 760); or impact high instead of 1 (score 1200)'],
    [
      'wsjf',
      'job\\_size 6.1 instead of 8 (score 4.26); or business\\_value 21 instead of 13 (score 4.25); or risk\\_reduction 16 instead of 8 (score 4.25)',
    ],
    ['ice', 'impact 9.1 instead of 6 (score 6.7); or confidence 9.1 instead of 6 (score 6.7); or ease 8.1 instead of 5 (score 6.7)'],
  ] as const)('%s: what takes C into the top 2 is a change of its own terms', (kind, changes) => {
    const c = section(renderPmReportOf(reportFor(kind), OPTIONS), '### 3. C C title');
    expect(c).toContain(`- **To enter the top 2:** ${changes}`);
  });

  it.each([
    ['weighted', '- **Holds it back:** alignment 2 loses 22.5 of 30.0 points; segment\\_fit SMB loses 12.0 of 20.0 points'],
    ['rice', undefined],
    ['wsjf', undefined],
    ['ice', undefined],
  ] as const)('%s: holdbacks are lost points, which only weighted criteria have', (kind, holdback) => {
    const c = section(renderPmReportOf(reportFor(kind), OPTIONS), '### 3. C C title');
    // alignment 2 earns 7.5 of 30 (loses 22.5); SMB earns 8 of 20 (loses 12); effort L loses 7.5 of 10, the third.
    expect(c.includes('Holds it back')).toBe(holdback !== undefined);
    if (holdback) expect(c).toContain(holdback);
  });

  it.each(['rice', 'wsjf', 'ice'] as const)('%s: says why there is no value-vs-effort chart, and why D has no score', (kind) => {
    const text = renderPmReportOf(reportFor(kind), OPTIONS);
    const name = kind.toUpperCase();
    expect(section(text, '## Value vs effort')).toContain(`No value-vs-effort chart: ${name}'s score already weighs`);
    expect(text).not.toContain('quadrantChart');
    const d = section(text, '### 4. D D title');
    expect(d).toContain(`**${name} —**`);
    expect(d).toMatch(new RegExp(`\\*\\*${name}:\\*\\* cannot be scored: .+ missing, so it ranks last\\.`));
  });

  it('weighted: the chart plots value against effort', () => {
    expect(renderPmReportOf(reportFor('weighted'), OPTIONS)).toContain('quadrantChart');
  });
});

describe('report --audience sales', () => {
  it.each(KINDS)('%s: no score, no unit, no model key', (kind) => {
    const text = renderSalesReport(reportFor(kind), OPTIONS);
    for (const leak of [
      'Score',
      'RICE',
      'WSJF',
      'ICE',
      ' of 100',
      '800',
      '5.2',
      '7.67',
      'reach',
      'job_size',
      'job\\_size',
      'deal\\_value',
    ]) {
      expect(text, leak).not.toContain(leak);
    }
  });

  it.each([
    // A earns every point: strong on segment, alignment and effort (deal value is money, never shown).
    [
      'weighted',
      '- **Why it ranks well:** a strong fit for Enterprise customers; closely aligned with our product strategy; quick to build',
    ],
    // A framework's inputs are internal estimates with no plain-words reading: nothing is said rather than a wrong thing.
    ['rice', undefined],
    ['wsjf', undefined],
    ['ice', undefined],
  ] as const)('%s: why a request ranks well, in plain words where the model has them', (kind, strong) => {
    const a = section(renderSalesReport(reportFor(kind), OPTIONS), '### A A title');
    expect(a.includes('Why it ranks well')).toBe(strong !== undefined);
    expect(a.includes('What holds it back')).toBe(false);
    if (strong) expect(a).toContain(strong);
  });
});

describe('sensitivity', () => {
  it.each([
    [
      'weighted',
      'Weight sensitivity of the top 2: each weight varied by ±20%, 200 samples, seed 1',
      'Smallest single-weight change',
      // B and C differ by 2 points, all in deal_value (1 vs 0): at weight 42 they tie, 42.01 swaps them (+5%).
      [
        'stays in under any single weight change',
        'out if deal_value 40 -> 42.01 (+5%)',
        'in if deal_value 40 -> 42.01 (+5%)',
        'no single weight change brings it in',
      ],
      ['100.0', '60.0', '58.0', '28.0'],
    ],
    [
      'rice',
      'Input sensitivity of the top 2 by RICE: each input of each request varied by ±20%, 200 samples, seed 1',
      'Smallest single-input change',
      // A falls below C (600) at reach 740 (-26%), B at reach 490 ((490 - 625) / 625 = -21.6%), C passes B at effort 0.79 (-21%),
      // D (no effort) at effort 150 / 750 = 0.2 ties, 0.19 passes.
      [
        'out if reach 1000 -> 740 (-26%)',
        'out if reach 625 -> 490 (-22%)',
        'in if effort 1 -> 0.79 (-21%)',
        'in if effort not set -> 0.19',
      ],
      ['800', '750', '600', '—'],
    ],
    [
      'wsjf',
      'Input sensitivity of the top 2 by WSJF: each input of each request varied by ±20%, 200 samples, seed 1',
      'Smallest single-input change',
      // A: job size 8.1 ((8.1 - 5) / 5 = +62%); B: 6.5 (+30%); C: 6.1 ((6.1 - 8) / 8 = -23.75%); D: 0 -> 3.8.
      ['out if job_size 5 -> 8.1 (+62%)', 'out if job_size 5 -> 6.5 (+30%)', 'in if job_size 8 -> 6.1 (-24%)', 'in if job_size 0 -> 3.8'],
      ['5.2', '4.2', '3.25', '—'],
    ],
    [
      'ice',
      'Input sensitivity of the top 2 by ICE: each input of each request varied by ±20%, 200 samples, seed 1',
      'Smallest single-input change',
      // B: confidence 2.9 ((2.9 - 9) / 9 = -67.8%); A: impact 4.9 (-38.75%); C: impact 9.1 (+51.7%); D: ease 2.1.
      ['out if confidence 9 -> 2.9 (-68%)', 'out if impact 8 -> 4.9 (-39%)', 'in if impact 6 -> 9.1 (+52%)', 'in if ease not set -> 2.1'],
      ['7.67', '6.67', '5.67', '—'],
    ],
  ] as const)('%s asks its own question, in its own unit', (kind, title, column, changes, scores) => {
    const { ranked, model } = reportFor(kind);
    const options = { top: TOP, spread: 0.2, seed: 1, samples: 200 };
    const text = renderSensitivityTable({ kind, results: analyzeSensitivity(ranked, model, options), options });
    const lines = text.split('\n');
    expect(lines[0]).toBe(title);
    expect(lines[2]).toContain(column);
    const rows = lines.filter((l) => /^[ !]\d/.test(l));
    expect(rows).toHaveLength(4);
    rows.forEach((row, i) => {
      expect(row.trimEnd().endsWith(changes[i]!), row).toBe(true);
      expect(row).toContain(` ${scores[i]!} `);
    });
  });
});

describe('diff', () => {
  const ranked = (model: ScoringModel, requests: FeatureRequest[] = []) => rankRequests(scoreRequests(requests, model));
  const diffReport = (base: ModelKind, head: ModelKind, headModel = KIND_CASES[head].model) => ({
    base: 'base.yaml',
    head: 'head.yaml',
    data: 'requests.csv',
    requests: 4,
    kinds: { base, head },
    // Weighted requests do not carry framework inputs: both sides rank the head kind's requests.
    diff: diffRankings(ranked(KIND_CASES[base].model, KIND_CASES[head].requests), ranked(headModel, KIND_CASES[head].requests), TOP),
  });

  it('weighted to weighted: scores of 100 on both sides', () => {
    // deal_value 40 -> 42.01: total weight 102.01. B = 100 x (20 + 30 + 10) / 102.01 = 58.82;
    // C = 100 x (42.01 + 8 + 7.5 + 2.5) / 102.01 = 100 x 60.01 / 102.01 = 58.83: C enters the top 2, B leaves.
    const { model } = KIND_CASES.weighted;
    if (model.kind !== 'weighted') throw new Error('expected the weighted preset');
    const heavier = { ...model, criteria: model.criteria.map((c) => (c.name === 'deal_value' ? { ...c, weight: 42.01 } : c)) };
    const text = renderDiffTable(diffReport('weighted', 'weighted', heavier));
    expect(text).toContain('Top 2: 1 entered, 1 left · ');
    expect(text).not.toContain('scores in');
    expect(text).toMatch(/C C title +3 → 2 +58\.0 → 58\.8/);
    expect(text).toMatch(/B B title +2 → 3 +60\.0 → 58\.8/);
  });

  it.each([
    ['rice', '800', '—'],
    ['wsjf', '5.2', '—'],
    ['ice', '6.67', '—'],
  ] as const)('weighted to %s: each side in its own unit, and ranks, not scores, to compare', (kind, a, d) => {
    const text = renderDiffMarkdown(diffReport('weighted', kind));
    const name = kind.toUpperCase();
    expect(text).toContain(`(scores in points of 100 before, ${name}'s own unit after: compare ranks, not scores)`);
    // The weighted model reads none of a framework's inputs: every request scores the missing values,
    // segment 0.3 x 20 + alignment 0.5 x 30 + effort 0.5 x 10 = 6 + 15 + 5 = 26 (deal value 0).
    expect(text).toMatch(new RegExp(`\\| A A title \\| [^|]+ \\| [^|]+ \\| 26\\.0 → ${a.replace('.', '\\.')} \\|`));
    // D cannot be scored by the framework: a dash, never 0.
    expect(text).toMatch(new RegExp(`\\| D D title \\| [^|]+ \\| [^|]+ \\| 26\\.0 → ${d} \\|`));
  });

  it.each(['rice', 'wsjf', 'ice'] as const)('%s to %s: one unit, named once', (kind) => {
    const withHorizons = { ...KIND_CASES[kind].model, horizons: [{ name: 'Now', min_score: 1 }, { name: 'Later' }] };
    const text = renderDiffTable(diffReport(kind, kind, withHorizons));
    expect(text).toContain(`(scores in ${kind.toUpperCase()}'s own unit)`);
    expect(text).not.toContain('compare ranks');
  });
});

describe('digest', () => {
  /** This week C has the change that takes it into the top 2 (see the counterfactuals), and D is new. */
  const CHANGED: Record<ModelKind, (c: FeatureRequest) => FeatureRequest> = {
    weighted: (c) => ({ ...c, numbers: { ...c.numbers, alignment: 3 } }), // 58 - 7.5 + 15 = 65.5
    rice: (c) => ({ ...c, numbers: { ...c.numbers, reach: 760 } }), // 760 x 1 x 100% / 1 = 760
    wsjf: (c) => ({ ...c, numbers: { ...c.numbers, job_size: 6.1 } }), // 26 / 6.1 = 4.26
    ice: (c) => ({ ...c, numbers: { ...c.numbers, impact: 9.1 } }), // 20.1 / 3 = 6.7
  };

  function digestFor(kind: ModelKind) {
    const { model, requests } = KIND_CASES[kind];
    const previous = rankRequests(scoreRequests(requests.slice(0, 3), model));
    const current = rankRequests(
      scoreRequests(
        requests.map((r) => (r.id === 'C' ? CHANGED[kind](r) : r)),
        model,
      ),
    );
    return { digest: digestChanges(previous, current), previous: 'last.csv', current: 'this.csv', currency: 'USD', kind };
  }

  it.each([
    ['weighted', '- C C title: #3 → #2, Later → Next (score 65.5)', '- B B title: #2 → #3 (score 60.0)'],
    ['rice', '- C C title: #3 → #2 (RICE 760)', '- B B title: #2 → #3 (RICE 750)'],
    ['wsjf', '- C C title: #3 → #2 (WSJF 4.26)', '- B B title: #2 → #3 (WSJF 4.2)'],
    ['ice', '- C C title: #3 → #2 (ICE 6.7)', '- A A title: #2 → #3 (ICE 6.67)'],
  ] as const)('%s: movers with their scores in the model’s unit', (kind, up, down) => {
    const text = renderDigestMarkdown(digestFor(kind));
    expect(section(text, '## Biggest movers')).toContain(up);
    expect(section(text, '## Biggest movers')).toContain(down);
  });

  it.each([
    ['weighted', 28],
    ['rice', null],
    ['wsjf', null],
    ['ice', null],
  ] as const)('%s: json gives the model and a null score for a request the framework cannot score', (kind, score) => {
    const json = JSON.parse(renderDigestJson(digestFor(kind))) as { model: string; new_requests: { id: string; score: number | null }[] };
    expect(json.model).toBe(kind);
    expect(json.new_requests.map((r) => [r.id, r.score])).toEqual([['D', score]]);
  });
});

describe('triage card', () => {
  function cardFor(kind: ModelKind, id: string): string {
    const { ranked, model } = reportFor(kind);
    const request = ranked.find((r) => r.id === id)!;
    const potential = potentialScore(request, model);
    const common = { color: false, index: 1, count: 1, place: request.rank, total: ranked.length, model, duplicates: [] };
    return renderTriageCard(request, { ...common, ...(potential === undefined ? {} : { potential }) });
  }

  it.each([
    // Weighted: what unassessed criteria could unlock. D lacks deal value: 28 + 40 = 68.
    ['weighted', 'D', ['  score      28.0 (could reach 68.0) · #4 of 4 · Later'], []],
    // A framework: its own unit and formula; no "could reach".
    ['rice', 'C', ['  score      RICE 600 · #3 of 4', '  formula    600 reach x 1 impact x 100% / 1 person-month = 600'], ['could reach']],
    ['rice', 'D', ['  score      RICE — · #4 of 4', '  formula    cannot be scored: effort missing'], ['could reach']],
    [
      'wsjf',
      'C',
      ['  score      WSJF 3.25 · #3 of 4', '  formula    (13 value + 5 time criticality + 8 risk reduction) / 8 job size = 3.25'],
      ['could reach'],
    ],
    ['ice', 'C', ['  score      ICE 5.67 · #3 of 4', '  formula    (6 impact + 6 confidence + 5 ease) / 3 = 5.67'], ['could reach']],
  ] as const)('%s %s', (kind, id, lines, absent) => {
    const card = cardFor(kind, id);
    for (const line of lines) expect(card.split('\n')).toContain(line);
    for (const text of absent) expect(card).not.toContain(text);
  });
});
