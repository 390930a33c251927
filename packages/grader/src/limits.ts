/** Default limits, the platform's ceiling, and how a request's limits are resolved between them. */
import type { GradeLimits, LimitCeiling } from './types.ts';

export type ResolvedLimits = Required<GradeLimits>;

/** Tight limits for ordinary exercises. */
export const DEFAULT_LIMITS: ResolvedLimits = {
  cpuMsPerTest: 2000,
  cpuMs: 5000,
  wallMs: 10000,
  memoryMb: 64,
  outputChars: 500,
  maxSourceBytes: 64 * 1024,
};

/**
 * How far an exercise may raise its limits. 10 s per test is twice Jest's default timeout, so a
 * reference solution that passes under Jest fits; 30 s per submission leaves room for a few such
 * tests; 60 s of wall clock bounds how long one submission can hold a worker (twice its CPU, for a
 * busy machine); 256 MB stays well within a worker process while allowing real data structures.
 */
export const DEFAULT_CEILING: Required<LimitCeiling> = {
  cpuMsPerTest: 10_000,
  cpuMs: 30_000,
  wallMs: 60_000,
  memoryMb: 256,
};

/** The limits an exercise may raise, up to the ceiling; the others can only be tightened. */
export const RAISABLE_LIMITS = ['cpuMsPerTest', 'cpuMs', 'wallMs', 'memoryMb'] as const;

const MIN_MEMORY_MB = 16;

function given(value: number | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** A ceiling with every field set: the given values over the built-in ceiling. */
export function resolveCeiling(ceiling: LimitCeiling | undefined): Required<LimitCeiling> {
  const c = ceiling ?? {};
  const at = (key: keyof LimitCeiling) => (given(c[key]) ? c[key] : DEFAULT_CEILING[key]);
  return {
    cpuMsPerTest: at('cpuMsPerTest'),
    cpuMs: at('cpuMs'),
    wallMs: at('wallMs'),
    memoryMb: at('memoryMb'),
  };
}

/**
 * Merges request limits over the defaults: a request's time and memory limits replace the defaults,
 * clamped to the ceiling (the defaults too never exceed it); output and source sizes can only be
 * tightened.
 */
export function resolveLimits(
  limits: GradeLimits | undefined,
  base: ResolvedLimits = DEFAULT_LIMITS,
  ceiling: Required<LimitCeiling> = DEFAULT_CEILING,
): ResolvedLimits {
  const l = limits ?? {};
  const raised = (key: keyof LimitCeiling) => Math.min(given(l[key]) ? l[key] : base[key], ceiling[key]);
  const tightened = (key: keyof GradeLimits) => Math.min(given(l[key]) ? l[key] : base[key], base[key]);
  return {
    cpuMsPerTest: raised('cpuMsPerTest'),
    cpuMs: raised('cpuMs'),
    wallMs: raised('wallMs'),
    memoryMb: Math.max(MIN_MEMORY_MB, Math.floor(raised('memoryMb'))),
    outputChars: Math.floor(tightened('outputChars')),
    maxSourceBytes: Math.floor(tightened('maxSourceBytes')),
  };
}
