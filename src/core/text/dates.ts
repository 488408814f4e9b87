const DAY_MS = 86_400_000;

/**
 * A calendar date as CRMs export it, as a day number (days since 1970-01-01 UTC):
 * ISO `2026-04-30` (a time after it is ignored), `2026/04/30`, US `4/30/2026`
 * (Salesforce), European `30.04.2026`; `30/04/2026` when the first part cannot
 * be a month. Undefined for anything else.
 */
export function parseDate(text: string): number | undefined {
  const s = text.trim();
  const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (iso) return toDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (dotted) return toDay(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (!slashed) return undefined;
  const [first, second, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  return first > 12 ? toDay(year, second, first) : toDay(year, first, second);
}

function toDay(year: number, month: number, day: number): number | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 2/30 over to 3/2; a date that does not exist is not a date.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/** A day number as an ISO date, 2026-04-30. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
