import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExitCode } from '../errors.js';
import { DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_PATH, DEFAULT_MODEL_SOURCE } from '../input/load-config.js';
import { loadConfigText } from '../input/parse-config.js';
import { openSource } from '../input/source.js';
import { readRequests, type ReadOptions } from '../input/requests/read-requests.js';
import { renderStarterConfig, type ExportProfile } from '../input/starter-config.js';
import { assertNotAnInput, writeAtomic } from '../output/write-atomic.js';
import type { CommandContext } from './context.js';

/** Starter models: the weighted default and the frameworks teams already use. */
export const PRESETS = ['weighted', 'rice', 'wsjf', 'ice'] as const;
export type Preset = (typeof PRESETS)[number];

export interface InitOptions extends ReadOptions {
  /** An export whose headers and values fill the starter config. */
  from?: string;
  preset?: Preset;
  output?: string;
  isForce: boolean;
}

/** pm-rank init: writes a commented starter scoring.yaml, never over an existing file unless forced. */
export async function runInit(options: InitOptions, context: CommandContext): Promise<ExitCode> {
  const output = options.output ?? DEFAULT_CONFIG_NAME;
  assertNotAnInput(output, [options.from], context.cwd);
  const template = await readFile(presetPath(options.preset ?? 'weighted'), 'utf8');
  const profile = options.from ? await profileExport(options.from, template, options, context) : undefined;
  await writeAtomic(resolve(context.cwd, output), renderStarterConfig(template, profile), { isExclusive: !options.isForce });
  const filled = profile ? ` with the columns and values of ${profile.source}` : '';
  context.stderr.write(`wrote ${output}${filled}; review it, then run pm-rank check ${output}\n`);
  return ExitCode.ok;
}

/** The weighted preset is the shipped example itself; the frameworks live under presets/. */
function presetPath(preset: Preset): string {
  return preset === 'weighted' ? DEFAULT_CONFIG_PATH : fileURLToPath(new URL(`../../presets/${preset}.yaml`, import.meta.url));
}

/** Reads the export with the chosen model, so the same column mapping as `score` finds each field. */
async function profileExport(file: string, template: string, options: ReadOptions, context: CommandContext): Promise<ExportProfile> {
  const { model } = loadConfigText(template, DEFAULT_MODEL_SOURCE, true);
  const read = await readRequests(await openSource(file, context.cwd, context.stdin), model, options);
  return { source: basename(read.summary.source), columns: read.summary.columns, requests: read.requests };
}
