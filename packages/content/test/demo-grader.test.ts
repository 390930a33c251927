// Every demo code exercise checked with the real grader: the reference solution passes the visible and the
// hidden tests, the starter does not pass them, and the public hidden-test count is the grader's.
import { createGraderPool, type GradeResult, type GraderPool } from '@tremplin/grader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { loadDemoModules, toPublicSpec, type CodeSpec } from '../src/index.ts';

const modules = await loadDemoModules();
const exercises = modules.flatMap((m) =>
  m.exercises.flatMap((e) => (e.spec.kind === 'code' ? [{ name: `${m.slug}/${e.slug}`, spec: e.spec }] : [])),
);

// The first grade starts a worker process: allow for a slow, busy machine.
const GRADE_TIMEOUT_MS = 60_000;

let pool: GraderPool;
beforeAll(() => {
  // One worker: the grader's own timing tests may run at the same time on the 2 cores.
  pool = createGraderPool({ size: 1 });
}, GRADE_TIMEOUT_MS);
afterAll(async () => {
  await pool.close();
});

function grade(spec: CodeSpec, solution: string, tests: string): Promise<GradeResult> {
  return pool.grade({
    solution,
    tests,
    language: spec.language,
    ...(spec.limits ? { limits: spec.limits } : {}),
  });
}

/** A readable summary of the tests that did not pass, for assertion messages. */
const failures = (r: GradeResult) =>
  [r.message, ...r.tests.filter((t) => t.status !== 'pass').map((t) => `${t.name}: ${t.message}`)].join('\n');

describe('demo code exercises with the real grader', () => {
  test('there are JavaScript and TypeScript exercises in programming and AI', () => {
    expect(new Set(exercises.map((e) => e.spec.language))).toEqual(new Set(['javascript', 'typescript']));
    expect(exercises.some((e) => e.name.startsWith('ia-fondamentaux/'))).toBe(true);
  });

  test.each(exercises)(
    '$name: the solution passes the visible and the hidden tests',
    async ({ spec }) => {
      const [visible, hidden] = await Promise.all([
        grade(spec, spec.solution, spec.visibleTests),
        grade(spec, spec.solution, spec.hiddenTests),
      ]);
      expect(visible.status, failures(visible)).toBe('pass');
      expect(hidden.status, failures(hidden)).toBe('pass');
      expect(visible.tests.length).toBeGreaterThanOrEqual(2);
      expect(visible.tests.length).toBeLessThanOrEqual(4);
      expect(hidden.tests.length).toBeGreaterThanOrEqual(2);
      expect(hidden.tests.length).toBeLessThanOrEqual(4);
      const view = toPublicSpec(spec, { seed: 'any' });
      // The public count is of the graded tests: skipped and to-do ones are listed but never graded.
      const graded = hidden.tests.filter((t) => t.status !== 'skipped' && t.status !== 'todo');
      expect(view.kind === 'code' && view.hiddenTestCount).toBe(graded.length);
    },
    GRADE_TIMEOUT_MS,
  );

  test.each(exercises)(
    '$name: the starter does not pass',
    async ({ spec }) => {
      const [visible, hidden] = await Promise.all([
        grade(spec, spec.starter, spec.visibleTests),
        grade(spec, spec.starter, spec.hiddenTests),
      ]);
      // Graded (not a syntax error): the starter runs, it just is not a solution yet.
      expect([visible.status, hidden.status]).not.toContain('error');
      expect(visible.status === 'pass' && hidden.status === 'pass').toBe(false);
    },
    GRADE_TIMEOUT_MS,
  );
});
