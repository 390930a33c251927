/** Bundles the in-sandbox harness (src/harness) into one script, once per worker process. */
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import ivm from 'isolated-vm';
import { WARMUP } from './warmup.ts';

let cached: string | undefined;
let snapshot: ivm.ExternalCopy<ArrayBuffer> | undefined;

/**
 * A V8 startup snapshot holding a context where the harness is already loaded, with the bytecode of its
 * functions compiled by a warm-up run: each job's isolate starts from it instead of compiling the harness.
 */
export function harnessSnapshot(): ivm.ExternalCopy<ArrayBuffer> {
  snapshot ??= ivm.Isolate.createSnapshot([{ code: harnessSource(), filename: 'harness.js' }], WARMUP);
  return snapshot;
}

/** Source of the harness script (it leaves `__tremplinControl` and `__tremplinLoad` on the global). */
export function harnessSource(): string {
  if (cached !== undefined) return cached;
  const entry = fileURLToPath(new URL('../harness/index.ts', import.meta.url));
  const out = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    platform: 'neutral',
    target: 'es2024',
    minify: process.env.GRADER_PROFILE_HARNESS === undefined,
    write: false,
    logLevel: 'silent',
  });
  cached = out.outputFiles[0]!.text;
  return cached;
}
