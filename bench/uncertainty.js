// score --uncertainty's sampling loop: 10k samples over 5k requests, timed in-process (the study alone, not the read).
// Two cases: 500 requests with ranges (the rest fixed), and the same with --spread 20% (every request moves).
import { loadConfig, rankRequests, resolveRanges, scoreRequests, studyUncertainty } from '../dist/index.js';
import { mulberry32 } from '../dist/core/analysis/sensitivity.js';

const REQUESTS = 5_000;
const SAMPLES = 10_000;
const SIZES = ['XS', 'S', 'M', 'L', 'XL'];
const { model } = await loadConfig(undefined, process.cwd());
const random = mulberry32(42);
const requests = Array.from({ length: REQUESTS }, (_, i) => {
  const accounts = Array.from({ length: 1 + Math.floor(random() * 6) }, (_, a) => ({
    name: `Account ${i}-${a}`,
    dealValue: Math.round(random() * 200_000),
  }));
  const alignment = 1 + Math.floor(random() * 5);
  const effort = SIZES[Math.floor(random() * SIZES.length)];
  const isRanged = i % 10 === 0;
  return {
    id: `FR-${i}`,
    title: `Request ${i}`,
    lines: [i + 2],
    accounts,
    dealValue: accounts.reduce((sum, a) => sum + a.dealValue, 0),
    numbers: { deal_value: accounts.reduce((sum, a) => sum + a.dealValue, 0), ...(isRanged ? {} : { alignment }) },
    texts: {
      alignment: [isRanged ? `${Math.max(1, alignment - 1)}-${Math.min(5, alignment + 1)}` : String(alignment)],
      effort: [isRanged && effort !== 'XL' ? `${effort}-XL` : effort],
    },
  };
});
const ranked = rankRequests(scoreRequests(resolveRanges(requests, model), model));
// CPU time beside wall time: on a shared machine the wall clock also counts other processes' turns.
const time = (options) => {
  const [start, cpu] = [performance.now(), process.cpuUsage()];
  const study = studyUncertainty(ranked, model, { top: 10, samples: SAMPLES, seed: 1, ...options });
  const { user, system } = process.cpuUsage(cpu);
  return { ms: Math.round(performance.now() - start), cpuMs: Math.round((user + system) / 1000), inputs: study.inputs.length };
};
const ranges = time({});
const spread = time({ spread: 0.2 });
console.log(
  `${SAMPLES} samples over ${REQUESTS} requests: ${ranges.ms} ms (${ranges.cpuMs} ms CPU) with ${ranges.inputs} ranged inputs; ` +
    `${spread.ms} ms (${spread.cpuMs} ms CPU) with --spread 20% too (every request moves)`,
);
