// Importing exercises laid out as the Exercism JavaScript and TypeScript tracks lay them out
// (test/fixtures/exercism/<track>/<slug>/, written for these tests in the tracks' MIT-licensed layout),
// then validating and grading them in the real sandbox.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadModule, validateModuleFolder } from '../src/index.ts';
import {
  importExercism,
  importExercismFiles,
  importIntoModule,
  splitTests,
  unskip,
} from '../src/import-exercism.ts';
import { countTests } from '../src/test-count.ts';

const EXERCISM = fileURLToPath(new URL('./fixtures/exercism/', import.meta.url));
const GRADE_TIMEOUT_MS = 60_000;
const EXERCISES = [
  'javascript/leap',
  'javascript/two-fer',
  'javascript/resistor-color',
  'typescript/leap',
  'typescript/two-fer',
];

let pool: GraderPool;
let root: string;
let counter = 0;
beforeAll(async () => {
  pool = createGraderPool({ size: 1 });
  root = await mkdtemp(path.join(tmpdir(), 'content-import-'));
});
afterAll(async () => {
  await pool.close();
  await rm(root, { recursive: true, force: true });
});

/** An empty but valid module folder to import into. */
async function emptyModule(): Promise<string> {
  const dir = path.join(root, `m${++counter}`);
  await mkdir(path.join(dir, 'lessons'), { recursive: true });
  await writeFile(path.join(dir, 'lessons/bases.md'), '# Les bases\n\nDes exercices venus d’Exercism.\n');
  await writeFile(
    path.join(dir, 'module.json'),
    JSON.stringify({
      slug: 'importes',
      discipline: 'programming',
      title: 'Exercices importés',
      summary: '',
      en: { title: 'Imported exercises', summary: '' },
      lessons: [{ slug: 'bases', title: 'Les bases', file: 'lessons/bases.md', en: { title: 'Basics' } }],
      exercises: [],
    }),
  );
  return dir;
}

