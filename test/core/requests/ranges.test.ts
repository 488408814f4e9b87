import { describe, expect, it } from 'vitest';
import { parseLabelRange, parseNumberRange, resolveRanges } from '../../../src/core/requests/ranges.js';
import { modelOf, requestOf } from '../model-fixtures.js';

describe('parseNumberRange', () => {
  it.each([
    ['3-4', { low: 3, high: 4 }],
    ['3..4', { low: 3, high: 4 }],
    ['4 – 3', { low: 3, high: 4 }],
    ['3 to 4', { low: 3, high: 4 }],
    ['60%..80%', { low: 0.6, high: 0.8 }],
    ['60-80%', { low: 0.6, high: 0.8 }], // the unit on the upper end applies to both
    ['100-200k', { low: 100_000, high: 200_000 }],
    ['120k±20%', { low: 96_000, high: 144_000 }], // 120k x (1 -+ 0.2)
    ['50 +/- 5', { low: 45, high: 55 }],
    ['3', undefined],
    ['-3', undefined],
    ['2026-04-03', undefined], // a date is no range
    ['3-3', undefined],
    ['soon-ish', undefined],
  ])('%j -> %j', (text, range) => {
    expect(parseNumberRange(text)).toEqual(range);
  });
});

describe('parseLabelRange', () => {
  const effort = modelOf({ criteria: { effort: { weight: 1, field: 'effort', map: { XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0 } } } })
    .criteria[0]!.transform as Parameters<typeof parseLabelRange>[1];
  it.each([
    ['M-L', ['M', 'L']],
    ['l..m', ['M', 'L']],
    ['S-XL', ['S', 'M', 'L', 'XL']],
    ['M', undefined],
    ['M-Q', undefined],
  ])('%j -> %j', (text, labels) => {
    expect(parseLabelRange(text, effort)).toEqual(labels);
  });

  it('takes a map key that has a dash for itself', () => {
    const segment = modelOf({ criteria: { s: { weight: 1, field: 'segment', map: { SMB: 0, 'Mid-Market': 0.5, Enterprise: 1 } } } })
      .criteria[0]!.transform as Parameters<typeof parseLabelRange>[1];
    expect(parseLabelRange('Mid-Market', segment)).toBeUndefined();
  });
});

describe('resolveRanges', () => {
  const model = modelOf({
    criteria: {
      alignment: { weight: 1, field: 'alignment', scale: 'linear', min: 1, max: 5 },
      effort: { weight: 1, field: 'effort', map: { XS: 1, S: 0.8, M: 0.5, L: 0.25, XL: 0 } },
    },
  });

  it('scores a range at its middle and keeps it for --uncertainty', () => {
    // a decision's "3-4" (texts, no number) -> 3.5; "S-L" is S, M, L -> the middle label M
    const [resolved] = resolveRanges([requestOf({ id: 'A', texts: { alignment: ['3-4'], effort: ['S-L'] } })], model);
    expect(resolved!.numbers.alignment).toBe(3.5);
    expect(resolved!.texts.effort).toEqual(['M']);
    expect(resolved!.ranges).toEqual({
      alignment: { kind: 'numbers', low: 3, high: 4, text: '3-4' },
      effort: { kind: 'labels', labels: ['S', 'M', 'L'], text: 'S-L' },
    });
  });

  it('keeps a resolved range until an answer replaces it (triage re-scores resolved requests)', () => {
    const [once] = resolveRanges([requestOf({ id: 'A', texts: { alignment: ['3-4'], effort: ['S-L'] } })], model);
    expect(resolveRanges([once!], model)[0]!.ranges).toEqual(once!.ranges);
    // the PM answers alignment 5: that range is settled, effort's stands
    const answered = { ...once!, numbers: { ...once!.numbers, alignment: 5 }, texts: { ...once!.texts, alignment: ['5'] } };
    expect(Object.keys(resolveRanges([answered], model)[0]!.ranges!)).toEqual(['effort']);
    const settled = { ...answered, texts: { ...answered.texts, effort: ['S'] } };
    expect(resolveRanges([settled], model)[0]!.ranges).toBeUndefined();
  });

  it('lets a later plain number win over an earlier range cell', () => {
    // the export's rows said 3-4, then 5: the request's number is the last row's, 5
    const request = requestOf({ id: 'A', numbers: { alignment: 5 }, texts: { alignment: ['3-4', '5'] } });
    expect(resolveRanges([request], model)[0]).toBe(request);
  });
});
