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
import { at, type Problem } from './problems.ts';
import type { CodeSpec } from './schema.ts';

export interface CodeCheckOptions {
  /** The platform's ceiling (the API's configuration); the grader's built-in one by default. */
  ceiling?: LimitCeiling;
  /** The pool's default limits, when not the grader's. */
  defaults?: GradeLimits;
  /** Language of the messages (French by default). */
  locale?: Locale;
  /** Where the spec is, for the problems' paths: `exercises[2].spec`. */
  path?: string;
}

/** What grading the exercise found: its problems, and the reference solution's results. */
export interface CodeCheck {
  problems: Problem[];
  reference: { visible: GradeResult; hidden: GradeResult | undefined };
}

type Which = 'visibleTests' | 'hiddenTests';

interface CheckText {
  number: Intl.NumberFormat;
  aboveCeiling: (value: number, max: number) => string;
  referenceFails: (test: string, detail: string) => string;
  referenceError: (which: Which, detail: string) => string;
  starterPasses: string;
  starterError: (detail: string) => string;
  slowTest: (test: string, ms: string, limit: string) => string;
  slowTotal: (which: Which, ms: string, limit: string) => string;
}

const fr: CheckText = {
  number: new Intl.NumberFormat('fr', { maximumFractionDigits: 0 }),
  aboveCeiling: (v, max) => `${v} dépasse le plafond de la plateforme (${max}).`,
  referenceFails: (t, d) => `La solution de référence échoue au test « ${t} » : ${d}`,
  referenceError: (w, d) =>
    `La solution de référence n'a pas pu être corrigée sur les tests ${w === 'visibleTests' ? 'visibles' : 'cachés'} : ${d}`,
  starterPasses: 'Le code de départ passe déjà tous les tests : il ne laisse rien à écrire.',
  starterError: (d) => `Le code de départ n'a pas pu être corrigé : ${d}`,
  slowTest: (t, ms, limit) =>
    `Le test « ${t} » a pris ${ms} ms avec la solution de référence, plus de la moitié de la limite de ${limit} ms : simplifiez le test ou relevez la limite de l'exercice.`,
  slowTotal: (w, ms, limit) =>
    `Les tests ${w === 'visibleTests' ? 'visibles' : 'cachés'} ont pris ${ms} ms au total avec la solution de référence, plus de la moitié de la limite de ${limit} ms par soumission : allégez les tests ou relevez la limite de l'exercice.`,
};

const en: CheckText = {
  number: new Intl.NumberFormat('en', { maximumFractionDigits: 0 }),
  aboveCeiling: (v, max) => `${v} is above the platform's ceiling (${max}).`,
  referenceFails: (t, d) => `The reference solution fails the test "${t}": ${d}`,
  referenceError: (w, d) =>
    `The reference solution could not be graded on the ${w === 'visibleTests' ? 'visible' : 'hidden'} tests: ${d}`,
  starterPasses: 'The starter already passes every test: it leaves nothing to write.',
  starterError: (d) => `The starter could not be graded: ${d}`,
  slowTest: (t, ms, limit) =>
    `The test "${t}" took ${ms} ms with the reference solution, more than half of the ${limit} ms limit: simplify the test or raise the exercise's limit.`,
  slowTotal: (w, ms, limit) =>
    `The ${w === 'visibleTests' ? 'visible' : 'hidden'} tests took ${ms} ms in all with the reference solution, more than half of the ${limit} ms limit per submission: lighten the tests or raise the exercise's limit.`,
};

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
  const text = options.locale === 'en' ? en : fr;
  const path = options.path ?? '';
  const problems: Problem[] = [];
  const report = (where: string, message: string) => problems.push({ path: at(path, where), message });

  const ceiling = resolveCeiling(options.ceiling);
  for (const key of RAISABLE_LIMITS) {
    const value = spec.limits?.[key];
    if (value !== undefined && value > ceiling[key])
      report(`limits.${key}`, text.aboveCeiling(value, ceiling[key]));
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
  const [visible, hidden, starterVisible, starterHidden] = await Promise.all([
    grade(spec.solution, spec.visibleTests),
    hasHidden ? grade(spec.solution, spec.hiddenTests) : undefined,
    grade(spec.starter, spec.visibleTests),
    hasHidden ? grade(spec.starter, spec.hiddenTests) : undefined,
  ]);

  for (const [which, result] of [
    ['visibleTests', visible],
    ['hiddenTests', hidden],
  ] as const) {
    if (result) problems.push(...referenceProblems(result, which, limits, options.locale, path));
  }
  const starterError = [starterVisible, starterHidden].find((r) => r?.status === 'error');
  if (starterError) report('starter', text.starterError(starterError.message ?? ''));
  else if (starterVisible.status === 'pass' && (starterHidden?.status ?? 'pass') === 'pass')
    report('starter', text.starterPasses);
  return { problems, reference: { visible, hidden } };
}

/** The problems of the reference's result on one test file: failed tests, and tests or a file too slow. */
export function referenceProblems(
  result: GradeResult,
  which: Which,
  limits: Pick<ResolvedLimits, 'cpuMsPerTest' | 'cpuMs'>,
  locale: CodeCheckOptions['locale'],
  path = '',
): Problem[] {
  const text = locale === 'en' ? en : fr;
  const problems: Problem[] = [];
  const report = (message: string) => problems.push({ path: at(path, which), message });
  const ms = (n: number) => text.number.format(n);
  if (result.status === 'error' && result.tests.length === 0)
    report(text.referenceError(which, result.message ?? ''));
  for (const t of result.tests) {
    // A test the author skipped or left to do is not graded: it can neither fail nor be slow.
    if (t.status === 'skipped' || t.status === 'todo') continue;
    if (t.status !== 'pass') report(text.referenceFails(t.name, t.message ?? ''));
    else if (t.cpuMs > limits.cpuMsPerTest / 2)
      report(text.slowTest(t.name, ms(t.cpuMs), ms(limits.cpuMsPerTest)));
  }
  const total = result.tests.reduce((sum, t) => sum + t.cpuMs, 0);
  if (total > limits.cpuMs / 2) report(text.slowTotal(which, ms(total), ms(limits.cpuMs)));
  return problems;
}
