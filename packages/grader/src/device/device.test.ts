// The device's path (the browser's offline Run) against the server's: the same verdicts before any code
// runs, and the same results through the harness, here in a `vm` context standing for the Web Worker.
import { describe, expect, test } from 'vitest';
import { usePool } from '../../test/helpers.ts';
import { DEFAULT_LIMITS, resolveLimits } from '../limits.ts';
import { HOST_TEMPLATE, hostText } from '../messages.ts';
import { renderResult } from '../render.ts';
import { prepareSolution, prepareTests } from '../sandbox/prepare.ts';
import { runnable } from '../sandbox/wrap.ts';
import type { GradeResult, Language } from '../types.ts';
import { prepareSolutionOnDevice, prepareTestsOnDevice } from './prepare.ts';
import { runOnDevice } from './run.ts';
import { vmSandbox } from './test-support.ts';

const fr = hostText('fr');
const TESTS = "import { add } from './add';\ntest('adds', () => { expect(add(1, 2)).toBe(3); });\n";

const cases: [string, Language, string, string][] = [
  ['a passing solution', 'javascript', 'export const add = (a, b) => a + b;', TESTS],
  ['CommonJS', 'javascript', 'module.exports = { add: (a, b) => a + b };', TESTS],
  ['a syntax error', 'javascript', 'export const add = (a, b) => a +;\n', TESTS],
  ['a forbidden import', 'javascript', "import fs from 'fs';\nexport const add = () => 0;", TESTS],
  ['a re-export', 'javascript', "export * from './other';", TESTS],
  ['a missing export', 'javascript', 'export const sum = (a, b) => a + b;', TESTS],
  [
    'a missing default export',
    'javascript',
    'export const f = 1;',
    "import f from './f';\ntest('t', () => {});",
  ],
  ['a forbidden import in the tests', 'javascript', 'export const add = 1;', `import 'lodash';\n${TESTS}`],
  ['a syntax error in the tests', 'javascript', 'export const add = 1;', "test('t', () => {\n"],
  ['a strict-mode error in the tests', 'javascript', 'export const add = 1;', 'with (a) {}'],
  ['TypeScript', 'typescript', 'export const add = (a: number, b: number): number => a + b;', TESTS],
  ['a TypeScript enum', 'typescript', 'export enum E { A }\nexport const add = () => E.A;', TESTS],
  ['an unused TypeScript import', 'typescript', "import { X } from 'y';\nexport const add = 1;", TESTS],
  ['a type-only import', 'typescript', "import type { X } from 'y';\nexport const add = 1;", TESTS],
  ['a TypeScript syntax error', 'typescript', 'export const add = (a: number =>\n', TESTS],
];

/** The verdict before running: runnable, or the message with the fault's line (columns and words may differ). */
function verdict(result: ReturnType<typeof runnable>): string {
  if (result.ok) return 'runnable';
  return /^Erreur de syntaxe/.test(result.message)
    ? (/^Erreur de syntaxe (?:dans les tests, )?ligne \d+/.exec(result.message)?.[0] ?? '')
    : result.message;
}

describe('the device prepares a submission as the server does', () => {
  test.each(cases)('%s', (_name, language, solution, tests) => {
    const server = runnable(prepareSolution(solution, language, fr), prepareTests(tests, language, fr), fr);
    const device = runnable(
      prepareSolutionOnDevice(solution, language, fr),
      prepareTestsOnDevice(tests, language, fr),
      fr,
    );
    expect(verdict(device)).toBe(verdict(server));
  });

  test('JavaScript syntax errors read the same (both from acorn)', () => {
    const source = 'export const add = (a, b) => a +;\n';
    expect(prepareSolutionOnDevice(source, 'javascript', fr)).toEqual(
      prepareSolution(source, 'javascript', fr),
    );
  });
});

const getPool = usePool(1);

/** A result without its timings, in French. */
function shown(result: GradeResult) {
  const r = renderResult(result, 'fr');
  return { ...r, tests: r.tests.map(({ durationMs: _d, cpuMs: _c, ...rest }) => rest) };
}

async function both(solution: string, tests: string, language: Language = 'javascript') {
  const limits = resolveLimits({ cpuMsPerTest: 300, cpuMs: 2000 });
  const server = await getPool().grade({ solution, tests, language, limits, neutral: true });
  const device = await runOnDevice({ solution, tests, language, limits }, vmSandbox());
  return { server: shown(server), device: shown(device) };
}

describe('the device runs the tests as the server does', () => {
  test('passing and failing tests, console output, errors with their line, async tests and timers', async () => {
    const solution = [
      'export const add = (a, b) => a + b;',
      'export const boom = () => {',
      "  throw new TypeError('no');",
      '};',
      'export const later = (v) => new Promise((ok) => setTimeout(() => ok(v), 100));',
    ].join('\n');
    const tests = [
      "import { add, boom, later } from './s';",
      "test('adds', () => { console.log('x'.repeat(900)); expect(add(1, 2)).toBe(3); });",
      "test('fails', () => { expect(add(1, 1)).toEqual({ a: 1 }); });",
      "test('throws', () => { boom(); });",
      "test('waits', async () => { await expect(later(2)).resolves.toBe(2); });",
      "test.skip('skipped', () => {});",
      "test.todo('later');",
    ].join('\n');
    const { server, device } = await both(solution, tests);
    expect(server.status).toBe('fail');
    expect(device).toEqual(server);
  });

  test('TypeScript, on both sides', async () => {
    const { server, device } = await both(
      'export class Stack<T> { private items: T[] = []; push(x: T): void { this.items.push(x); } get size(): number { return this.items.length; } }',
      "import { Stack } from './stack';\ntest('size', () => { const s = new Stack<number>(); s.push(1); expect(s.size).toBe(1); });",
      'typescript',
    );
    expect(device).toEqual(server);
  });

  test('a test that loops is stopped with the server’s words; the run ends there', async () => {
    const solution = 'export const spin = () => { for (;;) {} };';
    const tests =
      "import { spin } from './s';\ntest('first', () => {});\ntest('loops', () => spin());\ntest('after', () => {});";
    const { server, device } = await both(solution, tests);
    const message =
      'Temps limite dépassé : ce test a utilisé plus de 300 ms de calcul (boucle infinie ?). (test « loops »)';
    expect(server.message).toBe(message);
    expect(device.message).toBe(message);
    expect(device.tests.slice(0, 2)).toEqual(server.tests.slice(0, 2));
    expect(device.tests[2]).toMatchObject({ name: 'after', status: 'error', message: fr.notRun });
  });

  test('the total time is bounded too', async () => {
    const result = await runOnDevice(
      {
        solution: 'export const spin = () => { const end = Date.now() + 150; while (Date.now() < end) {} };',
        tests: "import { spin } from './s';\nfor (let i = 0; i < 10; i++) test('t' + i, () => spin());",
        language: 'javascript',
        limits: { ...DEFAULT_LIMITS, cpuMs: 400 },
      },
      vmSandbox(),
    );
    expect(renderResult(result, 'fr').message).toMatch(
      /^Temps limite dépassé : la soumission a utilisé plus de 400 ms/,
    );
    expect(result.message).toContain(HOST_TEMPLATE.cpuTotal(400));
  });
});
