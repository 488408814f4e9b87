// npm run bench [-- --sizes 100k,1m --10m --runs N --salesforce]: times pm-rank beside DuckDB doing the same job on
// the clean bench export (bench/peers.js), round after round, and prints the ratios and whether the top 20 agree;
// --10m adds 10M rows (2 GB, generated in a temp folder and deleted after). --salesforce also times the messy
// Salesforce-style exports against a bare csv-parse floor (and pandas when installed). Then start-up and column inference.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';
import { compareTop20, generatePeersExport, installPeers, peerCommands } from './peers.js';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench/data');
const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000, '10m': 10_000_000 };
const { values: flags } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100k,1m' },
    '10m': { type: 'boolean', default: false },
    runs: { type: 'string' },
    salesforce: { type: 'boolean', default: false },
  },
});
const hasTime = existsSync('/usr/bin/time');
const hasPandas = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time (ms, from here), CPU time (ms, user + system) and peak RSS (MB) from GNU time, of one run, output discarded. */
function measure([command, args, env = {}]) {
  const rssFile = join(DATA, '.rss');
  const [file, argv] = hasTime ? ['/usr/bin/time', ['-f', '%U %S %M', '-o', rssFile, command, ...args]] : [command, args];
  const start = process.hrtime.bigint();
  const result = spawnSync(file, argv, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  if (!hasTime) return { ms, cpuMs: NaN, rssMb: NaN };
  const [user, sys, rssKb] = readFileSync(rssFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { ms, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024 };
}

const load = () => loadavg()[0].toFixed(1);

/** pm-rank and DuckDB in turn, round after round; each figure's median, and the median of the per-round ratios. */
function benchPeers(size, runs, dir) {
  const rows = SIZES[size];
  const path = join(dir, `peers-${size}.csv`);
  if (!existsSync(path)) generatePeersExport(rows, path);
  const [ours, theirs] = Object.values(peerCommands(path));
  const loadBefore = load();
  const rounds = Array.from({ length: runs }, () => [measure(ours), measure(theirs)]);
  const figure = (key, i) => median(rounds.map((round) => round[i][key]));
  const ratio = (key) => median(rounds.map(([a, b]) => a[key] / b[key]));
  const peak = (i) => Math.max(...rounds.map((round) => round[i].rssMb));
  const mb = (statSync(path).size / 1e6).toFixed(0);
  const cells = [
    rows.toLocaleString('en'),
    mb,
    `${(figure('ms', 0) / 1000).toFixed(2)} s, ${(figure('cpuMs', 0) / 1000).toFixed(2)} s CPU, ${peak(0).toFixed(0)} MiB`,
    `${(figure('ms', 1) / 1000).toFixed(2)} s, ${(figure('cpuMs', 1) / 1000).toFixed(2)} s CPU, ${peak(1).toFixed(0)} MiB`,
    ratio('ms').toFixed(2),
    ratio('cpuMs').toFixed(2),
    `${loadBefore}-${load()}`,
  ];
  console.log(`| ${cells.join(' | ')} |`);
  return `${size}: top 20 vs DuckDB: ${compareTop20(path)}`;
}

function peers() {
  installPeers();
  console.log(
    '\n| rows | MB | pm-rank score: wall, CPU, peak | DuckDB, same job | wall ratio | CPU ratio | load avg |\n|---:|---:|---|---|---:|---:|---|',
  );
  const notes = flags.sizes.split(',').map((size) => benchPeers(size, Number(flags.runs ?? (size === '1m' ? 3 : 5)), DATA));
  if (flags['10m']) {
    // 2 GB: generated where temporary files go, and deleted whatever happens.
    const dir = mkdtempSync(join(tmpdir(), 'pm-rank-bench-'));
    try {
      notes.push(benchPeers('10m', Number(flags.runs ?? 1), dir));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\n${notes.join('\n')}`);
}

/**
 * Runs every tool once per round, round after round, so a machine whose speed drifts (a shared VM)
 * slows all of them alike; each tool's median over the rounds.
 */
function bench(tools, rows, runs) {
  const rounds = Array.from({ length: runs }, () => Object.values(tools).map(measure));
  return Object.keys(tools).map((label, i) => {
    const results = rounds.map((round) => round[i]);
    const ms = median(results.map((r) => r.ms));
    return { label, ms, rowsPerSecond: (rows / ms) * 1000, rssMb: Math.max(...results.map((r) => r.rssMb)) };
  });
}

function checkTop20(path) {
  const json = (command, args) => JSON.parse(execFileSync(command, args, { cwd: ROOT, maxBuffer: 1 << 28, encoding: 'utf8' }));
  const ours = json(process.execPath, ['bin/pm-rank.js', 'score', path, '-f', 'json', '-n', '20']).requests.map((r) => ({
    id: r.id,
    score: r.score,
    deal_value: r.deal_value,
  }));
  const others = { reference: json('python3', ['bench/reference.py', '--csv', path, '20']) };
  if (hasPandas) others.pandas = json('/usr/bin/python3', ['bench/pandas_score.py', path, '20']);
  return Object.entries(others).map(([name, theirs]) => {
    const same =
      theirs.length === ours.length &&
      theirs.every(
        (t, i) => t.id === ours[i].id && Math.abs(t.score - ours[i].score) < 1e-6 && Math.abs(t.deal_value - ours[i].deal_value) < 0.01,
      );
    return `top 20 vs ${name}: ${same ? 'identical' : `DIFFERENT\n  ours:   ${JSON.stringify(ours)}\n  theirs: ${JSON.stringify(theirs)}`}`;
  });
}

function startup() {
  const hyperfine = spawnSync('hyperfine', ['--version']).status === 0;
  if (!hyperfine) return console.log('\nstart-up: hyperfine not installed (apt-get install hyperfine), skipped');
  const out = join(DATA, '.startup.json');
  const commands = {
    'node -e 0': `${process.execPath} -e 0`,
    'pm-rank --version': `${process.execPath} bin/pm-rank.js --version`,
    'pm-rank score (50 rows)': `${process.execPath} bin/pm-rank.js score fixtures/requests.csv`,
  };
  execFileSync('hyperfine', ['-N', '--warmup', '5', '--runs', '40', '--export-json', out, ...Object.values(commands)], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const results = JSON.parse(readFileSync(out, 'utf8')).results;
  const base = results[0].median;
  console.log('\n| start-up | median ms | x node -e 0 |\n|---|---:|---:|');
  Object.keys(commands).forEach((name, i) =>
    console.log(`| ${name} | ${(results[i].median * 1000).toFixed(1)} | ${(results[i].median / base).toFixed(2)} |`),
  );
}

/** The Salesforce-style exports (quoted cells, currencies, multi-line notes) against a bare csv-parse floor and pandas. */
function salesforce() {
  console.log('\n| rows | MB | tool | median s | rows/s | peak RSS MB | x floor |\n|---:|---:|---|---:|---:|---:|---:|');
  const notes = [];
  for (const size of flags.sizes.split(',').filter((size) => size !== '10m')) {
    const rows = SIZES[size];
    const path = join(DATA, `requests-${size}.csv`);
    if (!existsSync(path)) generate(rows, path);
    const mb = statSync(path).size / 1e6;
    const runs = Number(flags.runs ?? (rows >= 1e6 ? 3 : 5));
    const tools = {
      'csv-parse floor': [process.execPath, ['bench/floor.js', path]],
      'pm-rank score': [process.execPath, ['bin/pm-rank.js', 'score', path]],
      'pm-rank score, one thread': [process.execPath, ['bin/pm-rank.js', 'score', path], { PM_RANK_READ_THREAD: 'never' }],
      "pm-rank's parser alone": [process.execPath, ['bench/fast-floor.js', path]],
      ...(hasPandas ? { pandas: ['/usr/bin/python3', ['bench/pandas_score.py', path]] } : {}),
    };
    const results = bench(tools, rows, runs);
    for (const r of results) {
      const row = [
        rows,
        mb.toFixed(0),
        r.label,
        (r.ms / 1000).toFixed(2),
        Math.round(r.rowsPerSecond),
        r.rssMb.toFixed(0),
        (r.ms / results[0].ms).toFixed(2),
      ];
      console.log(`| ${row.join(' | ')} |`);
    }
    notes.push(`${size}: ${checkTop20(path).join('; ')}`);
    if (size === '100k')
      notes.push(
        `${size}: triage re-scoring ${execFileSync(process.execPath, ['bench/rescore.js', path], { cwd: ROOT, encoding: 'utf8' }).trim()}`,
      );
  }
  console.log(`\n${notes.join('\n')}`);
}

mkdirSync(DATA, { recursive: true });
console.log(
  `node ${process.version}, ${(await import('node:os')).cpus().length} cpus, ${hasPandas ? 'pandas' : 'no pandas'}, load average ${load()}`,
);
peers();
if (flags.salesforce) salesforce();
console.log(`\nuncertainty: ${execFileSync(process.execPath, ['bench/uncertainty.js'], { cwd: ROOT, encoding: 'utf8' }).trim()}`);
console.log(
  `\ncolumn inference, 50-row fixture: ${execFileSync(process.execPath, ['bench/inference.js'], { cwd: ROOT, encoding: 'utf8' }).trim()}`,
);
startup();
rmSync(join(DATA, '.rss'), { force: true });
