import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { HEALTHY, byName, expectFixture, gradeWith, loadFixture, usePool } from './helpers.ts';
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

describe('raised limits hold at their raised value, never past the ceiling', () => {
  // Small defaults and ceiling keep these runs short; the default ceiling is the same code path.
  const DEFAULTS: GradeLimits = { cpuMsPerTest: 200, cpuMs: 600, wallMs: 1000, memoryMb: 24 };
  const CEILING = { cpuMsPerTest: 700, cpuMs: 1000, wallMs: 1500, memoryMb: 48 };
  const limited = usePool(1, { defaultLimits: DEFAULTS, ceiling: CEILING });
  const ROOMY = { cpuMsPerTest: 8000, cpuMs: 8000, wallMs: 12_000, memoryMb: CEILING.memoryMb };
  const roomy = usePool(1, { defaultLimits: DEFAULTS, ceiling: ROOMY });
  const { expected: _loop, ...loop } = loadFixture(root, 'infinite-loop-in-test');
  const { expected: _bomb, ...bomb } = loadFixture(root, 'memory-bomb');

  test.each([
    ['the defaults', undefined, 200],
    ['a raised per-test limit', { cpuMsPerTest: 500 }, 500],
    ['a request above the ceiling', { cpuMsPerTest: 60_000, cpuMs: 60_000, wallMs: 60_000 }, 700],
  ])('an infinite loop under %s ends at its per-test limit', async (_, limits, ms) => {
    const result = await gradeWith(limited(), { ...loop, ...(limits ? { limits } : {}) });
    expect(result.status).toBe('error');
    expect(byName(result)['loops']?.message).toContain(`${ms} ms`);
    // The loop used its whole (raised) budget and no more: the limit, not the wall clock, stopped it.
    expect(byName(result)['loops']?.cpuMs).toBeGreaterThanOrEqual(ms * 0.9);
    expect(byName(result)['loops']?.cpuMs).toBeLessThan(CEILING.wallMs);
  });

  test.each([
    ['the defaults', undefined, 24],
    ['a raised memory limit', { memoryMb: 40 }, 40],
    ['a request above the ceiling', { memoryMb: 4096 }, 48],
  ])('a memory bomb under %s ends at its memory limit', async (_, limits, mb) => {
    // Filling the heap takes CPU time, more on a loaded machine: a pool of its own gives the bomb
    // time enough that only memory can stop it.
    const time = { cpuMsPerTest: ROOMY.cpuMsPerTest, cpuMs: ROOMY.cpuMs, wallMs: ROOMY.wallMs };
    const result = await gradeWith(roomy(), { ...bomb, limits: { ...time, ...limits } });
    expect(result.status).toBe('error');
    expect(result.message).toContain(`Limite de mémoire dépassée (${mb} Mo)`);
    expect(await gradeWith(roomy(), HEALTHY)).toMatchObject({ status: 'pass', score: 1 });
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
