// Importing an exercise laid out as the public Exercism JavaScript and TypeScript tracks lay them out
// (MIT-licensed tracks): `.docs/instructions.md` (+ introduction.md, instructions.append.md, hints.md),
// `.meta/config.json` (files.solution, files.test, files.example or files.exemplar, blurb, authors), the
// stub `<slug>.js|ts`, the tests `<slug>.spec.js|ts` (or `.test.`), the example solution
// `.meta/proof.ci.*`, `.meta/example.*` or `.meta/exemplar.*`.
//
// Decisions (docs/content-format.md, "Import from Exercism"):
// - The test file is kept as written (imports of '@jest/globals' and of './slug', './slug.js' or
//   './slug.ts' included: the grader grades them unchanged); skip markers become graded tests (`xtest`,
//   `xit`, `test.skip`, `it.skip`, `xdescribe`, `describe.skip`), since Exercism skips all tests but the
//   first only so that a learner meets them one at a time.
// - Visible and hidden tests: every third test (the 3rd, 6th…) moves to the hidden file, the others stay
//   visible, so both cover the whole range of difficulty; a file of fewer than three tests stays visible.
// - Texts: Exercism's are English. English title (from the slug) and prompt are set; the French title and
//   prompt get the same English text for a translator, which `unmapped` says.
import { readdir, readFile, stat, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { ExerciseDefinition, ExerciseFile } from './schema.ts';
import { SLUG_PATTERN } from './schema.ts';

export interface ExercismImport {
  slug: string;
  /** The exercise's entry for module.json (files relative to the module folder). */
  exercise: ExerciseFile & { spec: Record<string, unknown> };
  /** The files to write, by path relative to the module folder. */
  files: Record<string, string>;
  /** The exercise as loaded (texts and code inlined): what the studio adds to a draft. */
  definition: ExerciseDefinition;
  /** What could not be mapped, one sentence each. */
  unmapped: string[];
}

/** Files of the tracks' tooling, present in every exercise folder and meaningless in a module. */
const TOOLING = new Set([
  'package.json',
  'babel.config.js',
  'babel.config.cjs',
  'jest.config.js',
  'jest.config.cjs',
  'tsconfig.json',
  '.eslintrc',
  '.eslintrc.js',
  '.eslintrc.cjs',
  '.eslintignore',
  'eslint.config.mjs',
  'eslint.config.js',
  '.npmrc',
  '.yarnrc.yml',
  '.gitignore',
  'LICENSE',
  '.tool-versions',
  'yarn.lock',
  'pnpm-lock.yaml',
  'package-lock.json',
]);

interface ExercismConfig {
  authors?: string[];
  contributors?: string[];
  files?: {
    solution?: string[];
    test?: string[];
    example?: string[];
    exemplar?: string[];
    editor?: string[];
  };
  blurb?: string;
  source?: string;
  source_url?: string;
}

/** "resistor-color" → "Resistor Color". */
function titleOf(slug: string): string {
  return slug
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

/** A Markdown file without its first-level title (the page shows the exercise's title). */
function withoutTitle(markdown: string): string {
  return markdown.replace(/^\uFEFF?\s*# [^\n]*\n+/, '').trim();
}

/** Same length, comments and string contents blanked (line breaks kept): code to search in. */
function blankStrings(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g,
    (m) => m.replace(/[^\n]/g, ' '),
  );
}

function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return code.length - 1;
}

/** The source spans of the test calls of a file (`test(…)`, `it.each(…)(…)`…), statement ends included. */
function testSpans(source: string): [number, number][] {
  const code = blankStrings(source);
  const spans: [number, number][] = [];
  const call = /(?<![\w$.])(?:x?test|x?it|fit)(?:\.(?:only|skip|failing|concurrent|each))*\s*\(/g;
  for (const m of code.matchAll(call)) {
    if (spans.some(([from, to]) => m.index > from && m.index < to)) continue;
    let end = closing(code, m.index + m[0].length - 1);
    const next = /^\s*\(/.exec(code.slice(end + 1));
    if (m[0].includes('.each') && next) end = closing(code, end + next[0].length);
    const tail = /^;?[ \t]*\r?\n?/.exec(source.slice(end + 1))!;
    // Start at the line's indentation, so that removing the span leaves no blank half-line.
    const lineStart = source.lastIndexOf('\n', m.index - 1) + 1;
    const start = /^[ \t]*$/.test(source.slice(lineStart, m.index)) ? lineStart : m.index;
    spans.push([start, end + 1 + tail[0].length]);
  }
  return spans;
}

/** The file without the given spans. */
function without(source: string, spans: [number, number][]): string {
  let out = '';
  let last = 0;
  for (const [from, to] of spans) {
    out += source.slice(last, from);
    last = to;
  }
  return (out + source.slice(last))
    .replace(/\n{3,}/g, '\n\n')
    .replace(/\{\n[ \t]*\n/g, '{\n') // no blank line after an opening brace…
    .replace(/\n[ \t]*\n([ \t]*\}\))/g, '\n$1'); // …nor before a closing `})`
}

/** Skip markers become graded tests: `xtest`/`test.skip` → `test`, `xit`/`it.skip` → `it`, same for describe. */
export function unskip(source: string): string {
  const code = blankStrings(source);
  const edits: [number, number, string][] = [];
  for (const m of code.matchAll(/(?<![\w$.])(x(test|it|describe)|(test|it|describe)\.skip)(?=\s*[(.])/g)) {
    edits.push([m.index, m.index + m[0].length, m[2] ?? m[3]!]);
  }
  let out = '';
  let last = 0;
  for (const [from, to, text] of edits) {
    out += source.slice(last, from) + text;
    last = to;
  }
  return out + source.slice(last);
}

/** Splits a test file: every third test hidden, the others visible (all visible below three tests). */
export function splitTests(source: string): { visible: string; hidden: string } {
  const spans = testSpans(source);
  if (spans.length < 3) return { visible: source, hidden: '' };
  const hiddenSpans = spans.filter((_, i) => i % 3 === 2);
  const visibleSpans = spans.filter((_, i) => i % 3 !== 2);
  return { visible: without(source, hiddenSpans), hidden: without(source, visibleSpans) };
}

/**
 * The tables of a tests.toml as Exercism writes them: `[uuid]` headers, then `key = "string"`,
 * `key = true|false` lines (enough for `description` and `include`; other values are kept as text).
 */
function parseToml(text: string): Record<string, Record<string, unknown>> {
  const tables: Record<string, Record<string, unknown>> = {};
  let current: Record<string, unknown> | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^\[\s*"?([^\]"]+)"?\s*\]$/.exec(line);
    if (header) {
      current = tables[header[1]!] = {};
      continue;
    }
    const pair = /^([A-Za-z0-9_-]+)\s*=\s*(.*)$/.exec(line);
    if (!pair || !current) continue;
    const value = pair[2]!.replace(/\s+#.*$/, '');
    if (value === 'true' || value === 'false') current[pair[1]!] = value === 'true';
    else if (/^"(?:\\.|[^"\\])*"$/.test(value)) current[pair[1]!] = JSON.parse(value) as string;
    else current[pair[1]!] = value;
  }
  return tables;
}

/** Test names a tests.toml excludes (`include = false`). */
function excludedTests(toml: string): string[] {
  const table = parseToml(toml);
  return Object.entries(table)
    .filter(([, v]) => v.include === false)
    .map(([uuid, v]) => (typeof v.description === 'string' ? `${v.description} (${uuid})` : uuid));
}

/** Reads an exercise folder's text files (tooling and node_modules left out), by relative path. */
async function readTree(dir: string, prefix = ''): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const e of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.name === 'node_modules' || e.name === '.git') continue;
    if (e.isDirectory()) Object.assign(files, await readTree(dir, rel));
    else if (e.isFile() && (await stat(path.join(dir, rel))).size <= 256 * 1024) {
      files[rel] = await readFile(path.join(dir, rel), 'utf8');
    }
  }
  return files;
}

