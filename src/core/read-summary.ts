import type { FeatureRequest, Issue } from './types.js';

/** An export as read: its requests, what was wrong in it, and how it was read. */
export interface RequestsRead {
  requests: FeatureRequest[];
  issues: Issue[];
  summary: ReadSummary;
}

/** An export read on the reading thread, before its mentions are grouped into requests. */
export type MentionsRead = Omit<RequestsRead, 'requests'>;

/** What reading an export found besides its requests: the source, how it was read, which column each field came from. */
export interface ReadSummary {
  source: string;
  /** Data rows read (blank lines and footers excluded). */
  rows: number;
  skippedRows: number;
  footerLines: number;
  encoding: string;
  delimiter: string;
  /** Currency of deal values: the config's base, else the first one the export used. */
  currency?: string;
  /** The export's header row, as written. */
  header: string[];
  /** Currency -> how its deal values were converted to the base currency. */
  conversions?: Record<string, CurrencyConversion>;
  /** Field -> the header it was read from. */
  columns: Record<string, string>;
  /** How each field's column was chosen: the evidence `pm-rank columns` shows. */
  choices: ColumnChoice[];
  /** Two sample values per column, in header order. */
  samples: string[][];
}

/** How one currency's amounts became base-currency amounts: at the config's rate, by the export's converted column, or both. */
export interface CurrencyConversion {
  /** currency.rates' rate: base-currency units per unit. */
  rate?: number;
  /** The converted amount column (`Amount (converted)`) the CRM filled with its own rates. */
  column?: string;
  /** Rows converted. */
  rows: number;
}

/** The column (or repeated columns) chosen for a field. */
export interface ColumnChoice {
  field: string;
  header: string;
  /** The chosen column first, then repeated headers of the same name, whose values are read too. */
  indices: number[];
  isConfigured: boolean;
  score: number;
  reasons: string[];
  samples: string[];
  /** The best column not chosen for this field, if any. */
  runnerUp?: Candidate;
  /** The runner-up scored close to the choice: worth a look. */
  isClose: boolean;
  /** Cells list several values with this separator (multi-select exports), so each value counts. */
  split?: string;
}

/** A column considered for a field, and why. */
export interface Candidate {
  index: number;
  header: string;
  score: number;
  /** The header evidence and the content evidence, in words. */
  reasons: string[];
  samples: string[];
  fill: number;
}

/** How far a read has come, for a progress line. */
export interface ReadProgress {
  bytes: number;
  /** Records read so far (the header and any blank lines included). */
  rows: number;
  /** The file's size, when known (not for stdin). */
  size?: number;
}
