import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { byName, gradeWith, usePool } from './helpers.ts';
import type { GradeResult } from '../src/index.ts';

const pool = usePool(1);
const fixture = (file: string) =>
  readFileSync(new URL(`./fixtures/matchers/${file}`, import.meta.url), 'utf8');

/** Expected fragments of the student-facing message of failing tests. */
const MESSAGES: Record<string, string[]> = {
  'toBe fail numbers': ['Attendu : 4\nReçu : 5'],
  'toBe fail zero sign': ['Attendu : -0\nReçu : 0'],
  'toBe fail same structure': ['même objet'],
  'toBe fail not': ['Attendu : pas 1\nReçu : 1'],
  'toBe fail strings': ['Attendu : "abd"\nReçu : "abc"'],
  'toEqual fail arrays': [
    'Attendu : [1, 2, 4]\nReçu : [1, 2, 3]',
    'Différence (- attendu, + reçu)',
    '-   4,',
    '+   3,',
  ],
  'toEqual fail nested object': ['-       3,', '+       2,'],
  'toEqual fail multiline string': ['- B', '+ b'],
  'toStrictEqual fail class vs literal': ['Point {"x": 1, "y": 2}'],
  'toThrow fail no throw': ['Attendu : une exception\nReçu : aucune exception'],
  'toThrow fail message': ['"bang"', '[CustomError: boom]'],
  'toThrow fail class': ['une instance de TypeError'],
  'toThrow fail not a function': ['doit être une fonction'],
  'numbers fail toBeCloseTo': ['Attendu : 0.3 (à 0.005 près)', 'Reçu : 0.31'],
  'numbers fail toBeGreaterThan': ['Attendu : > 2\nReçu : 1'],
  'numbers fail toBeLessThanOrEqual': ['Attendu : <= 2\nReçu : 3'],
  'types and values fail toBeInstanceOf': [
    'Attendu : une instance de Point',
    'Reçu : une instance de Object',
  ],
  'types and values fail toBeNull': ['Attendu : null\nReçu : 0'],
  'types and values fail toBeTruthy': ['truthy'],
  'strings and collections fail toContain': ['Attendu : une valeur contenant 4\nReçu : [1, 2, 3]'],
  'strings and collections fail toHaveLength': ['Longueur attendue : 3', 'Longueur reçue : 2'],
  'strings and collections fail toHaveProperty missing': ['pas de propriété « b »'],
  'strings and collections fail toMatchObject': ['-     "c": 3,', '+     "c": 2,'],
  'asymmetric fail arrayContaining': ['ArrayContaining [3]'],
  'asymmetric fail any': ['Any<Number>'],
  'promises and counting fail resolves': ['une promesse résolue', 'rejetée avec [Error: nope]'],
  'promises and counting fail assertions': ['Attendu : 3 assertions\nReçu : 1 assertion'],
  'promises and counting fail hasAssertions': ['au moins une assertion'],
  'promises and counting fail swallowed': ['Attendu : 2\nReçu : 1'],
};

describe('matchers', () => {
  let result: GradeResult;

  test('the matcher suite grades as a failing submission', async () => {
    result = await gradeWith(pool(), { solution: fixture('solution.js'), tests: fixture('tests.js') });
    expect(result.status).toBe('fail');
    expect(result.tests.length).toBeGreaterThan(80);
  });

  test('every "pass" case passes and every "fail" case fails', () => {
    const wrong = result.tests.filter((t) =>
      t.name.includes(' pass ') ? t.status !== 'pass' : t.status !== 'fail',
    );
    expect(wrong.map((t) => `${t.name}: ${t.status} ${t.message ?? ''}`)).toEqual([]);
  });

  test.each(Object.entries(MESSAGES))('message of %s', (name, fragments) => {
    const t = byName(result)[name];
    expect(t, name).toBeDefined();
    for (const fragment of fragments) expect(t!.message).toContain(fragment);
  });

  test('score is the share of passing tests', () => {
    const passed = result.tests.filter((t) => t.status === 'pass').length;
    expect(result.score).toBeCloseTo(passed / result.tests.length, 4);
  });

  test('messages can be in English', async () => {
    const r = await gradeWith(pool(), {
      solution: 'export const f = () => 5;',
      tests:
        "import { f } from './f';\ntest('x', () => expect(f()).toBe(4));\ntest('y', () => expect([1]).toEqual([2]));",
      locale: 'en',
    });
    expect(r.tests[0]!.message).toBe('Expected: 4\nReceived: 5');
    expect(r.tests[1]!.message).toContain('Difference (- expected, + received):');
  });
});