/**
 * Maps an Exercism exercise (its files by relative path; the folder's name is the slug) to a module
 * exercise. Throws when the essentials are missing (instructions, stub, tests, example solution).
 */
export function importExercismFiles(slug: string, source: Record<string, string>): ExercismImport {
  if (!new RegExp(SLUG_PATTERN).test(slug)) throw new Error(`"${slug}" is not a valid exercise slug`);
  const unmapped: string[] = [];
  const used = new Set<string>();
  const take = (name: string | undefined) => {
    if (name === undefined || source[name] === undefined) return undefined;
    used.add(name);
    return source[name];
  };
  let config: ExercismConfig = {};
  const configText = take('.meta/config.json');
  if (configText) config = JSON.parse(configText) as ExercismConfig;
  else unmapped.push('.meta/config.json is missing: files found by their usual names');

  const pick = (listed: string[] | undefined, fallbacks: string[], what: string) => {
    const names = listed?.length ? listed : fallbacks.filter((f) => source[f] !== undefined).slice(0, 1);
    if (names.length > 1)
      unmapped.push(`${what}: only ${names[0]} is used, not ${names.slice(1).join(', ')}`);
    return names[0];
  };
  const ext = (name: string) => (name.endsWith('.ts') ? 'ts' : 'js');
  const stubName = pick(config.files?.solution, [`${slug}.ts`, `${slug}.js`], 'files.solution');
  const testName = pick(
    config.files?.test,
    [`${slug}.test.ts`, `${slug}.spec.ts`, `${slug}.test.js`, `${slug}.spec.js`],
    'files.test',
  );
  const exampleName = pick(
    config.files?.example ?? config.files?.exemplar,
    ['ts', 'js'].flatMap((x) => [`.meta/proof.ci.${x}`, `.meta/example.${x}`, `.meta/exemplar.${x}`]),
    'files.example',
  );
  const stub = take(stubName);
  const tests = take(testName);
  const example = take(exampleName);
  const instructions = take('.docs/instructions.md');
  const missing = [
    [stub, `the stub (${stubName ?? `${slug}.js`})`],
    [tests, `the tests (${testName ?? `${slug}.spec.js`})`],
    [example, 'the example solution (.meta/proof.ci.*, .meta/example.* or .meta/exemplar.*)'],
    [instructions, '.docs/instructions.md'],
  ].filter(([text]) => text === undefined);
  if (missing.length > 0) {
    throw new Error(`Cannot import ${slug}: missing ${missing.map(([, what]) => what).join(', ')}`);
  }
  const language = ext(testName!) === 'ts' ? ('typescript' as const) : ('javascript' as const);
  const x = language === 'typescript' ? 'ts' : 'js';

  // ---- Texts ----
  const introduction = take('.docs/introduction.md');
  const append = take('.docs/instructions.append.md');
  const credits = [
    `Adapted from the Exercism ${language === 'typescript' ? 'TypeScript' : 'JavaScript'} track (MIT licence), exercise \`${slug}\``,
    config.authors?.length ? `authors: ${config.authors.join(', ')}` : '',
    config.source ? `source: ${config.source}${config.source_url ? ` (${config.source_url})` : ''}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const prompt = [
    introduction && `## Introduction\n\n${withoutTitle(introduction)}`,
    withoutTitle(instructions!),
    append && withoutTitle(append),
    `_${credits}._`,
  ]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
  const hintsText = take('.docs/hints.md');
  const hints = hintsText
    ? withoutTitle(hintsText)
        .split(/^## .*$/m)
        .map((h) => h.trim())
        .filter(Boolean)
    : [];
  if (config.blurb)
    unmapped.push(`blurb "${config.blurb}": a module exercise has a title and a prompt, no blurb`);
  unmapped.push(
    'French: the title and prompt are the English text; translate title, prompt.md and the code comments',
  );

  // ---- Tests ----
  const graded = unskip(tests!);
  const { visible, hidden } = splitTests(graded);
  if (/\bjest\.mock\s*\(/.test(tests!))
    unmapped.push('jest.mock(…): the sandbox has no module mocks; rewrite these tests');
  if (/\btoMatch(?:Inline)?Snapshot\s*\(/.test(tests!))
    unmapped.push('snapshot assertions: no snapshot files in the sandbox; write the expected values');
  const toml = take('.meta/tests.toml');
  if (toml) {
    for (const test of excludedTests(toml)) {
      unmapped.push(`.meta/tests.toml excludes "${test}": the spec file decides which tests run, check it`);
    }
  }

  // ---- What is left ----
  for (const name of Object.keys(source).sort()) {
    if (used.has(name) || TOOLING.has(name)) continue;
    if (name.includes('__snapshots__/')) unmapped.push(`snapshot file ${name}: not used`);
    else unmapped.push(`file ${name}: not mapped`);
  }

  const dir = `exercises/${slug}`;
  const paths = {
    starterFile: `${dir}/${slug}.${x}`,
    solutionFile: `${dir}/solution/${slug}.${x}`,
    visibleTestsFile: `${dir}/${slug}.test.${x}`,
    hiddenTestsFile: `${dir}/${slug}.hidden.test.${x}`,
  };
  const title = titleOf(slug);
  const exercise = {
    slug,
    title,
    kind: 'code' as const,
    promptFile: `${dir}/prompt.md`,
    en: { title, promptFile: `${dir}/prompt.en.md` },
    ...(hints.length > 0 ? { hints } : {}),
    spec: { language, ...paths },
  };
  const files: Record<string, string> = {
    [exercise.promptFile]: prompt,
    [exercise.en.promptFile]: prompt,
    [paths.starterFile]: stub!,
    [paths.solutionFile]: example!,
    [paths.visibleTestsFile]: visible,
    [paths.hiddenTestsFile]: hidden,
  };
  const definition: ExerciseDefinition = {
    slug,
    title,
    kind: 'code',
    prompt,
    en: { title, prompt },
    hints,
    maxScore: 1,
    spec: {
      kind: 'code',
      language,
      starter: stub!,
      solution: example!,
      visibleTests: visible,
      hiddenTests: hidden,
    },
  };
  return { slug, exercise, files, definition, unmapped };
}

/** Maps an Exercism exercise folder (its name is the slug); see importExercismFiles. */
export async function importExercism(exerciseDir: string): Promise<ExercismImport> {
  return importExercismFiles(path.basename(path.resolve(exerciseDir)), await readTree(exerciseDir));
}

/**
 * Imports an Exercism exercise folder into a module folder: writes its files and appends it to the
 * module.json (other entries untouched). Refuses a slug the module already has, or files already there.
 */
export async function importIntoModule(
  exerciseDir: string,
  moduleDir: string,
  options: { lesson?: string } = {},
): Promise<{ slug: string; files: string[]; unmapped: string[] }> {
  const imported = await importExercism(exerciseDir);
  const jsonPath = path.join(moduleDir, 'module.json');
  const json = JSON.parse(await readFile(jsonPath, 'utf8')) as { exercises?: { slug?: string }[] };
  const exercises = Array.isArray(json.exercises) ? json.exercises : [];
  if (exercises.some((e) => e.slug === imported.slug)) {
    throw new Error(`The module already has an exercise "${imported.slug}": exercise slugs are never reused`);
  }
  for (const rel of Object.keys(imported.files)) {
    const exists = await stat(path.join(moduleDir, rel)).then(
      () => true,
      () => false,
    );
    if (exists) throw new Error(`${rel} already exists in ${moduleDir}`);
  }
  for (const [rel, content] of Object.entries(imported.files)) {
    await mkdir(path.dirname(path.join(moduleDir, rel)), { recursive: true });
    await writeFile(path.join(moduleDir, rel), content, 'utf8');
  }
  const { slug, title, kind, promptFile, en, hints, spec } = imported.exercise;
  const entry = {
    slug,
    title,
    ...(options.lesson ? { lesson: options.lesson } : {}),
    kind,
    promptFile,
    en,
    ...(hints ? { hints } : {}),
    spec,
  };
  json.exercises = [...exercises, entry];
  await writeFile(jsonPath, `${JSON.stringify(json, null, 2)}\n`, 'utf8');
  return { slug, files: [...Object.keys(imported.files), 'module.json'], unmapped: imported.unmapped };
}
