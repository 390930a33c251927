/**
 * Isolate lifecycle in a worker. Every job gets a fresh context; an isolate serves at most
 * MAX_JOBS_PER_ISOLATE jobs, and only while they end cleanly: a job that hit a limit (its code was
 * terminated), used WeakRef/FinalizationRegistry/SharedArrayBuffer/WebAssembly (whose effects could
 * outlive the context), or left a large heap retires its isolate. Creating an isolate from the harness
 * snapshot costs ~5 times a context, which is why isolates are shared by small batches of jobs.
 */
import ivm from 'isolated-vm';
import { harnessSnapshot } from './harness-script.ts';

/**
 * 32: a worker's CPU per typical job, measured at concurrency 16 (packages/grader/bench), was lowest at
 * 32 (1.9-2.1 ms) against 16 (2.3 ms) and 64 (2.2-2.4 ms, its garbage collections outweighing the
 * isolates saved). The ~300 KB each released context leaves until the isolate goes stays a few MB, and
 * the heap check below still retires an isolate early.
 */
export const MAX_JOBS_PER_ISOLATE = 32;
/** Heap left after a job above which its isolate is retired (fraction of the memory limit). */
const MAX_HEAP_SHARE = 0.25;

interface Slot {
  isolate: ivm.Isolate;
  memoryMb: number;
  jobs: number;
}

let active: Slot | null = null;
let spareContext: ivm.Context | null = null;
const retired: ivm.Isolate[] = [];
let deferCleanup = false;

/** Called when isolated-vm reports an unrecoverable error; the worker exits and the pool replaces it. */
let onCatastrophe: (message: string) => void = (message) => {
  process.stderr.write(`grader worker: catastrophic isolated-vm error: ${message}\n`);
  process.exit(70);
};

/** Lets the worker entry decide how to die on a catastrophic error. */
export function setCatastropheHandler(handler: (message: string) => void): void {
  onCatastrophe = handler;
}

/** Lets the worker dispose isolates after answering (see `tidy`) instead of during the job. */
export function deferCleanupToIdle(on: boolean): void {
  deferCleanup = on;
}

function retire(): void {
  if (active) retired.push(active.isolate);
  active = null;
  spareContext = null;
  if (!deferCleanup) disposeRetired();
}

function disposeRetired(): void {
  for (const isolate of retired.splice(0)) if (!isolate.isDisposed) isolate.dispose();
}

function ensureIsolate(memoryMb: number): Slot {
  if (
    active &&
    (active.memoryMb !== memoryMb || active.jobs >= MAX_JOBS_PER_ISOLATE || active.isolate.isDisposed)
  ) {
    retire();
  }
  active ??= {
    isolate: new ivm.Isolate({
      memoryLimit: memoryMb,
      snapshot: harnessSnapshot(),
      onCatastrophicError: (m) => onCatastrophe(m),
    }),
    memoryMb,
    jobs: 0,
  };
  return active;
}

export interface Lease {
  isolate: ivm.Isolate;
  context: ivm.Context;
  /** Gives the context back; `clean` says whether its isolate may serve another job. */
  release(clean: boolean): void;
}

/** A fresh context (never used by any job) in an isolate with the given memory limit. */
export function lease(memoryMb: number): Lease {
  const slot = ensureIsolate(memoryMb);
  slot.jobs++;
  const context = spareContext ?? slot.isolate.createContextSync();
  spareContext = null;
  return {
    isolate: slot.isolate,
    context,
    release(clean: boolean) {
      if (slot !== active) return;
      let keep = clean && !slot.isolate.isDisposed;
      if (keep) {
        context.release();
        keep =
          slot.isolate.getHeapStatisticsSync().used_heap_size < slot.memoryMb * 1024 * 1024 * MAX_HEAP_SHARE;
      }
      if (!keep) retire();
    },
  };
}

/**
 * Whether the next `tidy` has an isolate to dispose or to create (milliseconds of work, where preparing
 * the next context alone is a fraction of one).
 */
export function tidyIsHeavy(memoryMb: number): boolean {
  return (
    retired.length > 0 ||
    !active ||
    active.memoryMb !== memoryMb ||
    active.jobs >= MAX_JOBS_PER_ISOLATE ||
    active.isolate.isDisposed
  );
}

/** Disposes retired isolates and prepares the next job's context (run while the worker is idle). */
export function tidy(memoryMb: number): void {
  disposeRetired();
  const slot = ensureIsolate(memoryMb);
  if (!spareContext && slot.jobs < MAX_JOBS_PER_ISOLATE) spareContext = slot.isolate.createContextSync();
}
