// validateCodeExercise with the real grader: small limits keep these runs short.
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateCodeExercise, type CodeSpec } from '../src/index.ts';

// The first grade starts a worker process: allow for a slow, busy machine.
const GRADE_TIMEOUT_MS = 60_000;

let pool: GraderPool;
beforeAll(() => {
  pool = createGraderPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

/** A spec whose solution busy-waits `ms` of wall clock on each call (as much CPU on an idle machine). */
function busySpec(ms: number, tests: string[], limits: CodeSpec['limits']): CodeSpec {
  return {
    kind: 'code',
    language: 'javascript',
    starter: 'export const slow = (n) => undefined;\n',
    solution: `export const slow = (n) => { const end = Date.now() + ${ms}; while (Date.now() < end) {} return n; };\n`,
    visibleTests: `import { slow } from './slow';\n${tests.map((t) => `test('${t}', () => expect(slow(2)).toBe(2));`).join('\n')}\n`,
    hiddenTests:
      "import { slow } from './slow';\ntest('exporte slow', () => expect(typeof slow).toBe('function'));\n",
    ...(limits ? { limits } : {}),
  };
}

describe('validateCodeExercise', () => {
  test(
    'a reference that uses most of the per-test limit fails, naming the test; a raised limit makes it pass',
    async () => {
      // 300 ms of a 400 ms limit: over half of it even if a busy machine gives the worker 2/3 of a core.
      const tight = await validateCodeExercise(busySpec(300, ['addition'], { cpuMsPerTest: 400 }), pool);
      expect(tight.problems).toEqual([
        {
          path: 'visibleTests',
          message: expect.stringMatching(
            /^Le test « addition » a pris \d[\d\s]* ms avec la solution de référence, plus de la moitié de la limite de 400 ms : simplifiez le test ou relevez la limite de l'exercice\.$/,
          ),
        },
      ]);
      const raised = await validateCodeExercise(busySpec(300, ['addition'], { cpuMsPerTest: 1000 }), pool);
      expect(raised.problems).toEqual([]);
      expect(raised.reference.visible.tests[0]?.cpuMs).toBeGreaterThan(0);
    },
    GRADE_TIMEOUT_MS,
  );

  test(
    "tests that together use over half of the submission's limit fail, in English when asked",
    async () => {
      const spec = busySpec(250, ['un', 'deux', 'trois'], { cpuMs: 1000 });
      const { problems } = await validateCodeExercise(spec, pool, {
        locale: 'en',
        path: 'exercises[0].spec',
      });
      expect(problems).toEqual([
        {
          path: 'exercises[0].spec.visibleTests',
          message: expect.stringMatching(
            /^The visible tests took \d[\d,]* ms in all with the reference solution, more than half of the 1,000 ms limit per submission/,
          ),
        },
      ]);
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
        { path: 'limits.memoryMb', message: '512 dépasse le plafond de la plateforme (128).' },
        {
          path: 'visibleTests',
          message: expect.stringContaining('La solution de référence échoue au test « addition » : '),
        },
        {
          path: 'starter',
          message: 'Le code de départ passe déjà tous les tests : il ne laisse rien à écrire.',
        },
      ]);
    },
    GRADE_TIMEOUT_MS,
  );
});
