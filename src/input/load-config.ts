import { lstat, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../core/config/schema.js';
import { toScoringModel } from '../core/config/normalize.js';
import { ConfigError } from '../errors.js';
import { MAX_CONFIG_BYTES } from './limits.js';
import { describeFsError, readTextFile } from './source.js';
import type { LoadedConfig } from './parse-config.js';

export type { LoadedConfig } from './parse-config.js';

/** The default model ships as the commented example, so the two cannot drift. */
export const DEFAULT_CONFIG_PATH = fileURLToPath(new URL('../../scoring.example.yaml', import.meta.url));
/** The example, validated at build time (scripts/write-default-config.js), so a run on the default model loads no YAML parser or schema. */
export const DEFAULT_CONFIG_JSON = fileURLToPath(new URL('../default-config.json', import.meta.url));
export const DEFAULT_CONFIG_NAME = 'scoring.yaml';
export const DEFAULT_CONFIG_SOURCE = 'default model';

/** Finds and validates the config: --config, else ./scoring.yaml, else the embedded default. Throws ConfigError listing every problem. */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  const found = path ?? (await findLocalConfig(cwd));
  if (!found) {
    const validated = await readValidatedDefault();
    if (validated) return validated;
  }
  const text = await readConfigText(found ?? DEFAULT_CONFIG_PATH, cwd);
  const { loadConfigText } = await import('./parse-config.js');
  return loadConfigText(text, found ?? DEFAULT_CONFIG_SOURCE, !found);
}

/** The build's validated copy of the default model; undefined after a tsc-only build, which parses the example instead. */
async function readValidatedDefault(): Promise<LoadedConfig | undefined> {
  const json = await readFile(DEFAULT_CONFIG_JSON, 'utf8').catch(() => undefined);
  if (json === undefined) return undefined;
  const config = JSON.parse(json) as Config;
  return { source: DEFAULT_CONFIG_SOURCE, isDefault: true, config, model: toScoringModel(config) };
}

/** The text of a config file, read up to the size limit; a ConfigError naming the file when it cannot be read. */
export async function readConfigText(file: string, cwd: string): Promise<string> {
  return readTextFile(resolve(cwd, file), MAX_CONFIG_BYTES).catch((error: unknown) => {
    throw new ConfigError(`cannot read config ${file}: ${describeFsError(error)}`, { cause: error });
  });
}

/** ./scoring.yaml when that name exists, even as a directory or a broken link: reading it then fails loudly instead of falling back to the built-in model. */
export async function findLocalConfig(cwd: string): Promise<string | undefined> {
  return lstat(resolve(cwd, DEFAULT_CONFIG_NAME)).then(
    () => DEFAULT_CONFIG_NAME,
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new ConfigError(`cannot read config ${DEFAULT_CONFIG_NAME}: ${describeFsError(error)}`, { cause: error });
    },
  );
}
