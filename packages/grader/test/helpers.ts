/** Shared helpers for the grader tests: one pool per test file, and small builders. */
import { afterAll, beforeAll } from 'vitest';
import { createGraderPool } from '../src/index.ts';
import type {
  GradeLimits,
  GradeRequest,
  GradeResult,
  GraderPool,
  GraderPoolOptions,
  Language,
  Locale,
} from '../src/index.ts';

/** Starts a pool for the current test file (or describe block) and closes it afterwards. */
export function usePool(size = 2, options: Omit<GraderPoolOptions, 'size'> = {}): () => GraderPool {
  let pool: GraderPool | undefined;
  beforeAll(() => {
    pool = createGraderPool({ ...options, size });
  });
  afterAll(async () => {
    await pool?.close();
  });
  return () => {
    if (!pool) throw new Error('pool not started');
    return pool;
  };
}

export interface Submission {
  solution: string;
  tests: string;
  language?: Language;
  limits?: GradeLimits;
  locale?: Locale;
  points?: Record<string, number>;
}

/** Grades with sensible test defaults (JavaScript, French). */
export function gradeWith(pool: GraderPool, s: Submission): Promise<GradeResult> {
  const req: GradeRequest = { solution: s.solution, tests: s.tests, language: s.language ?? 'javascript' };
  if (s.limits) req.limits = s.limits;
  if (s.locale) req.locale = s.locale;
  if (s.points) req.points = s.points;
  return pool.grade(req);
}

/** Map of test name -> result, for assertions by name. */
export function byName(result: GradeResult): Record<string, GradeResult['tests'][number]> {
  return Object.fromEntries(result.tests.map((t) => [t.name, t]));
}

/** A correct submission, graded after hostile ones to prove the pool still works. */
export const HEALTHY: Submission = {
  solution: 'export const add = (a, b) => a + b;\n',
  tests: "import { add } from './add';\ntest('adds', () => { expect(add(2, 3)).toBe(5); });\n",
};
