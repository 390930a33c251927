// Latency summaries for the benchmarks.

/** The q-quantile of ascending `sorted` values (NaN when empty). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Milliseconds to one decimal. */
export const round = (ms: number) => Math.round(ms * 10) / 10;

/** Count, p50, p99 and max of some latencies (ms). */
export function summarize(values: number[]): { count: number; p50: number; p99: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: round(quantile(sorted, 0.5)),
    p99: round(quantile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/**
 * The event-loop delay timer of the load test's processes (prom-client's default in the deployment's,
 * `monitorEventLoopDelay` in the load's): an idle loop reads about this, a stall its length.
 */
export const LOOP_TIMER_MS = 10;
