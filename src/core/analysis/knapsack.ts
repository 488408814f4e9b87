/** One way to take part of a group: its total size (whole capacity units) and value. */
export interface KnapsackOption {
  size: number;
  value: number;
}

/**
 * Exact 0/1 knapsack with groups: picks at most one option per group so the
 * total value is the largest whose total size fits `capacity`. Dynamic
 * programming over integer sizes, O(capacity × options) time and
 * O(capacity × groups) memory for the choices; at most 65,534 options a group.
 * Returns, per group, the index of the option taken, or -1.
 */
export function solveKnapsack(groups: readonly (readonly KnapsackOption[])[], capacity: number): number[] {
  const width = capacity + 1;
  // best[c]: the most value within size c using the groups seen so far.
  let best = new Float64Array(width);
  let next = new Float64Array(width);
  // 0 = nothing taken from the group at that size, k = its option k - 1.
  const choice = new Uint16Array(groups.length * width);
  groups.forEach((options, g) => {
    next.set(best);
    const row = g * width;
    options.forEach(({ size, value }, k) => {
      for (let c = capacity; c >= size; c -= 1) {
        const taken = best[c - size]! + value;
        if (taken > next[c]!) {
          next[c] = taken;
          choice[row + c] = k + 1;
        }
      }
    });
    [best, next] = [next, best];
  });
  const picks = groups.map(() => -1);
  let c = capacity;
  for (let g = groups.length - 1; g >= 0; g -= 1) {
    const k = choice[g * width + c]!;
    if (k === 0) continue;
    picks[g] = k - 1;
    c -= groups[g]![k - 1]!.size;
  }
  return picks;
}
