import { describe, expect, test } from 'vitest';
import { byName, gradeWith, usePool } from './helpers.ts';

const pool = usePool(2);
const grade = (
  solution: string,
  tests: string,
  extra: Parameters<typeof gradeWith>[1] extends infer S ? Partial<S> : never = {},
) => gradeWith(pool(), { solution, tests, ...extra });

describe('test structure', () => {
  test('full names include the describe path, in file order', async () => {
    const r = await grade(
      'export const id = (x) => x;',
      `import { id } from './id';
test('first', () => expect(id(1)).toBe(1));
describe('outer', () => {
  test('a', () => expect(id(2)).toBe(2));
  describe('inner', () => {
    it('b', () => expect(id(3)).toBe(3));
  });
  test('c', () => expect(id(4)).toBe(4));
});
test('last', () => expect(id(5)).toBe(5));`,
    );
    expect(r.tests.map((t) => t.name)).toEqual(['first', 'outer a', 'outer inner b', 'outer c', 'last']);
    expect(r).toMatchObject({ status: 'pass', score: 1 });
  });

  test('hooks run in Jest order', async () => {
    const r = await grade(
      'export const log = [];',
      `import { log } from './log';
beforeAll(() => log.push('beforeAll'));
afterAll(() => log.push('afterAll'));
beforeEach(() => log.push('beforeEach'));
afterEach(() => log.push('afterEach'));
describe('d', () => {
  beforeAll(() => log.push('d.beforeAll'));
  beforeEach(() => log.push('d.beforeEach'));
  afterEach(() => log.push('d.afterEach'));
  afterAll(() => log.push('d.afterAll'));
  test('one', () => log.push('one'));
});
test('check', () => {
  expect(log).toEqual(['beforeAll', 'd.beforeAll', 'beforeEach', 'd.beforeEach', 'one', 'd.afterEach', 'afterEach', 'd.afterAll', 'beforeEach']);
});`,
    );
    expect(r.status).toBe('pass');
  });

  test('test.each and describe.each name and run every row', async () => {
    const r = await grade(
      'export const add = (a, b) => a + b;',
      `import { add } from './add';
test.each([[1, 1, 2], [2, 2, 4]])('add(%i, %i) = %i', (a, b, sum) => expect(add(a, b)).toBe(sum));
test.each([{ a: 1, b: 2, sum: 3 }])('$a + $b = $sum', ({ a, b, sum }) => expect(add(a, b)).toBe(sum));
test.each\`
  a    | b    | sum
  \${1} | \${1} | \${2}
  \${3} | \${4} | \${7}
\`('template $a + $b', ({ a, b, sum }) => expect(add(a, b)).toBe(sum));
describe.each([['x', 'y']])('strings %s %s', (a, b) => {
  test('concat', () => expect(add(a, b)).toBe('xy'));
});
it.each(['solo'])('single %s #%#', (v) => expect(v).toBe('solo'));`,
    );
    expect(r.tests.map((t) => t.name)).toEqual([
      'add(1, 1) = 2',
      'add(2, 2) = 4',
      '1 + 2 = 3',
      'template 1 + 1',
      'template 3 + 4',
      'strings x y concat',
      'single solo #0',
    ]);
    expect(r.status).toBe('pass');
  });

  test('a failing beforeAll fails the tests of its block with the hook error', async () => {
    const r = await grade(
      'export const boom = () => { throw new Error("setup failed"); };',
      `import { boom } from './boom';
describe('broken', () => {
  beforeAll(() => boom());
  test('a', () => expect(1).toBe(1));
});
test('other', () => expect(1).toBe(1));`,
    );
    expect(byName(r)['broken a']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('beforeAll'),
    });
    expect(byName(r)['other']!.status).toBe('pass');
  });
});

