import { Chalk } from 'chalk';
import type { Duplicate } from '../core/similar.js';
import type { ScoredRequest } from '../core/types.js';
import { escapeControls, formatMoney, formatScore, requestName, segmentsOf, truncate } from './format.js';

export interface TriageCardOptions {
  color: boolean;
  /** Place in this session's queue and the queue's length. */
  index: number;
  count: number;
  place: number;
  total: number;
  potential: number;
  currency?: string;
  duplicates: Duplicate<ScoredRequest>[];
}

/** What the PM sees before answering about one request. */
export function renderTriageCard(request: ScoredRequest, options: TriageCardOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const money = (value: number | undefined) => formatMoney(value, options.currency);
  const accounts = [...request.accounts].sort((a, b) => (b.dealValue ?? -1) - (a.dealValue ?? -1));
  const lines = [
    chalk.bold(`[${options.index}/${options.count}] ${escapeControls(requestName(request))}`),
    `  score      ${formatScore(request.score)} (could reach ${formatScore(options.potential)}) · #${options.place} of ${options.total}`,
    `  deal value ${money(request.dealValue)} from ${accounts.length === 1 ? '1 account' : `${accounts.length} accounts`}`,
    ...accounts.map((a) => `    ${escapeControls(a.name)} ${chalk.dim(money(a.dealValue))}`),
    `  segments   ${escapeControls(segmentsOf(request).join(', ')) || '—'}`,
    ...(request.texts.notes ?? []).map((note) => `  ${chalk.dim('note')}       ${truncate(note, 100)}`),
    ...options.duplicates.map((d) =>
      chalk.yellow(`  maybe same as ${escapeControls(`${d.request.id} ${d.request.title}`)} (${Math.round(d.similarity * 100)}% similar)`),
    ),
  ];
  return `\n${lines.join('\n')}\n`;
}
