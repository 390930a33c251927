/** The harness's startup snapshot, made once per worker process. */
import ivm from 'isolated-vm';
import { harnessSource } from './harness-source.ts';
import { WARMUP } from './warmup.ts';

let snapshot: ivm.ExternalCopy<ArrayBuffer> | undefined;

/**
 * A V8 startup snapshot holding a context where the harness is already loaded, with the bytecode of its
 * functions compiled by a warm-up run: each job's isolate starts from it instead of compiling the harness.
 */
export function harnessSnapshot(): ivm.ExternalCopy<ArrayBuffer> {
  snapshot ??= ivm.Isolate.createSnapshot([{ code: harnessSource(), filename: 'harness.js' }], WARMUP);
  return snapshot;
}
