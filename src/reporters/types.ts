import type { Issue, RankedRequest, ScoringModel } from '../core/types.js';
import type { RolledUpAccount } from '../core/requests/hierarchy.js';
import type { WinLossJoin } from '../core/analysis/winloss.js';
import type { UncertaintyStudy } from '../core/analysis/uncertainty.js';
import type { ReadSummary } from '../input/requests/read-requests.js';

/** Everything a ranking reporter may show. */
export interface RankingReport {
  ranked: RankedRequest[];
  issues: Issue[];
  summary: ReadSummary;
  model: ScoringModel;
  /** Where the model came from: a path or "default model". */
  modelSource: string;
  /** The day number within_days conditions counted from. */
  asOf?: number;
  /** Closed deals joined to the requests, when --win-loss was given. */
  winLoss?: WinLossJoin;
  /** Accounts counted under their top parent, when --accounts was given. */
  rolledUp?: RolledUpAccount[];
  /** The Monte Carlo study over uncertain inputs, when --uncertainty was given. */
  uncertainty?: UncertaintyStudy;
}

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
