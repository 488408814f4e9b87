import { describe, expect, it } from 'vitest';
import { layoutQuadrant, splitAtMedian } from '../../../src/reporters/markdown/quadrant-layout.js';

describe('splitAtMedian', () => {
  it.each([
    // requests.csv's top 10 efforts: 0, four 0.2, two 0.5, two 0.75, 1 -> 5 below 0.35, 5 above
    [[0, 0.2, 0.2, 0.2, 0.2, 0.5, 0.5, 0.75, 0.75, 1], 0.35],
    [[1, 2, 3, 4], 2.5],
    // 1.5 leaves 1 | 2 and 2.5 leaves 2 | 1: as even; the lower cut wins
    [[1, 2, 3], 1.5],
    [[0.5, 0.5, 0.5, 0.9], 0.7],
  ])('%j splits at %d, between two values that occur', (values, threshold) => {
    expect(splitAtMedian(values)).toEqual({ threshold, isMedian: true });
    expect(values).not.toContain(threshold);
  });

  it('puts the line at the middle of the scale when every value is the same', () => {
    expect(splitAtMedian([0.8, 0.8])).toEqual({ threshold: 0.5, isMedian: false });
  });
});

// Mermaid's default quadrantChart plot is 464 x 424 px; a point's circle (radius 5) sits above its
// label (12 px type, 5 px below the centre): its box reaches 6 px above the centre and 24 below,
// and is 9 px either side for a two-digit label.
const PLOT = { width: 464, height: 424 };
const inPx = (p: { x: number; y: number }) => ({ x: p.x * PLOT.width, y: p.y * PLOT.height });

describe('layoutQuadrant', () => {
  const splits = { x: { threshold: 0.5, isMedian: true }, y: { threshold: 0.5, isMedian: true } };

  it('moves twenty points at one spot apart so that no two boxes overlap', () => {
    const points = Array.from({ length: 20 }, (_, i) => ({ x: 0.2, y: 0.9, label: String(i + 1) }));
    const placed = layoutQuadrant(points, splits).map(inPx);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) {
        const isApart = Math.abs(a.x - b.x) >= 18 || Math.abs(a.y - b.y) >= 30;
        expect(isApart, `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(true);
      }
    }
  });

  it('keeps each point in its quadrant, clear of the lines, the edges and the quadrant names', () => {
    const points = [
      { x: 0, y: 1, label: '1' },
      { x: 0.5, y: 0.5, label: '2' },
      { x: 0.51, y: 0.51, label: '3' },
      { x: 1, y: 0, label: '4' },
    ];
    const placed = layoutQuadrant(points, splits).map(inPx);
    // 1: low effort, high value (top left); 2: on both thresholds counts as low; 3 and 4: high effort
    expect(placed.map((p) => [p.x < 232, p.y > 212])).toEqual([
      [true, true],
      [true, false],
      [false, true],
      [false, false],
    ]);
    for (const p of placed) {
      // 6 px half a one-digit box: at least that from the left/right edges and the vertical line
      expect(Math.min(p.x, PLOT.width - p.x, Math.abs(p.x - 232))).toBeGreaterThanOrEqual(6);
      // the label hangs 24 px below: clear of the bottom edge and of the horizontal line
      expect(p.y - 24).toBeGreaterThanOrEqual(p.y > 212 ? 212 : 0);
      // the quadrant's name takes its top 26 px, and the circle reaches 6 px up
      expect(p.y + 6).toBeLessThanOrEqual((p.y > 212 ? PLOT.height : 212) - 26);
    }
  });

  it('keeps the order of the values within a quadrant', () => {
    const points = [0.05, 0.3, 0.1, 0.45].map((x, i) => ({ x, y: 0.2 + 0.05 * i, label: String(i + 1) }));
    const xs = layoutQuadrant(points, splits).map((p) => p.x);
    expect([...xs].sort((a, b) => a - b)).toEqual([xs[0], xs[2], xs[1], xs[3]]);
  });
});
