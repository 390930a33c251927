/** Default limits and how a request tightens them. */
import type { GradeLimits } from './types.ts';

export type ResolvedLimits = Required<GradeLimits>;

export const DEFAULT_LIMITS: ResolvedLimits = {
  cpuMsPerTest: 2000,
  cpuMs: 5000,
  wallMs: 10000,
  memoryMb: 64,
  outputChars: 500,
  maxSourceBytes: 64 * 1024,
};

const MIN_MEMORY_MB = 16;

function pick(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Merges request limits over the defaults; a request can tighten limits but never exceed the defaults. */
export function resolveLimits(
  limits: GradeLimits | undefined,
  base: ResolvedLimits = DEFAULT_LIMITS,
): ResolvedLimits {
  const l = limits ?? {};
  const at = (key: keyof GradeLimits) => Math.min(pick(l[key], base[key]), base[key]);
  return {
    cpuMsPerTest: at('cpuMsPerTest'),
    cpuMs: at('cpuMs'),
    wallMs: at('wallMs'),
    memoryMb: Math.max(MIN_MEMORY_MB, Math.floor(at('memoryMb'))),
    outputChars: Math.floor(at('outputChars')),
    maxSourceBytes: Math.floor(at('maxSourceBytes')),
  };
}