describe('async', () => {
  test('async tests, timers on a virtual clock, done callbacks', async () => {
    const started = Date.now();
    const r = await grade(
      `export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export async function slowDouble(x) { await sleep(3000); return 2 * x; }`,
      `import { sleep, slowDouble } from './sleep';
test('await', async () => expect(await slowDouble(2)).toBe(4));
test('clock moves', async () => {
  const t = Date.now();
  await sleep(4000);
  expect(Date.now() - t).toBeGreaterThanOrEqual(4000);
});
test('interval', async () => {
  let n = 0;
  const id = setInterval(() => n++, 100);
  await sleep(1050);
  clearInterval(id);
  expect(n).toBe(10);
});
test('done', (done) => { setTimeout(() => { expect(1).toBe(1); done(); }, 10); });
test('order', async () => {
  const seen = [];
  setTimeout(() => seen.push('timeout'), 0);
  queueMicrotask(() => seen.push('micro'));
  Promise.resolve().then(() => seen.push('then'));
  await sleep(5);
  expect(seen).toEqual(['micro', 'then', 'timeout']);
});
test('never', () => new Promise(() => {}));
test('too slow', () => sleep(60000));
test('done never called', (done) => {});
test('custom timeout', () => sleep(200), 100);`,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    const t = byName(r);
    for (const name of ['await', 'clock moves', 'interval', 'done', 'order'])
      expect(t[name]!.status, name).toBe('pass');
    expect(t['never']!.message).toContain("ne s'est jamais terminé");
    expect(t['too slow']!.message).toContain('5000 ms');
    expect(t['done never called']!.status).toBe('fail');
    expect(t['custom timeout']!.message).toContain('100 ms');
  });

  test('a promise rejected with no handler is not an internal error: each test is graded on its own', async () => {
    const r = await grade(
      `export function loaded() { return 'ok'; }
Promise.reject(new Error('at load'));
export async function fails() { throw new Error('nobody awaits me'); }
export function later() {
  fails();
  Promise.reject(new Error('again'));
  return new Promise((resolve) => setTimeout(() => resolve(1), 10));
}
export function wrong(p) { return new Promise((resolve) => { p.then(resolve); }); }`,
      `import { later, loaded, wrong } from './rejects';
test('sync after a rejection at load', () => expect(loaded()).toBe('ok'));
test('async with rejections on the way', async () => expect(await later()).toBe(1));
test('a rejection the solution does not pass on', async () => {
  await expect(wrong(Promise.reject(new Error('late')))).rejects.toThrow('late');
}, 200);
test('still running', () => expect(1 + 1).toBe(2));`,
    );
    const t = byName(r);
    expect(t['sync after a rejection at load']!.status).toBe('pass');
    expect(t['async with rejections on the way']!.status).toBe('pass');
    expect(t['a rejection the solution does not pass on']!.status).toBe('fail');
    expect(t['a rejection the solution does not pass on']!.message).toContain('jamais terminé');
    expect(t['still running']!.status).toBe('pass');
    expect(JSON.stringify(r)).not.toContain('erreur interne');
  });
});

describe('modules', () => {
  test('any relative path resolves to the solution; @jest/globals and require work', async () => {
    const r = await grade(
      'export default function hello() { return "hi"; }\nexport const name = "n";',
      `import { describe, test, expect } from '@jest/globals';
import hello from './hello';
import { name } from './hello.js';
import * as all from '../src/hello';
const viaRequire = require('./hello');
describe('imports', () => {
  test('default', () => expect(hello()).toBe('hi'));
  test('named', () => expect(name).toBe('n'));
  test('namespace', () => expect(all.name).toBe('n'));
  test('require', () => expect(viaRequire.name).toBe('n'));
});`,
    );
    expect(r.status).toBe('pass');
  });

  test('CommonJS solutions and tests', async () => {
    const r = await grade(
      'function twice(x) { return 2 * x; }\nmodule.exports = { twice };',
      "const { twice } = require('./twice');\ntest('twice', () => expect(twice(2)).toBe(4));",
    );
    expect(r.status).toBe('pass');
  });

  test('a missing export is a clear error', async () => {
    const r = await grade(
      'export const isLeap = () => true;',
      "import { isLeep } from './leap';\ntest('x', () => {});",
    );
    expect(r).toMatchObject({
      status: 'error',
      score: 0,
      message: "Export manquant : la solution n'exporte pas « isLeep ».",
    });
  });

  test.each([
    ["import fs from 'fs';\nexport const f = 1;", "import { f } from './f';\ntest('x', () => {});"],
    [
      'export const f = 1;',
      "import { readFileSync } from 'node:fs';\nimport { f } from './f';\ntest('x', () => {});",
    ],
    ['export const f = 1;', "import _ from 'lodash';\ntest('x', () => {});"],
  ])('imports of anything else are refused (%#)', async (solution, tests) => {
    const r = await grade(solution, tests);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^Import de « (fs|node:fs|lodash) » impossible/);
  });

  test('require and dynamic import of node modules fail inside the test', async () => {
    // The harness's own error messages are locale-neutral keys inside the sandbox (rendered when shown).
    const r = await grade(
      "export const load = () => import('fs');\nexport const req = () => require('fs');",
      `import { load, req } from './m';
test('dynamic', async () => { await expect(load()).rejects.toThrow('fs'); });
test('require', () => expect(req).toThrow('require is not defined'));
test('in tests', () => expect(() => require('child_process')).toThrow('child_process'));
test('shown', () => require('child_process'));`,
    );
    expect(r.tests.map((x) => x.status)).toEqual(['pass', 'pass', 'pass', 'fail']);
    expect(r.tests[3]!.message).toBe(
      'Erreur : Error: Import de « child_process » impossible : seule la solution peut être importée.',
    );
  });
});

