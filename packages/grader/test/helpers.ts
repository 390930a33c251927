/** Shared helpers for the grader tests: one pool per test file, and small builders. */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { createGraderPool } from '../src/index.ts';
import type {
  GradeLimits,
  GradeRequest,
  GradeResult,
  GraderPool,
  GraderPoolOptions,
  Language,
  Locale,
  TestResult,
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

/** expected.json of a fixture folder: the outcome, and per-test statuses and message fragments. */
export interface FixtureExpectation {
  status: 'pass' | 'fail' | 'error';
  message?: string;
  tests?: Record<string, TestResult['status']>;
  /** Fragments the test's message contains (one or several). */
  testMessage?: Record<string, string | string[]>;
  maxOutput?: number;
  language?: Language;
  locale?: Locale;
  limits?: GradeLimits;
}

/** Reads a fixture folder (solution.js|ts, tests.js|ts, expected.json) as a submission. */
export function loadFixture(root: URL, name: string): Submission & { expected: FixtureExpectation } {
  const dir = new URL(`${name}/`, root);
  const ext = existsSync(new URL('solution.ts', dir)) ? 'ts' : 'js';
  const read = (file: string) => readFileSync(new URL(file, dir), 'utf8');
  const expected = JSON.parse(read('expected.json')) as FixtureExpectation;
  const submission: Submission & { expected: FixtureExpectation } = {
    solution: read(`solution.${ext}`),
    tests: read(`tests.${ext}`),
    language: expected.language ?? (ext === 'ts' ? 'typescript' : 'javascript'),
    expected,
  };
  if (expected.locale) submission.locale = expected.locale;
  return submission;
}

/** Asserts a result against a fixture's expected.json. */
export function expectFixture(result: GradeResult, expected: FixtureExpectation): void {
  expect(result.status, JSON.stringify(result)).toBe(expected.status);
  if (expected.message) expect(result.message).toContain(expected.message);
  const tests = byName(result);
  for (const [test, status] of Object.entries(expected.tests ?? {}))
    expect(tests[test]?.status, `${test}: ${tests[test]?.message}`).toBe(status);
  for (const [test, texts] of Object.entries(expected.testMessage ?? {}))
    for (const text of [texts].flat()) expect(tests[test]?.message, test).toContain(text);
}
