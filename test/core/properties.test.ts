import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupRequests } from '../../src/core/requests/group.js';
import { rankRequests } from '../../src/core/scoring/rank.js';
import { scoreRequest, scoreRequests } from '../../src/core/scoring/score.js';
import { normalizeCriterion } from '../../src/core/scoring/weighted.js';
import type { FeatureRequest, Mention, RankedRequest, ScoringModel, WeightedModel } from '../../src/core/types.js';
import { modelOf } from './model-fixtures.js';

const SEGMENTS = ['Enterprise', 'Mid-Market', 'SMB', 'Startup', 'Other'];
const EFFORTS = ['XS', 'S', 'M', 'L', 'XL'];
const ACCOUNTS = ['Acme', 'Beta', 'Crestline', 'Delta', 'Echo', 'Foxtrot'];

const weight = fc.integer({ min: 1, max: 100 });
// Values a config can hold: 0, 1 and the doubles between, but not the subnormals near 0 (5e-324), whose
// products with a scaled weight underflow to 0 and would tell the scaling property apart from rounding.
const unit = fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1, noNaN: true }));

/** A model of the built-in shape with random weights, maxima, map values and missing values. */
const models: fc.Arbitrary<WeightedModel> = fc
  .record({
    weights: fc.tuple(weight, weight, weight, weight, weight),
    dealMax: fc.integer({ min: 1, max: 10_000_000 }),
    segmentScores: fc.tuple(unit, unit, unit, unit),
    effortScores: fc.tuple(unit, unit, unit, unit, unit),
    missing: unit,
    aggregate: fc.constantFrom('sum' as const, 'max' as const),
  })
  .map(({ weights: [wd, ws, wa, we, wn], dealMax, segmentScores, effortScores, missing, aggregate }) =>
    modelOf({
      aggregate: { deal_value: aggregate },
      criteria: {
        deal_value: { weight: wd, field: 'deal_value', scale: 'log', max: dealMax, missing },
        segment_fit: { weight: ws, field: 'segment', map: Object.fromEntries(segmentScores.map((s, i) => [SEGMENTS[i]!, s])), missing },
        alignment: { weight: wa, field: 'alignment', scale: 'linear', min: 1, max: 5, missing },
        effort: { weight: we, field: 'effort', map: Object.fromEntries(effortScores.map((s, i) => [EFFORTS[i]!, s])) },
        reach: { weight: wn, field: 'accounts', scale: 'linear', min: 0, max: 5 },
      },
    }),
  );

// Whole dollars: sums of integers below 2^53 are exact in any order, so order cannot change a total.
const dealValue = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: undefined });

