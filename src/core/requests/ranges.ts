import { parseQuantity } from '../text/numbers.js';
import { foldText } from '../text/folding.js';
import { criteriaOf, scoredFields } from '../scoring/model-inputs.js';
import type { FeatureRequest, ScoringModel, Transform, ValueRange } from '../types.js';

const BETWEEN = /^([^-].*?)\s*(?:\.\.|–|—|-|\bto\b)\s*(.+)$/;
const PLUS_MINUS = /^(.+?)\s*(?:±|\+\/-|\+-)\s*(.+)$/;
const UNIT = /(%|[kKmMbB][nN]?)$/;

/**
 * A range of numbers as people write one: `3-4`, `3..4`, `60%..80%`, `60-80%`,
 * `100-200k`, `120k±20%`, `50 +/- 5`. A unit on the upper end only applies to
 * both (`60-80%` is 0.6 to 0.8). Undefined for anything else.
 */
export function parseNumberRange(text: string): { low: number; high: number } | undefined {
  const s = text.trim();
  const around = PLUS_MINUS.exec(s);
  if (around) {
    const center = parseQuantity(around[1]!)?.value;
    const isShare = around[2]!.trim().endsWith('%');
    const spread = parseQuantity(around[2]!)?.value;
    if (center === undefined || spread === undefined) return undefined;
    const delta = isShare ? Math.abs(center) * spread : spread;
    return { low: center - delta, high: center + delta };
  }
  const between = BETWEEN.exec(s);
  if (!between) return undefined;
  const [from, to] = [between[1]!.trim(), between[2]!.trim()];
  const unit = UNIT.exec(to)?.[1];
  const a = parseQuantity(unit && !UNIT.test(from) ? `${from}${unit}` : from)?.value;
  const b = parseQuantity(to)?.value;
  if (a === undefined || b === undefined || a === b) return undefined;
  return { low: Math.min(a, b), high: Math.max(a, b) };
}

type LabelMap = Pick<Extract<Transform, { kind: 'map' }>, 'map' | 'labels'>;

/** A range of a map's labels, `M-L` or `S..L`: every label from one to the other in the config's order, as the config spells them. */
export function parseLabelRange(text: string, { map, labels }: LabelMap): string[] | undefined {
  if (map.has(foldText(text))) return undefined;
  const between = BETWEEN.exec(text.trim());
  if (!between) return undefined;
  const keys = [...map.keys()];
  const [a, b] = [keys.indexOf(foldText(between[1]!)), keys.indexOf(foldText(between[2]!))];
  if (a < 0 || b < 0 || a === b) return undefined;
  return keys.slice(Math.min(a, b), Math.max(a, b) + 1).map((key) => labels?.get(key) ?? key);
}

/** The range in a request's value for a field (scored through a map, or as a number), if the value is one. */
function rangeFor(request: FeatureRequest, field: string, labels: LabelMap | undefined): ValueRange | undefined {
  const text = request.texts[field]?.at(-1);
  if (text === undefined) return undefined;
  if (labels) {
    const range = parseLabelRange(text, labels);
    return range && { kind: 'labels', labels: range, text };
  }
  const range = parseNumberRange(text);
  // A later plain number in the field wins over an earlier range (the number is the row read last).
  const number = request.numbers[field];
  if (!range || (number !== undefined && number !== midpointOf(range))) return undefined;
  return { kind: 'numbers', ...range, text };
}

/** The fields the model scores, each with its map when a criterion scores its text through one. */
function labelMapsByField(model: ScoringModel): Map<string, LabelMap | undefined> {
  const fields = new Map<string, LabelMap | undefined>(scoredFields(model).map((field) => [field, undefined]));
  for (const c of criteriaOf(model)) if (c.transform.kind === 'map') fields.set(c.field, c.transform);
  return fields;
}

/**
 * Reads ranges (from the export or decisions.yaml) in the fields criteria score.
 * A range scores its middle: the midpoint of numbers, the middle label (the lower
 * of two); score --uncertainty samples the whole range. Requests without a
 * range are returned as they are.
 */
export function resolveRanges<R extends FeatureRequest>(requests: readonly R[], model: ScoringModel): R[] {
  const fields = labelMapsByField(model);
  return requests.map((request) => {
    let ranges: Record<string, ValueRange> | undefined;
    for (const [field, labels] of fields) {
      const range = rangeFor(request, field, labels) ?? keptRange(request, field);
      if (range) (ranges ??= {})[field] = range;
    }
    if (!ranges) return request.ranges ? withoutRanges(request) : request;
    const numbers = { ...request.numbers };
    const texts = { ...request.texts };
    for (const [field, range] of Object.entries(ranges)) {
      // The text too: RICE reads impact from text ("high" or a number).
      if (range.kind === 'numbers') [numbers[field], texts[field]] = [midpointOf(range), [String(midpointOf(range))]];
      else texts[field] = [middleLabelOf(range)];
    }
    return { ...request, numbers, texts, ranges };
  });
}

/** A range resolved before (triage re-scores resolved requests) whose middle still stands: no answer has replaced it. */
function keptRange(request: FeatureRequest, field: string): ValueRange | undefined {
  const range = request.ranges?.[field];
  if (!range) return undefined;
  const isStanding =
    range.kind === 'numbers' ? request.numbers[field] === midpointOf(range) : request.texts[field]?.[0] === middleLabelOf(range);
  return isStanding ? range : undefined;
}

function withoutRanges<R extends FeatureRequest>({ ranges: _settled, ...request }: R): R {
  return request as R;
}

function midpointOf(range: { low: number; high: number }): number {
  return (range.low + range.high) / 2;
}

function middleLabelOf(range: Extract<ValueRange, { kind: 'labels' }>): string {
  return range.labels[Math.floor((range.labels.length - 1) / 2)]!;
}