describe('errors and statuses', () => {
  test('syntax errors give line and column', async () => {
    const r = await grade(
      'export function f() {\n  return 1 +;\n}',
      "import { f } from './f';\ntest('x', () => {});",
    );
    expect(r).toMatchObject({
      status: 'error',
      message: 'Erreur de syntaxe ligne 2, colonne 13 : Unexpected token',
    });
    const t = await grade(
      'export const f = 1;',
      "import { f } from './f';\ntest('x', () => {\n  expect(f).toBe(;\n});",
    );
    expect(t.message).toMatch(/^Erreur de syntaxe dans les tests, ligne 3, colonne 18 : /);
  });

  test('a throwing solution, no test, a throwing describe are errors; failing tests are not', async () => {
    const load = await grade(
      'const x = y + 1;\nexport const f = 1;',
      "import { f } from './f';\ntest('x', () => {});",
    );
    expect(load.status).toBe('error');
    expect(load.message).toContain('ReferenceError: y is not defined (solution, ligne 1)');
    const none = await grade('export const f = 1;', "import { f } from './f';");
    expect(none).toMatchObject({
      status: 'error',
      message: "Aucun test n'a été trouvé dans le fichier de tests.",
    });
    const desc = await grade(
      'export const f = () => { throw new Error("no"); };',
      "import { f } from './f';\ndescribe('d', () => { f(); test('x', () => {}); });",
    );
    expect(desc.status).toBe('error');
    const failing = await grade(
      'export const f = () => { throw new TypeError("bad"); };',
      "import { f } from './f';\ntest('x', () => f());\ntest('y', () => {});",
    );
    expect(failing).toMatchObject({ status: 'fail', score: 0.5 });
    expect(failing.tests[0]!.message).toBe('Erreur : TypeError: bad (solution, ligne 1)');
  });

  test('points give the score', async () => {
    const r = await grade(
      'export const f = () => 1;',
      "import { f } from './f';\ndescribe('d', () => {\n  test('a', () => expect(f()).toBe(1));\n  test('b', () => expect(f()).toBe(2));\n});",
      { points: { 'd a': 3, 'd b': 2 } },
    );
    expect(r).toMatchObject({ status: 'fail', score: 3 });
  });

  test('console output is captured per test and capped', async () => {
    const r = await grade(
      'export const f = (x) => { console.log("computing", x, { x }); return x; };',
      `import { f } from './f';
test('one', () => expect(f(1)).toBe(1));
test('quiet', () => expect(1).toBe(1));
test('flood', () => { for (let i = 0; i < 10000; i++) console.log('line', i); });`,
      { limits: { outputChars: 200 } },
    );
    const t = byName(r);
    expect(t['one']!.output).toBe('computing 1 {"x": 1}\n');
    expect(t['quiet']!.output).toBeUndefined();
    expect(t['flood']!.output!.length).toBeLessThan(260);
    expect(t['flood']!.output).toContain('[sortie tronquée]');
  });
});

describe('TypeScript', () => {
  test('types are stripped, enums work, errors have positions', async () => {
    const ok = await grade(
      'export enum Color { Red, Green }\nexport interface P { x: number }\nexport const norm = (p: P): number => Math.abs(p.x);',
      "import { Color, norm, type P } from './color';\nconst p: P = { x: -2 };\ntest('enum', () => expect(Color.Green).toBe(1));\ntest('norm', () => expect(norm(p)).toBe(2));",
      { language: 'typescript' },
    );
    expect(ok.status).toBe('pass');
    const bad = await grade(
      'export const f = (x: number): number => {\n  return x +;\n};',
      "import { f } from './f';\ntest('x', () => {});",
      {
        language: 'typescript',
      },
    );
    expect(bad.status).toBe('error');
    expect(bad.message).toMatch(/^Erreur de syntaxe ligne 2, colonne \d+ : /);
  });
});