describe('importExercism: mapping', () => {
  test('JavaScript leap: files, texts, credits, the excluded test of tests.toml, tooling left out', async () => {
    const imported = await importExercism(path.join(EXERCISM, 'javascript/leap'));
    expect(imported.exercise).toEqual({
      slug: 'leap',
      title: 'Leap',
      kind: 'code',
      promptFile: 'exercises/leap/prompt.md',
      en: { title: 'Leap', promptFile: 'exercises/leap/prompt.en.md' },
      spec: {
        language: 'javascript',
        starterFile: 'exercises/leap/leap.js',
        solutionFile: 'exercises/leap/solution/leap.js',
        visibleTestsFile: 'exercises/leap/leap.test.js',
        hiddenTestsFile: 'exercises/leap/leap.hidden.test.js',
      },
    });
    const prompt = imported.files['exercises/leap/prompt.en.md']!;
    expect(prompt).toMatch(/^## Introduction\n\nA leap year/);
    expect(prompt).toContain('Your task is to determine whether a given year is a leap year.');
    expect(prompt).not.toContain('# Instructions');
    expect(prompt).toContain(
      '_Adapted from the Exercism JavaScript track (MIT licence), exercise `leap`; authors: author-one; source: CodeRanch Cattle Drive, Assignment 3 (https://example.org/leap)._',
    );
    expect(imported.unmapped).toEqual([
      'blurb "Determine whether a given year is a leap year.": a module exercise has a title and a prompt, no blurb',
      'French: the title and prompt are the English text; translate title, prompt.md and the code comments',
      '.meta/tests.toml excludes "year divisible by 4 and 5 is still a leap year (7fc6aed7-e63c-48f5-ae05-5fe182f60a5e)": the spec file decides which tests run, check it',
    ]);
  });

  test('skip markers become graded tests; every third test is hidden, none is lost', async () => {
    const source = await readFile(path.join(EXERCISM, 'javascript/leap/leap.spec.js'), 'utf8');
    const imported = await importExercism(path.join(EXERCISM, 'javascript/leap'));
    const visible = imported.files['exercises/leap/leap.test.js']!;
    const hidden = imported.files['exercises/leap/leap.hidden.test.js']!;
    expect(visible).not.toMatch(/xtest|\.skip/);
    expect(hidden).not.toMatch(/xtest|\.skip/);
    expect(countTests(visible)).toBe(4);
    expect(countTests(hidden)).toBe(2);
    expect(hidden).toContain("test('year divisible by 4, not divisible by 100 in leap year'");
    expect(hidden).toContain("test('year divisible by 200, not divisible by 400 in common year'");
    expect(countTests(visible) + countTests(hidden)).toBe(source.match(/x?test\(/g)!.length);
    expect(visible.startsWith("import { isLeap } from './leap';\n")).toBe(true);
  });

  test('unskip rewrites xtest, xit, test.skip, it.skip, xdescribe and describe.skip, not strings', () => {
    expect(
      unskip(
        "xdescribe('a', () => { xit('x', f); it.skip('y', f); test.skip('xtest(', f); describe.skip('b', g); xtest.each([1])('c', f); });",
      ),
    ).toBe(
      "describe('a', () => { it('x', f); it('y', f); test('xtest(', f); describe('b', g); test.each([1])('c', f); });",
    );
  });

  test('a file of fewer than three tests stays visible', () => {
    const source = "test('a', () => {});\ntest('b', () => {});\n";
    expect(splitTests(source)).toEqual({ visible: source, hidden: '' });
  });

  test('hints.md gives one hint per section; instructions.append.md follows the instructions', async () => {
    const imported = await importExercism(path.join(EXERCISM, 'javascript/two-fer'));
    expect(imported.definition.hints).toEqual([
      "A parameter can have a default value: `(name = 'you') => …`.",
      'Build the sentence with a template literal: `` `One for ${name}, one for me.` ``.',
    ]);
    expect(imported.definition.prompt).toMatch(
      /If you don't know the person's name[\s\S]*The name is optional/,
    );
  });

  test('TypeScript: language and file names follow the track; the tests keep their @jest/globals import', async () => {
    const imported = await importExercism(path.join(EXERCISM, 'typescript/leap'));
    expect(imported.exercise.spec).toMatchObject({
      language: 'typescript',
      starterFile: 'exercises/leap/leap.ts',
      visibleTestsFile: 'exercises/leap/leap.test.ts',
    });
    const visible = imported.definition.spec.kind === 'code' ? imported.definition.spec.visibleTests : '';
    expect(visible).toMatch(
      /^import \{ describe, it, expect, xit \} from '@jest\/globals'\nimport isLeap from '.\/leap.ts'/,
    );
    expect(visible).not.toMatch(/\bxit\(/);
  });

  test('reports what it cannot map: extra files, jest.mock, snapshots', () => {
    const imported = importExercismFiles('mocked', {
      '.docs/instructions.md': '# Instructions\n\nDo it.\n',
      '.meta/proof.ci.js': 'export const f = () => 1;\n',
      'mocked.js': 'export const f = () => 0;\n',
      'mocked.spec.js':
        "import { f } from './mocked';\njest.mock('./helper');\ntest('one', () => expect(f()).toBe(1));\ntest('snap', () => expect(f()).toMatchSnapshot());\n",
      '__snapshots__/mocked.spec.js.snap': 'exports[`snap 1`] = `1`;\n',
      'helper.js': 'export const h = 1;\n',
      'package.json': '{}',
    });
    expect(imported.unmapped).toEqual([
      '.meta/config.json is missing: files found by their usual names',
      'French: the title and prompt are the English text; translate title, prompt.md and the code comments',
      'jest.mock(…): the sandbox has no module mocks; rewrite these tests',
      'snapshot assertions: no snapshot files in the sandbox; write the expected values',
      'snapshot file __snapshots__/mocked.spec.js.snap: not used',
      'file helper.js: not mapped',
    ]);
  });

  test('refuses a folder without tests or example solution, naming what is missing', () => {
    expect(() =>
      importExercismFiles('empty', { '.docs/instructions.md': '# Instructions\n', 'empty.js': '' }),
    ).toThrow(
      'Cannot import empty: missing the tests (empty.spec.js), the example solution (.meta/proof.ci.*, .meta/example.* or .meta/exemplar.*)',
    );
  });
});

describe('importExercism: into a module, validated and graded in the sandbox', () => {
  test(
    'every fixture of both tracks imports into a module that validates (reference passes, starter and empty solution fail)',
    async () => {
      const dir = await emptyModule();
      for (const exercise of EXERCISES) {
        const slug = path.basename(exercise);
        // Both tracks have a leap and a two-fer: import the TypeScript ones under another slug.
        const source = exercise.startsWith('typescript/')
          ? path.join(root, `${slug}-ts`)
          : path.join(EXERCISM, exercise);
        if (exercise.startsWith('typescript/'))
          await cp(path.join(EXERCISM, exercise), source, { recursive: true });
        const added = await importIntoModule(source, dir, { lesson: 'bases' });
        expect(added.files).toContain('module.json');
      }
      const result = await validateModuleFolder(dir, { lang: 'en', pool });
      expect(result.problems).toEqual([]);
      expect(result.graded).toBe(5);
      const mod = await loadModule(dir);
      expect(mod.exercises.map((e) => [e.slug, e.spec.kind === 'code' && e.spec.language])).toEqual([
        ['leap', 'javascript'],
        ['two-fer', 'javascript'],
        ['resistor-color', 'javascript'],
        ['leap-ts', 'typescript'],
        ['two-fer-ts', 'typescript'],
      ]);
      await expect(importIntoModule(path.join(EXERCISM, 'javascript/leap'), dir)).rejects.toThrow(
        'The module already has an exercise "leap": exercise slugs are never reused',
      );
    },
    GRADE_TIMEOUT_MS * 2,
  );

  test(
    'the grader grades the example solution against the unchanged spec file (./slug, ./slug.js, ./slug.ts; xtest and @jest/globals)',
    async () => {
      const cases: [string, string, string, 'javascript' | 'typescript'][] = [
        ['javascript/leap', 'leap.spec.js', '.meta/proof.ci.js', 'javascript'],
        ['javascript/resistor-color', 'resistor-color.spec.js', '.meta/proof.ci.js', 'javascript'],
        ['typescript/leap', 'leap.test.ts', '.meta/proof.ci.ts', 'typescript'],
        ['typescript/two-fer', 'two-fer.test.ts', '.meta/proof.ci.ts', 'typescript'],
      ];
      for (const [exercise, spec, example, language] of cases) {
        const tests = await readFile(path.join(EXERCISM, exercise, spec), 'utf8');
        const solution = await readFile(path.join(EXERCISM, exercise, example), 'utf8');
        // xtest and xit are graded as they are; test.skip and it.skip only once unskipped.
        const result = await pool.grade({ solution, tests: unskip(tests), language, locale: 'en' });
        expect(result.status, exercise).toBe('pass');
        expect(result.tests.length, exercise).toBe(countTests(unskip(tests)));
      }
    },
    GRADE_TIMEOUT_MS,
  );
});