/** A request as the rows of an export describe it; alignment and effort are one per request (see the shuffle property). */
const requestSpecs = fc.uniqueArray(
  fc.record({
    id: fc.stringMatching(/^[A-Z]{2}-[0-9]{1,3}$/),
    alignment: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    effort: fc.option(fc.constantFrom(...EFFORTS), { nil: undefined }),
    rows: fc.array(
      fc.record({
        account: fc.option(fc.constantFrom(...ACCOUNTS), { nil: undefined }),
        dealValue,
        segment: fc.option(fc.constantFrom(...SEGMENTS), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  { selector: (r) => r.id.toLowerCase(), minLength: 1, maxLength: 8 },
);
interface RequestSpec {
  id: string;
  alignment: number | undefined;
  effort: string | undefined;
  rows: { account: string | undefined; dealValue: number | undefined; segment: string | undefined }[];
}

function mentionsOf(specs: RequestSpec[]): Mention[] {
  return specs.flatMap((spec) =>
    spec.rows.map((row) => ({
      line: 0,
      ids: [spec.id],
      title: `Title of ${spec.id}`,
      ...(row.account === undefined ? {} : { account: row.account }),
      numbers: {
        ...(row.dealValue === undefined ? {} : { deal_value: row.dealValue }),
        ...(spec.alignment === undefined ? {} : { alignment: spec.alignment }),
      },
      texts: { ...(row.segment ? { segment: [row.segment] } : {}), ...(spec.effort ? { effort: [spec.effort] } : {}) },
    })),
  );
}

/** Numbers each row as the reader does; the unnamed-account placeholder includes the line. */
function numbered(mentions: Mention[]): Mention[] {
  return mentions.map((m, i) => ({ ...m, line: i + 2 }));
}

function rank(mentions: Mention[], model: ScoringModel): RankedRequest[] {
  return rankRequests(scoreRequests(groupRequests(mentions, model.aggregate).requests, model));
}

/** The segment_fit a segment maps to. */
function segmentFit(model: WeightedModel, segment: string): number {
  const t = model.criteria[1]!.transform;
  return t.kind === 'map' ? (t.map.get(segment.toLowerCase()) ?? t.default) : 0;
}

/**
 * A segment raises a request's fit only if it maps at least as high as the best segment the request
 * has, or, when it has none, as its missing value: a model may rate "unknown" above a known segment.
 */
function isNoWorseSegment(model: WeightedModel, request: FeatureRequest, segment: string): boolean {
  const current = request.texts.segment ?? [];
  const floor = current.length > 0 ? Math.max(...current.map((s) => segmentFit(model, s))) : model.criteria[1]!.missing;
  return segmentFit(model, segment) >= floor;
}

const summary = (ranked: RankedRequest[]) => ranked.map((r) => [r.rank, r.id, r.score, r.dealValue, r.accounts.length]);

describe('properties of the core', () => {
  it('shuffling the rows never changes the ranking', () => {
    // Fields that keep "the last non-empty value" (alignment, status) and the first title depend on row
    // order by definition, so the generator gives each request one alignment, effort and title. Rows
    // without an account are named after their line, so lines move with the rows (numbered before shuffling).
    fc.assert(
      fc.property(
        models,
        requestSpecs
          .map((specs) => numbered(mentionsOf(specs)))
          .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length }))),
        (model, [rows, shuffled]) => {
          expect(summary(rank(shuffled, model))).toEqual(summary(rank(rows, model)));
        },
      ),
    );
  });

  const raises = fc.oneof(
    fc.record({ field: fc.constant('deal_value' as const), by: fc.integer({ min: 1, max: 5_000_000 }) }),
    fc.record({ field: fc.constant('alignment' as const), by: fc.integer({ min: 1, max: 4 }) }),
    fc.record({ field: fc.constant('segment' as const), to: fc.constantFrom(...SEGMENTS) }),
  );

  it("raising one request's deal value, alignment or segment fit never lowers its score or its rank", () => {
    fc.assert(
      fc.property(models, requestSpecs, fc.nat(), raises, (model, specs, pick, raise) => {
        const requests = groupRequests(numbered(mentionsOf(specs)), model.aggregate).requests;
        const target = requests[pick % requests.length]!;
        const raised: FeatureRequest = structuredClone(target);
        if (raise.field === 'deal_value') {
          // From missing, a value raises the score only if it beats the missing value: the log max always does.
          const dealMax = model.criteria[0]!.transform.kind === 'log' ? model.criteria[0]!.transform.max : 0;
          raised.dealValue = raised.numbers.deal_value = target.dealValue === undefined ? dealMax + raise.by : target.dealValue + raise.by;
        } else if (raise.field === 'alignment') {
          // Likewise from missing: alignment 5 is the linear max.
          raised.numbers.alignment = target.numbers.alignment === undefined ? 5 : Math.min(5, target.numbers.alignment + raise.by);
        } else {
          fc.pre(isNoWorseSegment(model, target, raise.to));
          raised.texts.segment = [...(target.texts.segment ?? []), raise.to];
        }
        const before = rankRequests(scoreRequests(requests, model)).find((r) => r.id === target.id)!;
        const after = rankRequests(
          scoreRequests(
            requests.map((r) => (r === target ? raised : r)),
            model,
          ),
        ).find((r) => r.id === target.id)!;
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        expect(after.rank).toBeLessThanOrEqual(before.rank);
      }),
    );
  });

  it('adding an account to a request never lowers its score', () => {
    // The new row carries only an account, a deal value and a segment no worse than the request's
    // (see isNoWorseSegment):
    // alignment and effort are "last value" fields, which a new row may lower by definition.
    fc.assert(
      fc.property(
        models,
        requestSpecs,
        fc.nat(),
        fc.string({ minLength: 1, maxLength: 12 }),
        dealValue,
        fc.option(fc.constantFrom(...SEGMENTS), { nil: undefined }),
        (model, specs, pick, account, deal, segment) => {
          const rows = numbered(mentionsOf(specs));
          const id = specs[pick % specs.length]!.id;
          fc.pre(!rows.some((r) => r.account?.toLowerCase() === account.trim().toLowerCase()));
          const before = groupRequests(rows, model.aggregate).requests.find((r) => r.id === id)!;
          fc.pre(segment === undefined || isNoWorseSegment(model, before, segment));
          // Likewise a first deal value must score at least the missing value it replaces.
          const dealCriterion = model.criteria[0]!;
          const firstDeal = normalizeCriterion(dealCriterion, { ...before, numbers: { deal_value: deal ?? 0 } }).normalized!;
          fc.pre(before.dealValue !== undefined || deal === undefined || firstDeal >= dealCriterion.missing);
          const added: Mention = {
            line: rows.length + 2,
            ids: [id],
            account,
            numbers: deal === undefined ? {} : { deal_value: deal },
            texts: segment ? { segment: [segment] } : {},
          };
          const after = groupRequests([...rows, added], model.aggregate).requests.find((r) => r.id === id)!;
          expect(scoreRequest(after, model).score).toBeGreaterThanOrEqual(scoreRequest(before, model).score);
        },
      ),
    );
  });

  it('multiplying all weights by a constant changes nothing', () => {
    // A power of two scales exactly in binary floating point, so the ranking must be identical;
    // any other factor only changes the last bits of a score, which a tolerance allows for.
    fc.assert(
      fc.property(
        models,
        requestSpecs,
        fc.integer({ min: -20, max: 20 }),
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        (model, specs, power, factor) => {
          const rows = numbered(mentionsOf(specs));
          const scaled = (k: number): WeightedModel => ({
            ...model,
            criteria: model.criteria.map((c) => ({ ...c, weight: c.weight * k })),
          });
          const base = rank(rows, model);
          expect(summary(rank(rows, scaled(2 ** power)))).toEqual(summary(base));
          for (const r of rank(rows, scaled(factor))) expect(r.score).toBeCloseTo(base.find((b) => b.id === r.id)!.score, 9);
        },
      ),
    );
  });

  it("points always add up to the score, and every score lies in the model's range [0, 100]", () => {
    fc.assert(
      fc.property(models, requestSpecs, (model, specs) => {
        for (const r of rank(numbered(mentionsOf(specs)), model)) {
          const points = Object.values(r.criteria).reduce((sum, c) => sum + c.points, 0);
          expect(points).toBeCloseTo(r.score, 9);
          expect(r.score).toBeGreaterThanOrEqual(0);
          expect(r.score).toBeLessThanOrEqual(100 + 1e-9);
          for (const c of Object.values(r.criteria)) expect(c.normalized).toSatisfy((n: number) => n >= 0 && n <= 1);
        }
      }),
    );
  });

  it('grouping is idempotent: rows seen twice group as rows seen once', () => {
    // Re-reading the same rows (a file pasted twice, an export re-run) must not count an account or
    // a deal twice; only the list of lines grows.
    fc.assert(
      fc.property(models, requestSpecs, (model, specs) => {
        const rows = numbered(mentionsOf(specs));
        const once = groupRequests(rows, model.aggregate).requests;
        const twice = groupRequests([...rows, ...rows], model.aggregate).requests;
        expect(twice.map((r) => ({ ...r, lines: [...new Set(r.lines)] }))).toEqual(once);
      }),
    );
  });
});
