import { describe, expect, it } from 'vitest';
import { createProgressLine } from '../../src/commands/progress-line.js';
import { renderProgress } from '../../src/reporters/progress.js';

function fakeTerminal() {
  const writes: string[] = [];
  let clock = 0;
  return { writes, stderr: { write: (s: string) => writes.push(s) }, now: () => clock, advance: (ms: number) => (clock += ms) };
}

describe('progress line', () => {
  it('stays silent for a read that ends within a second', () => {
    const term = fakeTerminal();
    const line = createProgressLine(term.stderr, term.now);
    term.advance(999);
    line.update({ bytes: 1e6, rows: 5000, size: 2e6 });
    line.clear();
    expect(term.writes).toEqual([]);
  });

  it('draws after a second, at most every 100ms, and erases itself at the end', () => {
    const term = fakeTerminal();
    const line = createProgressLine(term.stderr, term.now);
    term.advance(1000);
    line.update({ bytes: 1e6, rows: 5000, size: 4e6 });
    term.advance(50);
    line.update({ bytes: 1.1e6, rows: 5500, size: 4e6 });
    term.advance(50);
    line.update({ bytes: 2e6, rows: 10000, size: 4e6 });
    line.clear();
    expect(term.writes).toHaveLength(3);
    expect(term.writes[0]).toMatch(/^\r.*\u001b\[K$/);
    expect(term.writes[2]).toBe('\r\u001b[K');
  });

  it('gives rows, MB/s, share done and time left from the file size', () => {
    // 50 MB in 2 s = 25.0 MB/s; 150 MB left at that rate = 6 s; 50 of 200 MB = 25%.
    expect(renderProgress({ bytes: 50e6, rows: 250000, size: 200e6 }, 2000)).toMatchInlineSnapshot(
      `"reading: 250,000 rows · 25.0 MB/s · 25% · about 6s left"`,
    );
    expect(renderProgress({ bytes: 50e6, rows: 250000 }, 2000)).toMatchInlineSnapshot(`"reading: 250,000 rows · 25.0 MB/s"`);
  });
});
