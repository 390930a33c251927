import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

/** What a benchmark server reports after each phase: event loop stalls and garbage collection. */
export interface Diagnostics {
  loopP99Ms: number;
  loopMaxMs: number;
  gcCount: number;
  gcTotalMs: number;
  gcMaxMs: number;
  /** Young-generation collections (scavenges) among them, and their time: what pauses the server most often. */
  scavenges: number;
  scavengeMs: number;
  /** JavaScript heap in use, and memory outside it (buffers, the embedded database's WebAssembly memory). */
  heapMb: number;
  externalMb: number;
}

/**
 * A full garbage collection, now: memory a benchmark reads afterwards is what the process holds,
 * not the garbage its heap let pile up since its last major collection (`minor`: a collection of
 * the young generation alone). The process must run with --expose-gc (the benchmarks start their
 * servers so; nothing else calls it).
 */
export function collectGarbage(kind: 'major' | 'minor' = 'major'): void {
  const gc = (globalThis as { gc?: (options?: { type: 'major' | 'minor' }) => void }).gc;
  if (!gc) throw new Error('collectGarbage: start this process with --expose-gc');
  gc({ type: kind });
}

/** Starts watching this process; `take()` answers since the last call and starts over. */
export function watchProcess(): { take(): Diagnostics } {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  let gc = { count: 0, total: 0, max: 0, scavenges: 0, scavengeMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.count += 1;
      gc.total += entry.duration;
      gc.max = Math.max(gc.max, entry.duration);
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        gc.scavenges += 1;
        gc.scavengeMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ['gc'] });
  return {
    take() {
      const taken = {
        loopP99Ms: Math.round(loop.percentile(99) / 1e5) / 10,
        loopMaxMs: Math.round(loop.max / 1e5) / 10,
        gcCount: gc.count,
        gcTotalMs: Math.round(gc.total),
        gcMaxMs: Math.round(gc.max),
        scavenges: gc.scavenges,
        scavengeMs: Math.round(gc.scavengeMs),
        heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
        externalMb: Math.round(process.memoryUsage().external / 1e6),
      };
      loop.reset();
      gc = { count: 0, total: 0, max: 0, scavenges: 0, scavengeMs: 0 };
      return taken;
    },
  };
}
