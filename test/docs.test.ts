import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/cli.js';
import { ISSUE_CODES } from '../src/reporters/words/issues.js';

// The docs are checked against the program itself, so a flag renamed or a command added shows up here.
const ROOT = join(import.meta.dirname, '..');
const DOC_PAGES = readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.md'))
  .map((f) => join('docs', f));
const USER_DOCS = ['README.md', ...DOC_PAGES];
/** Files whose references to the source tree go stale when files move. */
const PATH_CHECKED = [...USER_DOCS, 'BENCHMARKS.md', 'fixtures/exports/README.md'];
/** Flags of other tools that the docs show beside pm-rank's (the CI page's `gh pr comment`). */
const OTHER_TOOLS_FLAGS = new Set(['--body-file']);

const program = createProgram(
  { cwd: ROOT, stdin: new PassThrough(), stdout: { write: () => true }, stderr: { write: () => true }, isColor: false },
  () => undefined,
);
const commands = program.commands.filter((c) => c.name() !== 'help');
const globalFlags = new Set([...longFlagsOf(program), '--help', '--version']);
const flagsByCommand = new Map(commands.map((c) => [c.name(), new Set([...longFlagsOf(c), ...globalFlags])]));
const everyFlag = new Set([...flagsByCommand.values()].flatMap((flags) => [...flags]));

function longFlagsOf(command: Command): string[] {
  return command.options.flatMap((o) => (o.long ? [o.long] : []));
}

function read(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** The anchors GitHub gives a page's headings (lower case, punctuation dropped, spaces as dashes), and its explicit ids. */
function anchorsOf(markdown: string): Set<string> {
  const headings = [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
  const ids = [...markdown.matchAll(/<a id="([^"]+)">/g)].map((m) => m[1]!);
  return new Set([...headings, ...ids]);
}

/** `--flag` tokens in a piece of text. */
function flagsIn(text: string): string[] {
  return [...text.matchAll(/(?<![\w-])--[a-z][a-z-]*[a-z]/g)].map((m) => m[0]);
}

/** Each `npx pm-rank <command> ...` (or one in inline code) on a line, up to where it ends: a comment, pipe, redirect or code span's end. */
function invocationsIn(line: string): { command: string; args: string }[] {
  return [...line.matchAll(/(?:npx |`)pm-rank ([a-z]+)((?:[^`|#>)&]|&(?!&))*)/g)].map((m) => ({ command: m[1]!, args: m[2]! }));
}

describe('docs', () => {
  it.each(commands.map((c) => c.name()))('%s has a page that names each of its flags, linked from the index', (name) => {
    const page = `docs/${name}.md`;
    expect(existsSync(join(ROOT, page)), page).toBe(true);
    const text = read(page);
    const missing = [...longFlagsOf(commands.find((c) => c.name() === name)!)].filter((flag) => !text.includes(flag));
    expect(missing, `flags of ${name} that ${page} never mentions`).toEqual([]);
    expect(read('docs/README.md')).toContain(`](${name}.md)`);
  });

  it.each(USER_DOCS)('%s runs only commands and flags the CLI has', (file) => {
    const problems: string[] = [];
    read(file)
      .split('\n')
      .forEach((line, i) => {
        for (const { command, args } of invocationsIn(line)) {
          const flags = flagsByCommand.get(command);
          if (!flags) problems.push(`${file}:${i + 1} pm-rank ${command}: no such command`);
          else for (const flag of flagsIn(args)) if (!flags.has(flag)) problems.push(`${file}:${i + 1} pm-rank ${command} has no ${flag}`);
        }
        for (const flag of flagsIn(line)) {
          if (!everyFlag.has(flag) && !OTHER_TOOLS_FLAGS.has(flag)) problems.push(`${file}:${i + 1} no command has ${flag}`);
        }
      });
    expect(problems).toEqual([]);
  });

  it.each(PATH_CHECKED)('%s names only files that exist', (file) => {
    const text = read(file);
    // Links in code spans are examples (`[link](…)`), not references.
    const links = [...text.replace(/`[^`\n]*`/g, '').matchAll(/\]\(([^)\s#]+)[^)]*\)|src="([^"]+)"/g)]
      .map((m) => (m[1] ?? m[2])!)
      .filter((target) => !/^[a-z]+:/.test(target))
      .map((target) => normalize(join(dirname(file), target)));
    // Source paths are written from the repository root; npm run bench generates bench/data/ and installs bench/peers/.
    const sourcePaths = [...text.matchAll(/(?<![\w./-])((?:src|test|bench|scripts|presets|schema)\/[\w./-]*[\w/])/g)]
      .map((m) => m[1]!)
      .filter((path) => !/^bench\/(data|peers)\//.test(path));
    const missing = [...links, ...sourcePaths].filter((path) => !existsSync(join(ROOT, path)));
    expect(missing).toEqual([]);
  });

  it.each(PATH_CHECKED)('%s links only to sections that exist', (file) => {
    const links = [
      ...read(file)
        .replace(/`[^`\n]*`/g, '')
        .matchAll(/\]\(([^)\s#]*)#([^)\s]+)\)/g),
    ].map((m) => ({
      page: m[1] ? normalize(join(dirname(file), m[1])) : file,
      anchor: m[2]!,
    }));
    const missing = links
      .filter(({ page }) => page.endsWith('.md') && existsSync(join(ROOT, page)))
      .filter(({ page, anchor }) => !anchorsOf(read(page)).has(anchor))
      .map(({ page, anchor }) => `${page}#${anchor}`);
    expect(missing).toEqual([]);
  });

  it('docs/issue-codes.md lists every issue code of the registry', () => {
    const page = read('docs/issue-codes.md');
    expect(ISSUE_CODES.length).toBeGreaterThan(70);
    expect(ISSUE_CODES.filter((code) => !page.includes(`\`${code}\``))).toEqual([]);
  });

  it('catches a flag the CLI lacks and a file that does not exist, so the checks above can fail', () => {
    const [invocation] = invocationsIn('npx pm-rank score export.csv --no-such-flag # a comment --wide');
    expect(invocation).toEqual({ command: 'score', args: ' export.csv --no-such-flag ' });
    expect(flagsIn(invocation!.args).filter((f) => !flagsByCommand.get('score')!.has(f))).toEqual(['--no-such-flag']);
    expect(flagsByCommand.get('score')!.has('--wide')).toBe(true);
    expect(flagsByCommand.get('check')!.has('--wide')).toBe(false);
    expect(existsSync(join(ROOT, 'src/core/model.ts'))).toBe(false);
    expect([...anchorsOf('## Frameworks: RICE, WSJF, ICE\n## Planning (`pm-rank plan`, issue #20)')]).toEqual([
      'frameworks-rice-wsjf-ice',
      'planning-pm-rank-plan-issue-20',
    ]);
  });
});
