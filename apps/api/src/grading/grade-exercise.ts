import { isGradedTest } from '@tremplin/contracts';
import type { Answer, AnswerResult, CodeResult, Locale, TestOutcome } from '@tremplin/contracts';
import { gradeAnswer, type FullSpec } from '@tremplin/content';
import type { GradeResult, GraderPool } from '@tremplin/grader';

type CodeSpec = Extract<FullSpec, { kind: 'code' }>;

const HIDDEN_MESSAGE: Record<Locale, { pass: string; fail: string }> = {
  fr: { pass: 'Test caché réussi.', fail: 'Test caché échoué : vérifiez les cas limites de l’énoncé.' },
  en: { pass: 'Hidden test passed.', fail: 'Hidden test failed: check the edge cases of the instructions.' },
};

function outcomes(result: GradeResult, hidden: boolean, locale: Locale): TestOutcome[] {
  return result.tests.map((test) => {
    if (!hidden) {
      return {
        name: test.name,
        status: test.status,
        hidden,
        durationMs: test.durationMs,
        ...(test.message ? { message: test.message } : {}),
        ...(test.output ? { output: test.output } : {}),
      };
    }
    // A hidden test tells whether it passed, never what it expected; a skipped or to-do one says nothing.
    if (!isGradedTest(test))
      return { name: test.name, status: test.status, hidden, durationMs: test.durationMs };
    return {
      name: test.name,
      status: test.status,
      hidden,
      durationMs: test.durationMs,
      message: HIDDEN_MESSAGE[locale][test.status === 'pass' ? 'pass' : 'fail'],
    };
  });
}

/**
 * Grades code against the visible tests (a Run) or the visible and hidden ones (a Submit), each
 * test file in its own sandbox; answers the result as the student sees it and the score share.
 */
export async function gradeCode(
  pool: GraderPool,
  spec: CodeSpec,
  code: string,
  { includeHidden, locale }: { includeHidden: boolean; locale: Locale },
): Promise<{ share: number; result: CodeResult }> {
  const request = {
    solution: code,
    language: spec.language,
    locale,
    ...(spec.limits ? { limits: spec.limits } : {}),
  };
  const [visible, hidden] = await Promise.all([
    pool.grade({ ...request, tests: spec.visibleTests }),
    includeHidden && spec.hiddenTests.trim()
      ? pool.grade({ ...request, tests: spec.hiddenTests })
      : undefined,
  ]);
  const tests = [...outcomes(visible, false, locale), ...(hidden ? outcomes(hidden, true, locale) : [])];
  // Skipped and to-do tests are listed for the student but count neither in the total nor in the share.
  const total = tests.filter(isGradedTest).length;
  const passed = tests.filter((t) => t.status === 'pass').length;
  const failedToGrade = [visible, hidden].find((r) => r?.status === 'error');
  const status: CodeResult['status'] = failedToGrade ? 'error' : passed === total ? 'pass' : 'fail';
  const message = failedToGrade?.message;
  return {
    share: failedToGrade || total === 0 ? 0 : passed / total,
    result: { kind: 'code', status, passed, total, tests, ...(message ? { message } : {}) },
  };
}

/** Grades an English answer on the server, against the exercise version's key. */
export function gradeEnglish(
  spec: FullSpec,
  answer: Answer,
  { locale, hint }: { locale: Locale; hint?: string | null },
): { share: number; result: AnswerResult } {
  const { score, result } = gradeAnswer(spec, answer, { locale, ...(hint ? { hint } : {}) });
  return { share: score, result };
}
