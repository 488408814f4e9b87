// Triage's inner loop: after an answer, re-score and re-rank every request of an export.
import { createReadStream } from 'node:fs';
import { loadConfig, rankRequests, readRequests, scoreRequest, scoreRequests } from '../dist/index.js';

const path = process.argv[2];
const { model } = await loadConfig(undefined, process.cwd());
const { requests } = await readRequests({ name: path, stream: createReadStream(path) }, model);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (work) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
let scored = scoreRequests(requests, model);
const all = [];
const one = [];
for (let run = 0; run < 15; run += 1) {
  all.push(time(() => rankRequests(scoreRequests(requests, model))));
  const i = run % requests.length;
  one.push(
    time(() => {
      scored = scored.map((s, j) =>
        j === i ? scoreRequest({ ...requests[i], numbers: { ...requests[i].numbers, alignment: 5 } }, model) : s,
      );
      rankRequests(scored);
    }),
  );
}
console.log(JSON.stringify({ requests: requests.length, rescoreAllMs: median(all), rescoreOneMs: median(one) }));
