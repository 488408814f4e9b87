import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ConfigError } from '../errors.js';
import { readConfigText } from './load-config.js';

const run = promisify(execFile);
/** A config in git is a page; anything larger is not one. */
const MAX_GIT_OUTPUT = 2 * 1024 * 1024;

/** Reads a config from a path, or from a git revision written `git:REF:path` (`git:main:scoring.yaml`). */
export async function readConfigSource(spec: string, cwd: string): Promise<string> {
  const git = /^git:([^:]+):(.+)$/.exec(spec);
  if (!git) return readConfigText(spec, cwd);
  const [, ref, path] = git as unknown as [string, string, string];
  try {
    const { stdout } = await run('git', ['show', `${ref}:${path}`], { cwd, encoding: 'utf8', maxBuffer: MAX_GIT_OUTPUT });
    return stdout;
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') throw new ConfigError(`cannot read ${spec}: git is not installed or not on PATH`, { cause: error });
    const reason =
      stderr
        ?.trim()
        .split('\n')[0]
        ?.replace(/^fatal: /, '') ?? String(error);
    throw new ConfigError(`cannot read ${spec}: ${reason}`, { cause: error });
  }
}
