// The reading thread of readRequestsInWorker: decodes, parses and types the export, posting mentions in batches.
import { parentPort, workerData } from 'node:worker_threads';
import type { Mention } from '../../core/types.js';
import { createMentionEncoder } from './mention-codec.js';
import { fileSource } from '../source.js';
import type { WorkerInput, WorkerMessage } from './read-in-worker.js';
import { readMentions } from './read-requests.js';

/**
 * Mentions per message: enough that posting costs little per row, few enough
 * that a batch's JSON (about 60 KB) stays under V8's 128 KB large-object size
 * and dies young on the grouping thread.
 */
const BATCH_SIZE = 512;
/** Batches posted but not yet grouped before this thread waits: bounds the memory a slower grouper can make pile up. */
const MAX_IN_FLIGHT = 16;

const input = workerData as WorkerInput;
const consumed = new Int32Array(input.consumed);
const post = (message: WorkerMessage) => parentPort!.postMessage(message);
const encode = createMentionEncoder();
let batch: Mention[] = [];
let posted = 0;

function flush(): void {
  for (let grouped = Atomics.load(consumed, 0); posted - grouped >= MAX_IN_FLIGHT; grouped = Atomics.load(consumed, 0)) {
    Atomics.wait(consumed, 0, grouped);
  }
  post({ mentions: encode(batch) });
  posted += 1;
  batch = [];
}

try {
  const source = fileSource(input.name, input.path, input.size);
  const read = await readMentions(source, input.model, { ...input.options, onProgress: (progress) => post({ progress }) }, (mention) => {
    batch.push(mention);
    if (batch.length === BATCH_SIZE) flush();
  });
  flush();
  post({ done: read });
} catch (error) {
  post({ error: { name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error) } });
}
