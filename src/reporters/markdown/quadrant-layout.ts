/** How one axis is split into a low and a high half. */
export interface AxisSplit {
  /** Values above it are high; it lies halfway between two values that occur, so none sits on the line. */
  threshold: number;
  /** False when every value is the same, and the line is at the middle of the scale, 0.5. */
  isMedian: boolean;
}

/**
 * Splits the values as near their median as the data allows: between the two
 * neighbouring distinct values that leave the most even halves (the lower cut on a tie).
 */
export function splitAtMedian(values: readonly number[]): AxisSplit {
  const distinct = [...new Set(values)].sort((a, b) => a - b);
  if (distinct.length < 2) return { threshold: 0.5, isMedian: false };
  let best = { threshold: 0, imbalance: Infinity };
  for (let i = 0; i < distinct.length - 1; i++) {
    const below = values.filter((v) => v <= distinct[i]!).length;
    const imbalance = Math.abs(values.length - 2 * below);
    if (imbalance < best.imbalance) best = { threshold: (distinct[i]! + distinct[i + 1]!) / 2, imbalance };
  }
  return { threshold: best.threshold, isMedian: true };
}

/** Above the line: high value, or high effort. */
export function isHigh(value: number, split: AxisSplit): boolean {
  return value > split.threshold;
}

// Mermaid's quadrantChart at its default size (500 x 500 px) with points: the plot is 464 x 424 px.
// A point is a 5 px circle with its label 5 px below it in 12 px type; each quadrant's name takes
// the top 26 px of the quadrant. Positions below are in px, y measured up from the bottom of the plot.
const PLOT = { width: 464, height: 424 };
const QUADRANT_NAME = 26;
const GAP = 3;
const ABOVE = 6;
const BELOW = 24;

/** Half the width of a point's box: its circle, or its label at about 7 px a digit. */
function halfWidthOf(label: string): number {
  return Math.max(6, label.length * 4 + 1);
}

interface Box {
  x: number;
  y: number;
  half: number;
}

/**
 * Chart coordinates in [0, 1] for labelled points: each stays in its quadrant (low or high on each
 * axis by the splits), spread over the quadrant in the order of its values, clear of the dividing
 * lines, the edges and the quadrant names, and moved to the nearest free place when its box (circle
 * and label) would overlap one placed before it. Points are placed in the order given.
 */
export function layoutQuadrant(
  points: readonly { x: number; y: number; label: string }[],
  splits: { x: AxisSplit; y: AxisSplit },
): { x: number; y: number }[] {
  const half = Math.max(...points.map((p) => halfWidthOf(p.label)));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const placed: Box[] = [];
  return points.map((point) => {
    const xBand = band(point.x, splits.x, PLOT.width / 2, [half + GAP, half + GAP]);
    const yBand = band(point.y, splits.y, PLOT.height / 2, [BELOW + GAP, ABOVE + QUADRANT_NAME + GAP]);
    const target = { x: spread(point.x, xs, splits.x, xBand), y: spread(point.y, ys, splits.y, yBand) };
    const box = nearestFree(target, half, xBand, yBand, placed);
    placed.push(box);
    return { x: box.x / PLOT.width, y: box.y / PLOT.height };
  });
}

type Band = { from: number; to: number; side: 'low' | 'high' };

/** The px range a point's centre may take on one axis: its half of the plot, less the margins of its box. */
function band(value: number, split: AxisSplit, halfSize: number, [before, after]: [number, number]): Band {
  const side = isHigh(value, split) ? 'high' : 'low';
  const start = side === 'high' ? halfSize : 0;
  return { from: start + before, to: start + halfSize - after, side };
}

/** Where a value falls in its band: its place between the smallest and largest value on its side. */
function spread(value: number, all: readonly number[], split: AxisSplit, into: Band): number {
  const side = all.filter((v) => (isHigh(v, split) ? 'high' : 'low') === into.side);
  const [lo, hi] = [Math.min(...side), Math.max(...side)];
  const share = hi > lo ? (value - lo) / (hi - lo) : 0.5;
  return into.from + share * (into.to - into.from);
}

const STEPS = Array.from({ length: 41 }, (_, i) => i - 20);

/** The free place nearest the target, on a grid of half a box, inside the bands; the target itself if none is free. */
function nearestFree(target: { x: number; y: number }, half: number, xBand: Band, yBand: Band, placed: readonly Box[]): Box {
  const dx = half;
  const dy = (ABOVE + BELOW) / 2;
  const candidates = STEPS.flatMap((i) => STEPS.map((j) => ({ x: target.x + i * dx, y: target.y + j * dy })))
    .filter((c) => c.x >= xBand.from && c.x <= xBand.to && c.y >= yBand.from && c.y <= yBand.to)
    .sort((a, b) => distance(a, target) - distance(b, target));
  const free = candidates.find((c) => !placed.some((p) => overlaps({ ...c, half }, p)));
  return { ...(free ?? target), half };
}

function distance(a: { x: number; y: number }, b: { x: number; y: number }): number {
  return (a.x - b.x) ** 2 + (a.y - b.y) ** 2;
}

/** Two boxes (circle above, label below each centre) closer than the gap. */
function overlaps(a: Box, b: Box): boolean {
  const isApartX = Math.abs(a.x - b.x) >= a.half + b.half + GAP;
  const isApartY = Math.abs(a.y - b.y) >= ABOVE + BELOW + GAP;
  return !(isApartX || isApartY);
}
