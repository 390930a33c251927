/** Bundles the in-sandbox harness (src/harness) into one script, once per process. */
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

let cached: string | undefined;

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
