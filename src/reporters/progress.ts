import type { ReadProgress } from '../core/read-summary.js';

/** One status line for a long read: rows so far, throughput and, when the size is known, the time left. */
export function renderProgress(progress: ReadProgress, elapsedMs: number): string {
  const seconds = elapsedMs / 1000;
  const mbPerSecond = progress.bytes / 1e6 / seconds;
  const parts = [`reading: ${progress.rows.toLocaleString('en-US')} rows`, `${mbPerSecond.toFixed(1)} MB/s`];
  if (progress.size) {
    const left = ((progress.size - progress.bytes) / progress.bytes) * seconds;
    parts.push(`${Math.floor((100 * progress.bytes) / progress.size)}%`, `about ${Math.ceil(left)}s left`);
  }
  return parts.join(' · ');
}
