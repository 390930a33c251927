/**
 * The offline Run on this device, loaded only when one happens (a dynamic import from run.ts): the
 * visible tests run in a fresh Web Worker through the grader's harness, within the exercise's limits
 * (or the server's defaults), and the result is shown as a Run's is. It is never sent anywhere: only a
 * submission is graded, always by the server.
 */
import type { CodeResult, TestOutcome } from '@tremplin/contracts';
import { isGraded, renderResult, resolveLimits, runOnDevice } from '@tremplin/grader/device';
import type { GradeLimits, GradeResult, Language } from '@tremplin/grader/device';
import type { Locale } from '#lib/i18n/types.ts';
import { startWorkerSandbox } from './worker-sandbox.ts';

export interface DeviceRunSpec {
  language: Language;
  /** The visible tests only: the browser never has the hidden ones. */
  visibleTests: string;
  limits?: GradeLimits;
}

/** A device result as the page shows a Run's: visible tests, passed out of graded ones. */
export function codeResultOf(result: GradeResult): CodeResult {
  const tests = result.tests.map((test): TestOutcome => ({
    name: test.name,
    status: test.status,
    hidden: false,
    durationMs: test.durationMs,
    ...(test.message ? { message: test.message } : {}),
    ...(test.output ? { output: test.output } : {}),
  }));
  const total = tests.filter(isGraded).length;
  const passed = tests.filter((t) => t.status === 'pass').length;
  const status = result.status === 'error' ? 'error' : passed === total ? 'pass' : 'fail';
  return {
    kind: 'code',
    status,
    passed,
    total,
    tests,
    ...(result.message ? { message: result.message } : {}),
  };
}

/** Runs `code` against the visible tests in a new worker, ended with the run (or by a time limit). */
export async function runOnThisDevice(
  spec: DeviceRunSpec,
  code: string,
  locale: Locale,
): Promise<CodeResult> {
  const sandbox = await startWorkerSandbox();
  try {
    const job = { solution: code, tests: spec.visibleTests, language: spec.language };
    const result = await runOnDevice({ ...job, limits: resolveLimits(spec.limits) }, sandbox);
    return codeResultOf(renderResult(result, locale));
  } finally {
    sandbox.dispose();
  }
}
