import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HEALTHY, expectFixture, gradeWith, loadFixture, usePool } from './helpers.ts';
import type { GradeLimits } from '../src/index.ts';

const root = new URL('./fixtures/hostile/', import.meta.url);
const fixtures = readdirSync(root).sort();
// Tight limits keep the suite fast; the defaults are covered by the limits tests.
const LIMITS: GradeLimits = { cpuMsPerTest: 300, cpuMs: 1500, wallMs: 4000, memoryMb: 32 };

const pool = usePool(2);

describe('hostile programs are contained', () => {
  test('there are at least 30 hostile fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
  });

  test.each(fixtures)('%s', async (name) => {
    const { expected, ...submission } = loadFixture(root, name);
    const limits = { ...LIMITS, ...expected.limits };
    const started = Date.now();
    const result = await gradeWith(pool(), { ...submission, limits });
    expect(Date.now() - started).toBeLessThan(limits.wallMs! + 2000);
    expectFixture(result, expected);
    if (expected.maxOutput) {
      for (const t of result.tests) expect((t.output ?? '').length).toBeLessThanOrEqual(expected.maxOutput);
    }
    if (result.status === 'error') expect(result.score).toBe(0);
    // The pool still grades a correct solution right after.
    const healthy = await gradeWith(pool(), HEALTHY);
    expect(healthy).toMatchObject({ status: 'pass', score: 1 });
  });
});

describe('no state leaks between submissions', () => {
  const polluter = {
    solution: `globalThis.leaked = 'yes';
Array.prototype.sneaky = () => 'polluted';
Object.prototype.injected = 1;
Math.max = () => 42;
globalThis.setTimeout(() => { globalThis.late = true; }, 1);
// Finalizers could run later in the same isolate: using them retires the isolate.
new FinalizationRegistry(() => { for (;;) {} }).register({}, 1);
new WeakRef({});
export const add = (a, b) => a + b;`,
    tests:
      "import { add } from './m';\ntest('pollutes', async () => { await new Promise((r) => setTimeout(r, 5)); expect(add(1, 1)).toBe(2); });",
  };
  const checker = {
    solution:
      'export const probe = () => [typeof globalThis.leaked, typeof [].sneaky, typeof ({}).injected, Math.max(1, 2), typeof globalThis.late];',
    tests:
      "import { probe } from './m';\ntest('clean', () => expect(probe()).toEqual(['undefined', 'undefined', 'undefined', 2, 'undefined']));",
  };

  test('a second submission sees nothing of the first', async () => {
    for (let i = 0; i < 20; i++) {
      await gradeWith(pool(), polluter);
      const r = await gradeWith(pool(), checker);
      expect(r.status, JSON.stringify(r)).toBe('pass');
    }
  });
});
