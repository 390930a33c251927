/** Builds the public GradeResult: statuses, messages, score. */
import type { GradeResult, SandboxOutcome, TestResult } from './types.ts';

export interface RawTest {
  name: string;
  status: TestResult['status'];
  message?: string;
  output?: string;
  durationMs: number;
  cpuMs: number;
}

export const SANDBOX_OUTCOMES: readonly SandboxOutcome[] = [
  'graded',
  'error',
  'timeout',
  'memory',
  'crashed',
];

// A limit's message, whole or naming its test (grader.limitHit), as the pool and run-job.ts write
// them; anchored at the start, so that a solution's own error text cannot pass for one.
const LIMIT =
  /^\uE000grader\.(?:limitHit\uE001[^\uE000-\uE002]*\uE001\uE000grader\.)?(cpuTest|cpuTotal|wall|memory|crashed)[\uE001\uE002]/;

/** How a grade ended (see SandboxOutcome), read from the locale-neutral result before it is rendered. */
export function sandboxOutcome(result: GradeResult): SandboxOutcome {
  if (result.status !== 'error') return 'graded';
  const limit = LIMIT.exec(result.message ?? '')?.[1];
  if (limit === 'memory' || limit === 'crashed') return limit;
  return limit ? 'timeout' : 'error';
}

/** A submission that could not be graded. */
export function errorResult(message: string, tests: TestResult[] = []): GradeResult {
  return { status: 'error', message, score: 0, tests };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

/** Whether a test was run and graded (skipped and to-do tests are only listed). */
export function isGraded(test: Pick<TestResult, 'status'>): boolean {
  return test.status !== 'skipped' && test.status !== 'todo';
}

/**
 * Share of passing tests among the graded ones, or the sum of the points of the passing tests when
 * points are given.
 */
export function score(all: TestResult[], points: Record<string, number> | undefined): number {
  const tests = all.filter(isGraded);
  if (tests.length === 0) return 0;
  if (points && Object.keys(points).length > 0) {
    let sum = 0;
    for (const t of tests) {
      const p = Object.hasOwn(points, t.name) ? points[t.name]! : 0;
      if (t.status === 'pass' && Number.isFinite(p)) sum += p;
    }
    return Math.round(sum * 1e4) / 1e4;
  }
  const passed = tests.filter((t) => t.status === 'pass').length;
  return Math.round((passed / tests.length) * 1e4) / 1e4;
}

/** Assembles the result; `limit` is set when a time or memory limit stopped or cut the run. */
export function buildResult(
  raw: RawTest[],
  limit: string | undefined,
  points?: Record<string, number>,
): GradeResult {
  const tests: TestResult[] = raw.map((t) => {
    const r: TestResult = {
      name: t.name,
      status: t.status,
      durationMs: round(t.durationMs),
      cpuMs: round(t.cpuMs),
    };
    if (t.message) r.message = t.message;
    if (t.output) r.output = t.output;
    return r;
  });
  if (limit !== undefined) return errorResult(limit, tests);
  const status = tests.every((t) => t.status === 'pass' || !isGraded(t)) ? 'pass' : 'fail';
  return { status, score: score(tests, points), tests };
}
