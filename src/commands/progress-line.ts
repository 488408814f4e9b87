import type { ReadProgress } from '../core/read-summary.js';
import { renderProgress } from '../reporters/progress.js';
import type { CommandContext } from '../context.js';

const SHOW_AFTER_MS = 1000;
const REDRAW_EVERY_MS = 100;

/** A progress line on stderr that appears once a read has taken a second, redraws at most ten times a second and is erased when done. */
export function createProgressLine(stderr: CommandContext['stderr'], now: () => number = () => performance.now()) {
  const start = now();
  let lastDrawn = -Infinity;
  let isShown = false;
  return {
    update: (progress: ReadProgress): void => {
      const t = now();
      if (t - start < SHOW_AFTER_MS || t - lastDrawn < REDRAW_EVERY_MS) return;
      [lastDrawn, isShown] = [t, true];
      stderr.write(`\r${renderProgress(progress, t - start)}\u001b[K`);
    },
    clear: (): void => {
      if (isShown) stderr.write('\r\u001b[K');
    },
  };
}
