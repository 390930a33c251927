import { isGradedTest } from '@tremplin/contracts';
import type { Answer, StoredAnswerResult, StoredCodeResult, StoredTestOutcome } from '@tremplin/contracts';
import { gradeAnswer, type FullSpec } from '@tremplin/content';
import type { GradeResult, GraderPool } from '@tremplin/grader';
import { codeText, gradingMessage } from './feedback.ts';

type CodeSpec = Extract<FullSpec, { kind: 'code' }>;

function outcomes(result: GradeResult, hidden: boolean): StoredTestOutcome[] {
  return result.tests.map((test) => {
    if (!hidden) {
      return {
        name: test.name,
        status: test.status,
        hidden,
        durationMs: test.durationMs,
        ...(test.message ? { message: codeText(test.message) } : {}),
        ...(test.output ? { output: codeText(test.output) } : {}),
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
      message: gradingMessage(test.status === 'pass' ? 'hiddenPass' : 'hiddenFail'),
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
  { includeHidden }: { includeHidden: boolean },
): Promise<{ share: number; result: StoredCodeResult }> {
  const request = {
    solution: code,
    language: spec.language,
    // Stored locale-neutral: rendered in the reader's language on every read.
    neutral: true,
    ...(spec.limits ? { limits: spec.limits } : {}),
  };
  const [visible, hidden] = await Promise.all([
    pool.grade({ ...request, tests: spec.visibleTests }),
    includeHidden && spec.hiddenTests.trim()
      ? pool.grade({ ...request, tests: spec.hiddenTests })
      : undefined,
  ]);
  const tests = [...outcomes(visible, false), ...(hidden ? outcomes(hidden, true) : [])];
  // Skipped and to-do tests are listed for the student but count neither in the total nor in the share.
  const total = tests.filter(isGradedTest).length;
  const passed = tests.filter((t) => t.status === 'pass').length;
  const failedToGrade = [visible, hidden].find((r) => r?.status === 'error');
  const status: StoredCodeResult['status'] = failedToGrade ? 'error' : passed === total ? 'pass' : 'fail';
  const message = failedToGrade?.message;
  return {
    share: failedToGrade || total === 0 ? 0 : passed / total,
    result: {
      kind: 'code',
      status,
      passed,
      total,
      tests,
      ...(message ? { message: codeText(message) } : {}),
    },
  };
}

/** Grades an English answer on the server, against the exercise version's key; messages stored as keys. */
export function gradeEnglish(
  spec: FullSpec,
  answer: Answer,
  { hint }: { hint?: string | null },
): { share: number; result: StoredAnswerResult } {
  const { score, result } = gradeAnswer(spec, answer, hint ? { hint } : {});
  return { share: score, result };
}
