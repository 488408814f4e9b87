import type { Reporter } from './types.js';

/** CLI format name -> reporter, loaded on demand so `--format json` never pays for cli-table3. */
export const REPORTERS = {
  table: async () => (await import('./ranking/table.js')).renderTable,
  json: async () => (await import('./ranking/json.js')).renderJson,
  csv: async () => (await import('./ranking/csv.js')).renderCsv,
} satisfies Record<string, () => Promise<Reporter>>;

export type ReporterName = keyof typeof REPORTERS;

export function isReporterName(name: string): name is ReporterName {
  return Object.hasOwn(REPORTERS, name);
}