describe('mocks', () => {
  test('jest.fn and jest.spyOn with the call matchers', async () => {
    const r = await grade(
      'export const each = (xs, cb) => xs.forEach((x) => cb(x * 2));\nexport const api = { get: (id) => `real ${id}` };\nexport const load = (id) => api.get(id);',
      `import { jest } from '@jest/globals';
import { each, api, load } from './m';
test('fn', () => {
  const cb = jest.fn();
  each([1, 2], cb);
  expect(cb).toHaveBeenCalled();
  expect(cb).toHaveBeenCalledTimes(2);
  expect(cb).toHaveBeenCalledWith(4);
  expect(cb).toHaveBeenLastCalledWith(4);
  expect(cb.mock.calls).toEqual([[2], [4]]);
});
test('implementations', () => {
  const f = jest.fn((x) => x + 1).mockReturnValueOnce(10);
  expect([f(1), f(1)]).toEqual([10, 2]);
  expect(f).toHaveReturnedWith(2);
});
test('spyOn', () => {
  const spy = jest.spyOn(api, 'get').mockImplementation(() => 'fake');
  expect(load(3)).toBe('fake');
  expect(spy).toHaveBeenCalledWith(3);
  spy.mockRestore();
  expect(load(3)).toBe('real 3');
});
test('fails', () => {
  const cb = jest.fn();
  expect(cb).toHaveBeenCalledWith(1);
});
test('counted once', () => {
  const cb = jest.fn();
  cb();
  expect(cb).toHaveBeenCalledTimes(2);
});
test('counted twice', () => {
  const cb = jest.fn();
  cb();
  cb();
  expect(cb).toHaveBeenCalledTimes(1);
});`,
    );
    const t = byName(r);
    for (const name of ['fn', 'implementations', 'spyOn'])
      expect(t[name]!.status, t[name]!.message).toBe('pass');
    expect(t['fails']!.message).toBe('Attendu : un appel avec [1]\nReçu : aucun appel');
    // Counts take their singular or plural, in French as in English.
    expect(t['counted once']!.message).toMatch(/^Attendu : 2 appels\n/);
    expect(t['counted twice']!.message).toMatch(/^Attendu : 1 appel\n/);
  });
});

describe('JavaScript features behave as in Node', () => {
  test('classes, generators, getters, symbols, bigint, collections, typed arrays, Date and Intl', async () => {
    const r = await grade(
      `export class Counter { #n = 0; get value() { return this.#n; } inc() { this.#n++; return this; } static of(n) { const c = new Counter(); while (n--) c.inc(); return c; } }
export function* range(n) { for (let i = 0; i < n; i++) yield i; }
export const tag = Symbol('tag');
export const big = (n) => 2n ** BigInt(n);
export const fmt = (n) => new Intl.NumberFormat('en-US').format(n);
export const iso = (ms) => new Date(ms).toISOString();
export async function total(xs) { let s = 0; for await (const x of xs) s += x; return s; }`,
      `import { Counter, range, tag, big, fmt, iso, total } from './features';
test('class', () => expect(Counter.of(3).value).toBe(3));
test('generator', () => expect([...range(4)]).toEqual([0, 1, 2, 3]));
test('symbol', () => expect({ [tag]: 1 }[tag]).toBe(1));
test('bigint', () => expect(big(70)).toBe(1180591620717411303424n));
test('collections', () => { expect(new Map([[1, 'a']]).get(1)).toBe('a'); expect([...new Set([1, 1, 2])]).toEqual([1, 2]); });
test('typed arrays', () => expect(Array.from(new Float64Array([1.5, 2]))).toEqual([1.5, 2]));
test('intl', () => expect(fmt(1234567.891)).toBe('1,234,567.891'));
test('date', () => expect(iso(0)).toBe('1970-01-01T00:00:00.000Z'));
test('for await', async () => expect(await total([Promise.resolve(1), 2])).toBe(3));
test('json and regexp', () => expect(JSON.parse(JSON.stringify({ a: /x/.test('x') }))).toEqual({ a: true }));`,
    );
    expect(r.tests.filter((t) => t.status !== 'pass')).toEqual([]);
  });
});
