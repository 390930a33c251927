import { describe, expect, test } from 'vitest';
import { HOST_TEMPLATE } from './messages.ts';
import { errorResult, sandboxOutcome } from './result.ts';
import type { GradeResult } from './types.ts';

describe('how a grade ended, for the metrics', () => {
  const h = HOST_TEMPLATE;
  test('tests that ran are graded, passing or not', () => {
    const failed: GradeResult = { status: 'fail', score: 0, tests: [] };
    expect(sandboxOutcome({ ...failed, status: 'pass', score: 1 })).toBe('graded');
    expect(sandboxOutcome(failed)).toBe('graded');
  });

  test('time limits are timeouts and the heap limit memory, naming their test or not', () => {
    expect(sandboxOutcome(errorResult(h.limitHit('boucle', h.cpuTest(200))))).toBe('timeout');
    expect(sandboxOutcome(errorResult(h.limitHit('tout', h.cpuTotal(2000))))).toBe('timeout');
    expect(sandboxOutcome(errorResult(h.wall(5000)))).toBe('timeout');
    expect(sandboxOutcome(errorResult(h.limitHit('gros', h.memory(64))))).toBe('memory');
    expect(sandboxOutcome(errorResult(h.crashed))).toBe('crashed');
    expect(sandboxOutcome(errorResult(h.limitHit('mort', h.crashed)))).toBe('crashed');
  });

  test("code that cannot be graded is an error, even when its own message imitates a limit's", () => {
    expect(sandboxOutcome(errorResult(h.syntax(h.solution, 1, 2, 'Unexpected token')))).toBe('error');
    expect(sandboxOutcome(errorResult(h.noTests))).toBe('error');
    expect(sandboxOutcome(errorResult(h.loadFailed(h.solution, h.memory(64))))).toBe('error');
  });
});
