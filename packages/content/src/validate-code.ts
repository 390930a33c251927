// Validation of a code exercise by grading it: the reference solution passes every test with time to
// spare, the starter does not, and the exercise's limits fit under the platform's ceiling.
import {
  DEFAULT_LIMITS,
  RAISABLE_LIMITS,
  resolveCeiling,
  resolveLimits,
  type GradeLimits,
  type GradeResult,
  type GraderPool,
  type LimitCeiling,
  type Locale,
  type ResolvedLimits,
} from '@tremplin/grader';
import { at, problem, type Problem } from './problems.ts';
import { renderMessage, type ProblemCode, type ProblemParams } from './messages.ts';
import type { CodeSpec } from './schema.ts';
import { emptySolution, testLine } from './code-files.ts';

export interface CodeCheckOptions {
  /** The platform's ceiling (the API's configuration); the grader's built-in one by default. */
  ceiling?: LimitCeiling;
  /** The pool's default limits, when not the grader's. */
  defaults?: GradeLimits;
  /** Language of the messages (French by default). */
  locale?: Locale;
  /** Where the spec is, for the problems' paths: `exercises[2].spec`. */
  path?: string;
  /** Also grade an empty solution against each test file, which must fail it (default true). */
  emptySolution?: boolean;
}

/** A problem whose message is in `locale` (French by default), its code and params kept to render it again. */
function localized(
  path: string,
  code: ProblemCode,
  params: ProblemParams | undefined,
  locale: CodeCheckOptions['locale'],
  line?: number,
): Problem {
  return {
    ...problem(path, code, params),
    message: renderMessage(code, params, locale ?? 'fr'),
    ...(line !== undefined ? { line } : {}),
  };
}

/** What grading the exercise found: its problems, and the reference solution's results. */
export interface CodeCheck {
  problems: Problem[];
  reference: { visible: GradeResult; hidden: GradeResult | undefined };
}

type Which = 'visibleTests' | 'hiddenTests';

/**
 * Grades the exercise's reference solution and starter against its visible and hidden tests; a
 * problem for each test the reference fails or uses more than half of a CPU limit on, a starter that
 * already passes, and a limit above the ceiling.
 */
export async function validateCodeExercise(
  spec: CodeSpec,
  pool: GraderPool,
  options: CodeCheckOptions = {},
): Promise<CodeCheck> {
  const path = options.path ?? '';
  const problems: Problem[] = [];
  const report = (where: string, code: ProblemCode, params?: ProblemParams) =>
    problems.push(localized(at(path, where), code, params, options.locale));

  const ceiling = resolveCeiling(options.ceiling);
  for (const key of RAISABLE_LIMITS) {
    const value = spec.limits?.[key];
    if (value !== undefined && value > ceiling[key])
      report(`limits.${key}`, 'limit-above-ceiling', { value, max: ceiling[key] });
  }
  const limits = resolveLimits(
    spec.limits,
    resolveLimits(options.defaults, DEFAULT_LIMITS, ceiling),
    ceiling,
  );

  const grade = (solution: string, tests: string) =>
    pool.grade({
      solution,
      tests,
      language: spec.language,
      ...(options.locale ? { locale: options.locale } : {}),
      ...(spec.limits ? { limits: spec.limits } : {}),
    });
  const hasHidden = spec.hiddenTests.trim() !== '';
  const empty = options.emptySolution === false ? undefined : emptySolution(spec);
  const [visible, hidden, starterVisible, starterHidden, emptyVisible, emptyHidden] = await Promise.all([
    grade(spec.solution, spec.visibleTests),
    hasHidden ? grade(spec.solution, spec.hiddenTests) : undefined,
    grade(spec.starter, spec.visibleTests),
    hasHidden ? grade(spec.starter, spec.hiddenTests) : undefined,
    empty === undefined ? undefined : grade(empty, spec.visibleTests),
    empty === undefined || !hasHidden ? undefined : grade(empty, spec.hiddenTests),
  ]);

  for (const [which, result] of [
    ['visibleTests', visible],
    ['hiddenTests', hidden],
  ] as const) {
    if (result) problems.push(...referenceProblems(result, which, limits, options.locale, path, spec[which]));
  }
  const starterError = [starterVisible, starterHidden].find((r) => r?.status === 'error');
  if (starterError) report('starter', 'starter-error', { detail: starterError.message ?? '' });
  else if (starterVisible.status === 'pass' && (starterHidden?.status ?? 'pass') === 'pass')
    report('starter', 'starter-passes');
  // A test file the empty solution passes checks nothing (an `expect(typeof f).toBe('function')` alone).
  if (emptyVisible?.status === 'pass') report('visibleTests', 'empty-solution-passes-visible');
  if (emptyHidden?.status === 'pass') report('hiddenTests', 'empty-solution-passes-hidden');
  return { problems, reference: { visible, hidden } };
}

/** The problems of the reference's result on one test file: failed tests, and tests or a file too slow. */
export function referenceProblems(
  result: GradeResult,
  which: Which,
  limits: Pick<ResolvedLimits, 'cpuMsPerTest' | 'cpuMs'>,
  locale: CodeCheckOptions['locale'],
  path = '',
  tests?: string,
): Problem[] {
  const problems: Problem[] = [];
  const report = (code: ProblemCode, params: ProblemParams, line?: number) =>
    problems.push(localized(at(path, which), code, params, locale, line));
  const hidden = which === 'hiddenTests';
  if (result.status === 'error' && result.tests.length === 0)
    report(hidden ? 'reference-error-hidden' : 'reference-error-visible', { detail: result.message ?? '' });
  for (const t of result.tests) {
    // A test the author skipped or left to do is not graded: it can neither fail nor be slow.
    if (t.status === 'skipped' || t.status === 'todo') continue;
    const line = tests === undefined ? undefined : testLine(tests, t.name);
    if (t.status !== 'pass') report('reference-fails', { test: t.name, detail: t.message ?? '' }, line);
    else if (t.cpuMs > limits.cpuMsPerTest / 2)
      report('slow-test', { test: t.name, ms: Math.round(t.cpuMs), limit: limits.cpuMsPerTest }, line);
  }
  const total = result.tests.reduce((sum, t) => sum + t.cpuMs, 0);
  if (total > limits.cpuMs / 2)
    report(hidden ? 'slow-total-hidden' : 'slow-total-visible', {
      ms: Math.round(total),
      limit: limits.cpuMs,
    });
  return problems;
}
