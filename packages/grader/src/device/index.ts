/**
 * What the browser needs to run the visible tests on the device (an offline Run): the preparation and
 * the driver, with the limits and the rendering of results. No Node module: safe to bundle for a page.
 * The harness itself is the `@tremplin/grader/harness` export, for the sandbox's own bundle.
 */
export { runOnDevice, ScriptError, TimeLimit } from './run.ts';
export type { DeviceJob, DeviceSandbox, DeviceScripts } from './run.ts';
export { DEFAULT_LIMITS, resolveLimits } from '../limits.ts';
export { renderResult } from '../render.ts';
export { isGraded } from '../result.ts';
export type { GradeLimits, GradeResult, Language, TestResult } from '../types.ts';
