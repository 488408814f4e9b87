import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoredFields } from '../core/scoring/model-inputs.js';
import { isWinLossField } from '../core/text/fields.js';
import type { ScoringModel } from '../core/types.js';
import { CancelledError, ExitCode } from '../errors.js';
import { DEFAULT_CONFIG_NAME, DEFAULT_CONFIG_PATH, DEFAULT_CONFIG_SOURCE } from '../input/load-config.js';
import { loadConfigText } from '../input/parse-config.js';
import { openSource } from '../input/source.js';
import { readRequests, type ReadOptions, type ReadSummary } from '../input/requests/read-requests.js';
import { renderStarterConfig, type ExportProfile } from '../output/starter-config.js';
import { assertNotAnInput, writeAtomic } from '../output/write-atomic.js';
import type { CommandContext } from '../context.js';
import type { Preset } from './presets.js';

export interface InitOptions extends ReadOptions {
  /** An export whose headers and values fill the starter config. */
  from?: string;
  preset?: Preset;
  output?: string;
  isForce: boolean;
  /** Take every guess without asking (--yes); also what happens off a terminal. */
  isYes?: boolean;
  /** A terminal to ask on (stdin and stdout TTYs, not CI). */
  isInteractive?: boolean;
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

/**
 * Reads the export with the chosen model, so the same column mapping as `score`
 * finds each field; on a terminal, asks about each unsure field (a close call, or a
 * field the model scores that no column matched) and reads again with the answers.
 */
async function profileExport(file: string, template: string, options: InitOptions, context: CommandContext): Promise<ExportProfile> {
  const { model } = loadConfigText(template, DEFAULT_CONFIG_SOURCE, true);
  const read = async (columns: Record<string, string>) => {
    const source = await openSource(file, context.cwd, context.stdin);
    return readRequests(source, { ...model, columns }, { ...options, isMissingColumnAllowed: true });
  };
  let result = await read({});
  const unsure = unsureFields(result.summary, model);
  if (unsure.length > 0 && options.isInteractive && !options.isYes && file !== '-') {
    const answers = await askColumns(unsure, result.summary);
    if (Object.keys(answers).length > 0) result = await read({ ...result.summary.columns, ...answers });
  } else if (unsure.length > 0) {
    context.stderr.write(`note: guessed ${unsure.join(', ')} without asking; the header list in the file shows what else there is\n`);
  }
  const { summary } = result;
  const headers = summary.header.map((header, i) => ({ header: header.trim(), samples: summary.samples[i] ?? [] }));
  return { source: basename(summary.source), columns: summary.columns, requests: result.requests, headers };
}

/** Fields worth a question: a runner-up came close, or the model scores the field and nothing matched it. */
function unsureFields(summary: ReadSummary, model: ScoringModel): string[] {
  const close = summary.choices.filter((c) => c.isClose).map((c) => c.field);
  const scored = ['title', ...scoredFields(model)].filter((f) => f !== 'accounts' && !isWinLossField(f));
  const unmatched = scored.filter((f) => !(f in summary.columns) && !(f === 'title' && 'id' in summary.columns));
  return [...new Set([...close, ...unmatched])];
}

/** One select per unsure field, listing every header with two sample values; "none" leaves it out. */
async function askColumns(fields: readonly string[], summary: ReadSummary): Promise<Record<string, string>> {
  const { chooseOne, QUIT } = await import('../prompts/index.js');
  const NONE = -1;
  const choices = [
    ...summary.header.map((header, i) => ({ name: describeColumn(header, summary.samples[i] ?? []), value: i })),
    { name: '(none of these)', value: NONE },
  ];
  const answers: Record<string, string> = {};
  for (const field of fields) {
    const current = summary.header.findIndex((h) => h.trim() === summary.columns[field]);
    const answer = await chooseOne(`Which column is ${field}?`, choices, current >= 0 ? current : NONE, { isQuitOnly: true });
    if (answer === QUIT) throw new CancelledError('init cancelled; nothing written');
    if (typeof answer === 'number' && answer !== NONE) answers[field] = summary.header[answer]!.trim();
  }
  return answers;
}

function describeColumn(header: string, samples: readonly string[]): string {
  const example = samples.map((v) => JSON.stringify(v.replace(/\s+/g, ' ').slice(0, 30))).join(', ');
  return `${header.trim().slice(0, 60)}${example ? ` — e.g. ${example}` : ' — (empty)'}`;
}
