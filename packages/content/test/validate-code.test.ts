// validateCodeExercise with the real grader: small limits keep these runs short.
import { createGraderPool, type GradeResult, type GraderPool, type TestResult } from '@tremplin/grader';
import { BURN_SOURCE, turnsForCpuMs } from '@tremplin/grader/test-support';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateCodeExercise, type CodeSpec } from '../src/index.ts';
import { referenceProblems } from '../src/validate-code.ts';

// The first grade starts a worker process: allow for a slow, busy machine.
const GRADE_TIMEOUT_MS = 60_000;

let pool: GraderPool;
beforeAll(() => {
  pool = createGraderPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

/** A spec whose solution burns about `cpuMs` of CPU on each call, as the sandbox measures it. */
async function busySpec(cpuMs: number, tests: string[], limits: CodeSpec['limits']): Promise<CodeSpec> {
  const turns = await turnsForCpuMs(pool, cpuMs);
  return {
    kind: 'code',
    language: 'javascript',
    starter: 'export const slow = (n) => undefined;\n',
    solution: `${BURN_SOURCE}export const slow = (n) => (burn(${turns}) >= 0 ? n : -n);\n`,
    visibleTests: `import { slow } from './slow';\n${tests.map((t) => `test('${t}', () => expect(slow(2)).toBe(2));`).join('\n')}\n`,
    hiddenTests:
      "import { slow } from './slow';\ntest('slow prend un argument', () => expect(slow.length).toBe(1));\n",
    ...(limits ? { limits } : {}),
  };
}

/** A reference's result on a test file, as the grader reports it, with each test's CPU time. */
function result(tests: Array<[string, number, TestResult['status']?]>): GradeResult {
  return {
    status: 'pass',
    score: 1,
    tests: tests.map(([name, cpuMs, status = 'pass']) => ({ name, status, cpuMs, durationMs: cpuMs })),
  };
}

// The rule on the grader's figures: CPU time varies too much on a loaded machine for a test of the
// threshold itself to go through a sandbox; the end-to-end test below shows the wiring.
describe('the reference’s time rule', () => {
  test('a test over half of the per-test limit is a problem naming the test and its time', () => {
    const limits = { cpuMsPerTest: 400, cpuMs: 5000 };
    expect(referenceProblems(result([['addition', 280]]), 'visibleTests', limits, 'fr')).toEqual([
      {
        path: 'visibleTests',
        code: 'slow-test',
        params: { test: 'addition', ms: 280, limit: 400 },
        message:
          "Le test « addition » a pris 280 ms avec la solution de référence, plus de la moitié de la limite de 400 ms : simplifiez le test ou relevez la limite de l'exercice.",
      },
    ]);
    const raised = { cpuMsPerTest: 1000, cpuMs: 5000 };
    expect(referenceProblems(result([['addition', 280]]), 'visibleTests', raised, 'fr')).toEqual([]);
  });

  test("tests that together use over half of the submission's limit are a problem, in English when asked", () => {
    const limits = { cpuMsPerTest: 2000, cpuMs: 1000 };
    const tests = result([
      ['un', 230],
      ['deux', 230],
      ['trois', 230],
    ]);
    expect(referenceProblems(tests, 'visibleTests', limits, 'en', 'exercises[0].spec')).toEqual([
      {
        path: 'exercises[0].spec.visibleTests',
        code: 'slow-total-visible',
        params: { ms: 690, limit: 1000 },
        message: expect.stringMatching(
          /^The visible tests took 690 ms in all with the reference solution, more than half of the 1,000 ms limit per submission/,
        ),
      },
    ]);
  });

  test('skipped and to-do tests are neither failures nor slow', () => {
    const limits = { cpuMsPerTest: 400, cpuMs: 1000 };
    const tests = result([
      ['plus tard', 0, 'todo'],
      ['désactivé', 0, 'skipped'],
      ['addition', 10],
    ]);
    expect(referenceProblems(tests, 'visibleTests', limits, 'fr')).toEqual([]);
  });
});

describe('validateCodeExercise', () => {
  test(
    'a reference that runs past its per-test limit is a problem naming the test; a raised limit lets it through',
    async () => {
      // The reference burns about 300 ms of CPU: a 100 ms limit stops it whatever the machine's load,
      // and a 3,000 ms one (a tenth of it is spent) never does.
      const tight = await validateCodeExercise(
        await busySpec(300, ['addition'], { cpuMsPerTest: 100 }),
        pool,
      );
      expect(tight.problems).toEqual([
        {
          path: 'visibleTests',
          code: 'reference-fails',
          params: { test: 'addition', detail: expect.any(String) },
          line: 2,
          message: expect.stringMatching(
            /^La solution de référence échoue au test « addition » : Temps limite dépassé : ce test a utilisé plus de 100 ms/,
          ),
        },
      ]);
      const raised = await validateCodeExercise(
        await busySpec(300, ['addition'], { cpuMsPerTest: 10_000, cpuMs: 20_000 }),
        pool,
        { ceiling: { cpuMsPerTest: 10_000, cpuMs: 20_000 } },
      );
      expect(raised.problems).toEqual([]);
      expect(raised.reference.visible.tests[0]?.cpuMs).toBeGreaterThan(0);
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    'a failing reference, a starter that already passes and a limit above the ceiling are problems',
    async () => {
      const spec: CodeSpec = {
        kind: 'code',
        language: 'javascript',
        starter: 'export const add = (a, b) => a + b;\n',
        solution: 'export const add = (a, b) => a - b;\n',
        visibleTests: "import { add } from './add';\ntest('addition', () => expect(add(2, 3)).toBe(5));\n",
        hiddenTests: '',
        limits: { memoryMb: 512 },
      };
      const { problems } = await validateCodeExercise(spec, pool, { ceiling: { memoryMb: 128 } });
      expect(problems).toEqual([
        {
          path: 'limits.memoryMb',
          code: 'limit-above-ceiling',
          params: { value: 512, max: 128 },
          message: '512 dépasse le plafond de la plateforme (128).',
        },
        {
          path: 'visibleTests',
          code: 'reference-fails',
          params: { test: 'addition', detail: expect.any(String) },
          line: 2,
          message: expect.stringContaining('La solution de référence échoue au test « addition » : '),
        },
        {
          path: 'starter',
          code: 'starter-passes',
          message: 'Le code de départ passe déjà tous les tests : il ne laisse rien à écrire.',
        },
      ]);
    },
    GRADE_TIMEOUT_MS,
  );
});
