import type { GradeRequest, GradeResult, GraderPool } from '@tremplin/grader';

/**
 * A grader pool that answers at once, without a sandbox: the benchmark measures the live path
 * (API, bus, hub, sockets), not grading, which has its own (`pnpm bench:grader`). Code holding
 * the word PASS passes every test; any other code passes one of three.
 */
export function createStubPool(): GraderPool {
  return {
    size: 1,
    close: async () => {},
    grade: async (req: GradeRequest): Promise<GradeResult> => {
      const pass = req.solution.includes('PASS');
      const tests = ['a', 'b', 'c'].map((name, i) => ({
        name,
        status: pass || i === 0 ? ('pass' as const) : ('fail' as const),
        durationMs: 1,
      }));
      return { status: pass ? 'pass' : 'fail', score: pass ? 1 : 1 / 3, tests };
    },
  };
}
