import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ContentError,
  DEMO_MODULES_DIR,
  exportModule,
  loadDemoModules,
  loadModule,
  validateModule,
} from '../src/index.ts';
import { sampleModule } from './sample-module.ts';

let root: string;
let counter = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'content-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A fresh folder under the test's temporary root. */
function folder(): string {
  counter += 1;
  return path.join(root, `m${counter}`);
}

/** Writes a module folder from a module.json object and extra files. */
async function writeModule(json: unknown, files: Record<string, string> = {}): Promise<string> {
  const dir = folder();
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'module.json'), typeof json === 'string' ? json : JSON.stringify(json));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

/** The problems a load throws, as `path: message` lines. */
async function loadProblems(dir: string): Promise<string[]> {
  const error = await loadModule(dir).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentError);
  return (error as ContentError).problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
}

const minimal = () => ({
  slug: 'mini',
  discipline: 'ai',
  title: 'Mini',
  summary: '',
  en: { title: 'Mini (en)', summary: '' },
  lessons: [{ slug: 'intro', title: 'Intro', file: 'lessons/intro.md', en: { title: 'Intro (en)' } }],
  exercises: [
    {
      slug: 'q1',
      title: 'Q1',
      en: { title: 'Q1 (en)' },
      lesson: 'intro',
      kind: 'choice',
      prompt: 'Pick one.',
      spec: {
        multiple: false,
        options: [
          { id: 'a', text: 'A', correct: true },
          { id: 'b', text: 'B', correct: false },
        ],
      },
    },
  ],
});

describe('loadModule', () => {
  test('inlines lesson and prompt files and applies maxScore 1 by default', async () => {
    const json = minimal();
    const ex = json.exercises[0]! as Record<string, unknown>;
    delete ex.prompt;
    ex.promptFile = 'q1.md';
    const dir = await writeModule(json, { 'lessons/intro.md': '# Intro\n', 'q1.md': 'Choose **one**.\n' });
    const mod = await loadModule(dir);
    expect(mod.lessons).toEqual([
      { slug: 'intro', title: 'Intro', body: '# Intro\n', en: { title: 'Intro (en)' } },
    ]);
    expect(mod.exercises[0]).toMatchObject({
      prompt: 'Choose **one**.\n',
      maxScore: 1,
      spec: { kind: 'choice' },
    });
  });

  test('lists every problem at once, with module.json paths', async () => {
    const json = minimal();
    json.exercises[0]!.spec.options[0]!.correct = false;
    json.lessons.push({ slug: 'intro', title: 'Again', file: 'lessons/missing.md', en: { title: 'Again' } });
    const dir = await writeModule(json, { 'lessons/intro.md': '# Intro\n' });
    const problems = await loadProblems(dir);
    expect(problems).toEqual([
      'lessons[1].file: file not found: lessons/missing.md',
      'lessons[1].slug: duplicate lesson slug "intro"',
      'exercises[0].spec.options: at least one correct option',
    ]);
  });

  test('the error message lists the problems, one per line', async () => {
    const json = minimal();
    json.exercises[0]!.spec.options[0]!.correct = false;
    const dir = await writeModule(json, { 'lessons/intro.md': '' });
    await expect(loadModule(dir)).rejects.toThrow(
      /\n- module\.json:\d+ exercises\[0\]\.spec\.options: at least one correct option/,
    );
  });

  test('structural problems of module.json name the key, inside specs too', async () => {
    const json = minimal() as Record<string, unknown>;
    const ex = (json.exercises as Record<string, unknown>[])[0]!;
    ex.promtFile = 'typo.md';
    (ex.spec as { options: Record<string, unknown>[] }).options[1]!.correct = 'no';
    const problems = await loadProblems(await writeModule(json));
    expect(problems).toEqual([
      'exercises[0].promtFile: unknown key',
      'exercises[0].spec.options[1].correct: must be boolean',
    ]);
  });

  test('refuses paths that leave the module folder', async () => {
    const json = minimal();
    json.lessons[0]!.file = '../outside.md';
    const problems = await loadProblems(await writeModule(json));
    expect(problems).toEqual([
      'lessons[0].file: "../outside.md" must be a relative path inside the module folder',
    ]);
  });

  test('prompt and promptFile: exactly one of them', async () => {
    const json = minimal();
    const ex = json.exercises[0]! as Record<string, unknown>;
    ex.promptFile = 'q1.md';
    const both = await loadProblems(await writeModule(json, { 'lessons/intro.md': '', 'q1.md': 'x' }));
    expect(both).toEqual(['exercises[0].promptFile: give prompt or promptFile, not both']);
    delete ex.prompt;
    delete ex.promptFile;
    const none = await loadProblems(await writeModule(json, { 'lessons/intro.md': '' }));
    expect(none).toEqual(['exercises[0].prompt: give prompt or promptFile']);
  });

  test('reports a folder without module.json and invalid JSON', async () => {
    const empty = folder();
    await mkdir(empty);
    expect(await loadProblems(empty)).toEqual(['no module.json in this folder']);
    const broken = await loadProblems(await writeModule('{ "slug": '));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/^module\.json is not valid JSON: /);
  });
});

