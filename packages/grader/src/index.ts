/**
 * Public API of the grader. Safe to import in the API process: it never loads isolated-vm, which only
 * runs in the pool's worker processes.
 */
import { createGraderPool } from './pool.ts';
import type { GradeRequest, GradeResult, GraderPool } from './types.ts';

export type {
  GradeLimits,
  GradeRequest,
  GradeResult,
  GraderPool,
  GraderPoolOptions,
  Language,
  LimitCeiling,
  Locale,
  SandboxOutcome,
  TestResult,
} from './types.ts';
export { createGraderPool } from './pool.ts';
export {
  DEFAULT_CEILING,
  DEFAULT_LIMITS,
  RAISABLE_LIMITS,
  resolveCeiling,
  resolveLimits,
  type ResolvedLimits,
} from './limits.ts';
export { remember } from './remember.ts';
export { renderMessage } from './render.ts';
export { SANDBOX_OUTCOMES, sandboxOutcome } from './result.ts';

let shared: GraderPool | undefined;

/** Grades one submission on a lazily created pool shared by the whole process. */
export function grade(req: GradeRequest): Promise<GradeResult> {
  shared ??= createGraderPool();
  return shared.grade(req);
}
