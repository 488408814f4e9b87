import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { BIN, ROOT } from './exec.js';

/** The built CLI running in a pseudo-terminal (test/helpers/pty-bridge.py), driven keystroke by keystroke. */
export interface PtySession {
  /** The CLI's own pid, to signal it directly. */
  pid: Promise<number>;
  /** Everything the terminal showed so far, without ANSI escapes. */
  screen(): string;
  /** Resolves once the screen shows the text `count` times in all, or, given `after`, since that text last showed. */
  waitFor(text: string, count?: number, after?: string): Promise<void>;
  type(keys: string): void;
  exit: Promise<number | null>;
}

export const KEYS = { enter: '\r', down: '\u001b[B', ctrlC: '\u0003' };

export function startPty(args: string[], cwd: string, env: Record<string, string> = {}): PtySession {
  const child = spawn('python3', [join(ROOT, 'test/helpers/pty-bridge.py'), process.execPath, BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '', TERM: 'xterm', PM_RANK_DECIDER: 'pat', ...env },
  });
  let raw = '';
  const listeners: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    raw += chunk.toString('utf8');
    listeners.forEach((l) => l());
  });
  const pid = new Promise<number>((resolve) => {
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const match = /^pid (\d+)/.exec(err);
      if (match) resolve(Number(match[1]));
    });
  });
  const screen = () => raw.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '');
  return {
    pid,
    screen,
    waitFor: (text, count = 1, after) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          child.kill(); // the CLI gets SIGHUP when its terminal goes away: no process is left behind
          reject(new Error(`timed out waiting for "${text}"; screen:\n${screen()}`));
        }, 10000);
        const check = () => {
          const shown = screen();
          const from = after === undefined ? 0 : shown.lastIndexOf(after);
          if (from >= 0 && shown.slice(from).split(text).length - 1 >= count) {
            clearTimeout(timer);
            resolve();
          }
        };
        listeners.push(check);
        check();
      }),
    type: (keys) => child.stdin.write(keys),
    exit: new Promise((resolve) => child.on('close', (code) => resolve(code))),
  };
}
