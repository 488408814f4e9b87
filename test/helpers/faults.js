// Preloaded with NODE_OPTIONS=--import to inject one fault into the built CLI, chosen by PM_RANK_TEST_FAULT.
import fsp from 'node:fs/promises';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const fault = process.env.PM_RANK_TEST_FAULT;
const { writeFile } = fsp;
const errno = (code) => Object.assign(new Error(`${code}: simulated`), { code });

const faults = {
  // The process dies half-way through writing the output (power cut, OOM kill).
  'kill-mid-write': () => {
    fsp.writeFile = async (path, data, options) => {
      await writeFile(path, String(data).slice(0, String(data).length / 2), options);
      process.kill(process.pid, 'SIGKILL');
    };
  },
  // The process dies after the temp file is complete, before the rename.
  'kill-before-rename': () => {
    fsp.rename = async () => process.kill(process.pid, 'SIGKILL');
  },
  // Ctrl+C or a kill while the temp file is half written: the handler must remove it and die of the signal.
  'signal-mid-write': () => {
    fsp.writeFile = async (path, data, options) => {
      await writeFile(path, String(data).slice(0, String(data).length / 2), options);
      process.kill(process.pid, process.env.PM_RANK_TEST_SIGNAL);
      await new Promise((resolve) => setTimeout(resolve, 10_000)); // the signal ends the process long before this
    };
  },
  enospc: () => {
    fsp.writeFile = async (path, data, options) => {
      await writeFile(path, String(data).slice(0, 10), options);
      throw errno('ENOSPC');
    };
  },
  erofs: () => {
    fsp.writeFile = async () => {
      throw errno('EROFS');
    };
  },
  // A bug: something throws that no command expected.
  'stdout-throws': () => {
    process.stdout.write = () => {
      throw new TypeError('simulated bug');
    };
  },
  // A prompt cancelled by the user (Ctrl+C in inquirer), before the score commands have prompts of their own.
  cancel: async () => {
    // The bundle's own error classes (dist/errors.js would be a second copy, which its instanceof checks do not recognise).
    const { CancelledError } = createRequire(import.meta.url)('../../dist/bundle/errors.js');
    process.stdout.write = () => {
      throw new CancelledError('cancelled');
    };
  },
};

if (fault) {
  if (!faults[fault]) throw new Error(`unknown PM_RANK_TEST_FAULT ${fault}`);
  await faults[fault]();
  syncBuiltinESMExports();
}
