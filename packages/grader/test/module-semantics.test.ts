// Test files are ES modules, as under Jest and Node: strict mode and an undefined top-level `this`,
// for JavaScript and TypeScript alike. Solutions keep Node's rule: ESM is strict, CommonJS is not.
import { describe, expect, test } from 'vitest';
import { byName, gradeWith, usePool } from './helpers.ts';

const pool = usePool(2);

const SOLUTION = `export class Account {
  get balance() { return 0; }
}
export const settings = Object.freeze({ level: 1 });
`;

const TESTS = `import { Account, settings } from './account';
const topLevelThis = this;
test('assigning a getter-only property throws', () => {
  const account = new Account();
  expect(() => { account.balance = 100; }).toThrow(TypeError);
});
test('assigning a frozen object throws', () => {
  expect(() => { settings.level = 2; }).toThrow(TypeError);
});
test('assigning an undeclared name throws', () => {
  expect(() => { undeclaredTotal = 1; }).toThrow(ReferenceError);
});
test('top-level this is undefined', () => {
  expect(topLevelThis).toBeUndefined();
});
`;

// The casts keep the TypeScript file type-correct; the grader strips types without checking them.
const TS_TESTS = TESTS.replace('account.balance = 100', '(account as any).balance = 100')
  .replace('settings.level = 2', '(settings as any).level = 2')
  .replace('undeclaredTotal = 1', '(undeclaredTotal as any) = 1')
  .replace('const topLevelThis = this;', 'const topLevelThis: unknown = this;');

const RULES = [
  'assigning a getter-only property throws',
  'assigning a frozen object throws',
  'assigning an undeclared name throws',
  'top-level this is undefined',
];

describe('test files run as ES modules', () => {
  test.each([
    ['javascript', TESTS],
    ['typescript', TS_TESTS],
  ] as const)('%s: every strict-mode rule holds in the test file', async (language, tests) => {
    const r = await gradeWith(pool(), { solution: SOLUTION, tests, language });
    const results = byName(r);
    for (const name of RULES) expect(results[name], name).toMatchObject({ status: 'pass' });
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test.each(['javascript', 'typescript'] as const)(
    '%s: a test file without any import is a module too',
    async (language) => {
      const r = await gradeWith(pool(), {
        solution: 'export const one = 1;',
        tests: `const self = this;
test('this', () => expect(self).toBeUndefined());
test('undeclared', () => expect(() => { missing = 1; }).toThrow(ReferenceError));`,
        language,
      });
      expect(r).toMatchObject({ status: 'pass', score: 1 });
    },
  );

  test('sloppy-only syntax in a test file is a syntax error at its own line', async () => {
    const r = await gradeWith(pool(), {
      solution: 'export const one = 1;',
      tests: "test('t', () => {\n  with (Math) { expect(PI).toBeGreaterThan(3); }\n});",
    });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^Erreur de syntaxe dans les tests, ligne 2, colonne 3 : With statements/);
  });

  test('an unclosed call is reported at the end of the file, as before', async () => {
    const r = await gradeWith(pool(), {
      solution: 'export const one = 1;',
      tests: "test('t', () => {\n  expect(1).toBe(1);\n",
    });
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^Erreur de syntaxe dans les tests, ligne 3, colonne 1 : /);
  });
});

describe('solutions keep their own semantics', () => {
  test('a CommonJS solution stays a sloppy script', async () => {
    const r = await gradeWith(pool(), {
      solution: `function mode() { return this === undefined ? 'strict' : 'sloppy'; }
module.exports = { mode, octal: 010 };`,
      tests: `import { mode, octal } from './legacy';
test('sloppy', () => expect(mode()).toBe('sloppy'));
test('octal', () => expect(octal).toBe(8));`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('an ES module solution is strict', async () => {
    const r = await gradeWith(pool(), {
      solution: `export function mode() { return this === undefined ? 'strict' : 'sloppy'; }`,
      tests: `import { mode } from './modern';
test('strict', () => expect(mode()).toBe('strict'));`,
    });
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });
});
