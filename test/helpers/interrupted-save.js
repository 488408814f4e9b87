// Spawned by test/commands/triage/save-race.test.ts: holds the save lock of the decisions file PATH for one save
// that waits for a line on stdin; says "saving" when it holds it and "caught" when a SIGINT has come meanwhile.
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { withSaveLock } from '../../dist/output/decisions-lock.js';

const [path] = process.argv.slice(2);
// once: gone after the first SIGINT, so the one the lock held back still ends the process as SIGINT does.
process.once('SIGINT', () => process.stdout.write('caught\n'));
await withSaveLock(path, 'ann', async () => {
  process.stdout.write('saving\n');
  await once(process.stdin, 'data');
  await writeFile(path, 'saved\n');
});
process.stdin.destroy();
