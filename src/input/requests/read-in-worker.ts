import { Worker } from 'node:worker_threads';
import { createRequestGrouper } from '../../core/requests/group.js';
import type { ScoringModel } from '../../core/types.js';
import { ConfigError, InputError, UsageError } from '../../errors.js';
import { createMentionDecoder } from './mention-codec.js';
import type { Source } from '../source.js';
import type { ReadOptions, ReadProgress } from '../csv/stream-csv.js';
import { mentionDecayOf } from '../../core/requests/aging.js';
import type { MentionsRead, RequestsRead } from '../../core/read-summary.js';

/** What the reading thread posts: a batch of mentions, progress, the end of the file, or why it stopped. */
export type WorkerMessage =
  { mentions: string } | { progress: ReadProgress } | { done: MentionsRead } | { error: { name: string; message: string } };

/** What the reading thread is given; `consumed` counts the batches this thread has grouped, so the reader never runs far ahead. */
export interface WorkerInput {
  name: string;
  path: string;
  size: number;
  model: ScoringModel;
  options: Omit<ReadOptions, 'onProgress'>;
  consumed: SharedArrayBuffer;
}

const ERRORS: Record<string, new (message: string) => Error> = { InputError, UsageError, ConfigError };

/**
 * readRequests with the file decoded, parsed and typed on a worker thread
 * while this thread groups: the same rows in the same order reach the same
 * grouper, so the requests, warnings and summary are those of a one-thread read.
 */
export async function readRequestsInWorker(
  source: Source & { path: string },
  model: ScoringModel,
  options: ReadOptions,
): Promise<RequestsRead> {
  source.stream.destroy();
  const { onProgress, ...cloneable } = options;
  const consumed = new SharedArrayBuffer(4);
  const input: WorkerInput = { name: source.name, path: source.path, size: source.size ?? 0, model, options: cloneable, consumed };
  const worker = new Worker(new URL('./read-worker.js', import.meta.url), { workerData: input });
  const grouper = createRequestGrouper(model.aggregate, mentionDecayOf(model, options.asOf));
  const decode = createMentionDecoder();
  const counter = new Int32Array(consumed);
  let done: MentionsRead | undefined;
  return new Promise<RequestsRead>((resolve, reject) => {
    // Whatever stops this side stops the reader too: left alone, it would wait for a grouper that never comes.
    const fail = (error: unknown) => {
      void worker.terminate();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    worker.on('message', (message: WorkerMessage) => {
      try {
        if ('mentions' in message) {
          for (const mention of decode(message.mentions)) grouper.add(mention);
          Atomics.add(counter, 0, 1);
          Atomics.notify(counter, 0);
        } else if ('progress' in message) onProgress?.(message.progress);
        else if ('done' in message) done = message.done;
        else reject(new (ERRORS[message.error.name] ?? Error)(message.error.message));
      } catch (error) {
        fail(error);
      }
    });
    worker.on('error', fail);
    // The requests are built once the reading thread has exited, so its memory is given back first.
    worker.on('exit', (code) => {
      if (!done) return fail(new Error(`the reading thread stopped (exit code ${code}) before the end of ${source.name}`));
      try {
        resolve({ requests: grouper.requests(), ...done });
      } catch (error) {
        fail(error);
      }
    });
  });
}
