import type { Issue } from './core/issues.js';

/** Exit codes are public contract: scripts and CI depend on them. */
export const ExitCode = {
  ok: 0,
  findings: 1,
  failure: 2,
  unexpected: 3,
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure we can explain in one line; `cause` keeps the original exception, `findings` the located problems behind it. */
export class PmRankError extends Error {
  readonly findings: readonly Issue[];

  constructor(message: string, options?: { cause?: unknown; findings?: readonly Issue[] }) {
    super(message, options);
    this.name = new.target.name;
    this.findings = options?.findings ?? [];
  }
}

/** Bad flags or arguments. */
export class UsageError extends PmRankError {}

/** A scoring config that cannot be read, parsed or validated; its findings say where and why. */
export class ConfigError extends PmRankError {}

/** An export that cannot be read or used. */
export class InputError extends PmRankError {}

/** The user cancelled an interactive prompt. */
export class CancelledError extends PmRankError {}
