import type { RankingReport } from '../core/ranking.js';

export interface ReporterOptions {
  color: boolean;
  /** The width to fit a table to; absent, every column shows in full (--wide). */
  columns?: number;
  /** Show only the first N requests. */
  top?: number;
  /** csv: start with a byte order mark, so Excel on Windows reads UTF-8. */
  hasBom?: boolean;
}

/** A reporter is pure: ranked data in, a string out. */
export type Reporter = (report: RankingReport, options: ReporterOptions) => string;
