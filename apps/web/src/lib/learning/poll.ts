/**
 * Polling with backoff, for a submission being graded: first checks every 300–500 ms (grading is
 * usually quick), then less and less often so a slow grader or a slow link is not flooded.
 */

export interface BackoffOptions {
  /** First delay (ms). */
  initialMs?: number;
  /** Each delay is the previous one times this. */
  factor?: number;
  /** Delays never exceed this (ms). */
  maxMs?: number;
}

export const DEFAULT_BACKOFF = { initialMs: 300, factor: 1.25, maxMs: 2000 } as const;

/** Delay before the (attempt+1)-th check, attempt starting at 0: 300, 375, 469, … capped at maxMs. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { initialMs, factor, maxMs } = { ...DEFAULT_BACKOFF, ...options };
  return Math.min(maxMs, Math.round(initialMs * factor ** Math.max(0, attempt)));
}

export class PollTimeoutError extends Error {
  override readonly name = 'PollTimeoutError';
}

export interface PollOptions<T> extends BackoffOptions {
  /** Stop checking once this is true of the latest value. */
  isDone: (value: T) => boolean;
  /** Gives up (PollTimeoutError) after this long (ms). */
  timeoutMs?: number;
  /** A failed check is retried (with the same backoff) while this says so, at most `maxErrors` times in a row. */
  isTransient?: (error: unknown) => boolean;
  maxErrors?: number;
  signal?: AbortSignal;
  /** Called with each value seen, done or not (e.g. "queued" → "grading"). */
  onValue?: (value: T) => void;
  /**
   * Settles when the value is known to be done (the live feed heard the grade): the wait under way
   * ends at once and the next check comes now. Heard once; the backoff goes on after it.
   */
  wake?: Promise<void>;
  /** Injected in tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `check` until `isDone(value)`: waits before each call, with growing delays. */
export async function pollUntil<T>(
  check: (signal?: AbortSignal) => Promise<T>,
  options: PollOptions<T>,
): Promise<T> {
  const {
    isDone,
    timeoutMs = 120_000,
    isTransient = () => false,
    maxErrors = 5,
    signal,
    onValue,
    sleep: wait = sleep,
    now = Date.now,
  } = options;
  const started = now();
  let errors = 0;
  let wake = options.wake;
  const pause = async (ms: number): Promise<void> => {
    const waiting = wait(ms, signal);
    if (!wake) return waiting;
    // Left behind when woken: its end (or its abort) is of no interest then.
    waiting.catch(() => {});
    const woken = await Promise.race([waiting.then(() => false), wake.then(() => true)]);
    if (woken) wake = undefined;
  };
  for (let attempt = 0; ; attempt++) {
    await pause(backoffDelay(attempt, options));
    signal?.throwIfAborted();
    let value: T;
    try {
      value = await check(signal);
    } catch (error) {
      if (signal?.aborted || !isTransient(error) || ++errors > maxErrors) throw error;
      continue;
    }
    errors = 0;
    onValue?.(value);
    if (isDone(value)) return value;
    if (now() - started >= timeoutMs) throw new PollTimeoutError('still not done');
  }
}