describe('exportModule', () => {
  test('load → export → load gives an equal definition, for every demo module', async () => {
    const modules = await loadDemoModules();
    expect(modules.map((m) => m.slug)).toEqual([
      'programmation-js',
      'ia-fondamentaux',
      'anglais-technique',
      'formation-tuteurs',
    ]);
    for (const mod of modules) {
      const dir = folder();
      await exportModule(mod, dir);
      expect(await loadModule(dir)).toEqual(mod);
    }
  });

  test('round trip of a module of every kind, with long prompts in files and code named after its import', async () => {
    const mod = sampleModule();
    const dir = folder();
    const files = await exportModule(mod, dir);
    expect(files).toEqual(
      expect.arrayContaining([
        'lessons/first.md',
        'exercises/cloze/prompt.md',
        'exercises/code/double.js',
        'exercises/code/solution/double.js',
        'exercises/code/double.test.js',
        'exercises/code/double.hidden.test.js',
        'module.json',
      ]),
    );
    const json = JSON.parse(await readFile(path.join(dir, 'module.json'), 'utf8')) as {
      exercises: Record<string, unknown>[];
    };
    expect(json.exercises[1]).toMatchObject({ prompt: 'Do choice.', spec: { multiple: false } });
    expect(json.exercises[1]!.spec).not.toHaveProperty('kind');
    expect(json.exercises[1]).not.toHaveProperty('maxScore');
    expect(await loadModule(dir)).toEqual(mod);
  });

  test('refuses an invalid definition and writes nothing', async () => {
    const mod = sampleModule();
    mod.exercises[0]!.lesson = 'nowhere';
    const dir = folder();
    await expect(exportModule(mod, dir)).rejects.toBeInstanceOf(ContentError);
    await expect(readFile(path.join(dir, 'module.json'))).rejects.toThrow(/ENOENT/);
  });
});

describe('demo modules', () => {
  test('are valid and live in DEMO_MODULES_DIR', async () => {
    const modules = await loadDemoModules();
    for (const mod of modules) {
      expect(validateModule(mod)).toEqual([]);
      expect(await loadModule(path.join(DEMO_MODULES_DIR, mod.slug))).toEqual(mod);
    }
  });

  test('the English module has every English exercise kind, both choice modes and both ordering units', async () => {
    const english = (await loadDemoModules()).find((m) => m.discipline === 'english')!;
    const kinds = new Set(english.exercises.map((e) => e.kind));
    expect([...kinds].sort()).toEqual([
      'choice',
      'cloze',
      'dictation',
      'matching',
      'ordering',
      'vocabulary',
      'writing',
    ]);
    const specs = english.exercises.map((e) => e.spec);
    expect([...new Set(specs.filter((s) => s.kind === 'choice').map((s) => s.multiple))].sort()).toEqual([
      false,
      true,
    ]);
    expect([...new Set(specs.filter((s) => s.kind === 'ordering').map((s) => s.unit))].sort()).toEqual([
      'sentence',
      'word',
    ]);
    const cards = specs.find((s) => s.kind === 'vocabulary');
    expect(cards?.kind === 'vocabulary' && cards.cards.length).toBeGreaterThanOrEqual(8);
  });

  test('lessons hold a code block and a table, and no remote URL', async () => {
    for (const mod of await loadDemoModules()) {
      for (const lesson of mod.lessons) {
        expect(lesson.body, `${mod.slug}/${lesson.slug}`).toMatch(/^```/m);
        expect(lesson.body, `${mod.slug}/${lesson.slug}`).toMatch(/^\|.*\|$/m);
        expect(lesson.body, `${mod.slug}/${lesson.slug}`).not.toMatch(/https?:\/\//);
      }
    }
  });
});
