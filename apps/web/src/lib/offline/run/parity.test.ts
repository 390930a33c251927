// The offline Run's parity with the server's: for every code exercise of the demo modules, the visible
// tests run on the device path (browser preparation, device driver, the harness bundle) give the same
// result as the server's sandbox, for the reference solution and for the starter code, from what the
// browser receives of the exercise (its public view: visible tests and limits). The Web Worker is
// stood for by a Node `vm` context holding the same harness (see @tremplin/grader/device/test-support):
// Playwright's e2e covers the worker itself.
import { loadDemoModules, toPublicSpec } from '@tremplin/content';
import { createGraderPool, resolveLimits } from '@tremplin/grader';
import type { GradeResult, GraderPool } from '@tremplin/grader';
import { renderResult, runOnDevice } from '@tremplin/grader/device';
import { vmSandbox } from '@tremplin/grader/device/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { codeResultOf } from './device.ts';

const modules = await loadDemoModules();
const exercises = modules.flatMap((m) =>
  m.exercises.flatMap((e) => (e.spec.kind === 'code' ? [{ name: `${m.slug}/${e.slug}`, spec: e.spec }] : [])),
);

let pool: GraderPool;
beforeAll(() => {
  pool = createGraderPool({ size: 1 });
});
afterAll(() => pool.close());

/** What the student sees of a result: statuses, messages and output, not the timings. */
function shown(result: GradeResult) {
  const { tests, ...rest } = codeResultOf(renderResult(result, 'fr'));
  return { ...rest, tests: tests.map(({ durationMs: _ms, ...test }) => test) };
}

describe('the device runs the demo modules’ visible tests as the server does', () => {
  test('there are code exercises in both languages', () => {
    expect(exercises.length).toBeGreaterThan(20);
    expect(new Set(exercises.map((e) => e.spec.language))).toEqual(new Set(['javascript', 'typescript']));
  });

  test('the browser receives an exercise’s own limits', () => {
    const moyenne = exercises.find((e) => e.name === 'programmation-js/moyenne')!;
    const view = toPublicSpec(moyenne.spec, { seed: 'parity' });
    expect(view.kind === 'code' && view.limits).toEqual({ cpuMsPerTest: 1000 });
  });

  test.each(exercises)('$name', async ({ spec }) => {
    const view = toPublicSpec(spec, { seed: 'parity' });
    if (view.kind !== 'code') throw new Error('not a code exercise');
    for (const code of [spec.solution, spec.starter]) {
      const server = await pool.grade({
        solution: code,
        tests: spec.visibleTests,
        language: spec.language,
        ...(spec.limits ? { limits: spec.limits } : {}),
        neutral: true,
      });
      const device = await runOnDevice(
        {
          solution: code,
          tests: view.visibleTests,
          language: view.language,
          limits: resolveLimits(view.limits),
        },
        vmSandbox(),
      );
      expect(shown(device)).toEqual(shown(server));
      if (code === spec.solution) expect(device.status).toBe('pass');
    }
  });
});
