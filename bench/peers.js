// The yardstick: DuckDB doing pm-rank's job (../shared/bench-peers), installed into bench/peers/ on first use
// (git-ignored: it is no dependency of the project), its clean export generator, and the top-20 check.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, openSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
export const PEERS = join(ROOT, 'bench/peers');
const SHARED = join(ROOT, '../shared/bench-peers');
export const PEERS_CONFIG = join(PEERS, 'bench.yaml');

/** Copies the peers folder beside the repo into bench/peers and installs DuckDB there, once. */
export function installPeers() {
  if (existsSync(join(PEERS, 'node_modules/@duckdb/node-api'))) return;
  if (!existsSync(SHARED)) throw new Error(`no ${SHARED}: the DuckDB yardstick lives there`);
  cpSync(SHARED, PEERS, { recursive: true, filter: (path) => !path.includes('node_modules') });
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: PEERS, stdio: 'inherit' });
}

/** The clean bench export of `rows` rows, same bytes every time, written to `path` (streamed: 10M rows is 2 GB). */
export function generatePeersExport(rows, path) {
  const out = openSync(path, 'w');
  try {
    const result = spawnSync(process.execPath, [join(PEERS, 'gen.mjs'), String(rows)], { stdio: ['ignore', out, 'inherit'] });
    if (result.status !== 0) throw new Error(`gen.mjs ${rows} failed`);
  } finally {
    closeSync(out);
  }
}

/** pm-rank reads files up to 1 GB unless told: 10M rows is 2 GB. */
const LARGE_FILES = { PM_RANK_MAX_FILE_MB: '4096' };

/** The commands for one export: pm-rank's score (table output, as a user runs it) and DuckDB's same job. */
export function peerCommands(path) {
  return {
    'pm-rank score': [process.execPath, [join(ROOT, 'bin/pm-rank.js'), 'score', path, '--config', PEERS_CONFIG], LARGE_FILES],
    'DuckDB, same job': [process.execPath, [join(PEERS, 'duckdb-samejob.mjs'), path]],
  };
}

/** Whether pm-rank's top 20 (ids, scores to 4 decimals, deal values) is DuckDB's; the two lists when not. */
export function compareTop20(path) {
  const run = (args) =>
    execFileSync(process.execPath, args, { cwd: ROOT, maxBuffer: 1 << 28, encoding: 'utf8', env: { ...process.env, ...LARGE_FILES } });
  const ours = JSON.parse(run(['bin/pm-rank.js', 'score', path, '--config', PEERS_CONFIG, '-f', 'json', '-n', '20'])).requests.map(
    (r) => `${r.id},${r.score.toFixed(4)},${r.deal_value}`,
  );
  const theirs = run([join(PEERS, 'duckdb-samejob.mjs'), path])
    .trim()
    .split('\n');
  const same = ours.length === theirs.length && ours.every((line, i) => sameRow(line, theirs[i]));
  return same ? 'identical' : `DIFFERENT\n  pm-rank: ${ours.join(' ')}\n  DuckDB:  ${theirs.join(' ')}`;
}

function sameRow(ours, theirs) {
  const [id, score, deal] = ours.split(',');
  const [theirId, theirScore, theirDeal] = theirs.split(',');
  return id === theirId && score === theirScore && Math.abs(Number(deal) - Number(theirDeal)) < 0.01;
}
