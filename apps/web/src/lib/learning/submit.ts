/**
 * Submitting at most once per attempt. The API deduplicates on an idempotency key: the same key
 * always means the same submission. So:
 * - a double click while a submission is on its way returns the same promise (one request);
 * - a failed request (network, gateway) is retried with the same key, automatically a few times,
 *   then again when the student clicks once more — without creating a second submission if the
 *   first one did reach the server;
 * - once accepted, the next submission is a new attempt with a new key;
 * - a retry with a different payload (the student changed their answer meanwhile) is a new attempt.
 */

export interface SubmitterOptions {
  newKey?: () => string;
  /** Automatic retries after a transient failure (same key). */
  retries?: number;
  isTransient?: (error: unknown) => boolean;
  /** Delay before retry n (1-based). */
  retryDelayMs?: (retry: number) => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Submitter<P, R> {
  submit(payload: P): Promise<R>;
  /** True while a submission is on its way. */
  readonly pending: boolean;
  /** The key the next `submit` of the same payload will use, if an attempt is open (for tests). */
  readonly currentKey: string | null;
}

export function createSubmitter<P, R>(
  send: (idempotencyKey: string, payload: P) => Promise<R>,
  options: SubmitterOptions = {},
): Submitter<P, R> {
  const {
    newKey = () => crypto.randomUUID(),
    retries = 2,
    isTransient = () => false,
    retryDelayMs = (n) => 500 * n,
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  } = options;

  let inFlight: Promise<R> | null = null;
  /** The open attempt: its key and the payload it was for. */
  let attempt: { key: string; fingerprint: string } | null = null;

  async function sendWithRetries(key: string, payload: P): Promise<R> {
    for (let retry = 0; ; retry++) {
      try {
        return await send(key, payload);
      } catch (error) {
        if (retry >= retries || !isTransient(error)) throw error;
        await sleep(retryDelayMs(retry + 1));
      }
    }
  }

  return {
    get pending() {
      return inFlight !== null;
    },
    get currentKey() {
      return attempt?.key ?? null;
    },
    submit(payload) {
      if (inFlight) return inFlight;
      const fingerprint = JSON.stringify(payload);
      if (!attempt || attempt.fingerprint !== fingerprint) attempt = { key: newKey(), fingerprint };
      const { key } = attempt;
      inFlight = sendWithRetries(key, payload).then(
        (result) => {
          // Accepted: this attempt is over, the next click is a new one.
          if (attempt?.key === key) attempt = null;
          inFlight = null;
          return result;
        },
        (error: unknown) => {
          // Not accepted (or not known to be): keep the key so that trying again is safe.
          // A refusal that will not change (e.g. 400, 413) closes the attempt.
          if (!isTransient(error) && attempt?.key === key) attempt = null;
          inFlight = null;
          throw error;
        },
      );
      return inFlight;
    },
  };
}

/**
 * Whether a click is the second (or a later) click of a double click. A submit button ignores it: the
 * first click's submission can be graded before the second click comes (an answer exercise is graded
 * at once, a short program in tens of milliseconds), and that second click would then be a new
 * attempt the learner did not mean. A keyboard's activation has no click count and always submits.
 */
export function isRepeatClick(event: Pick<MouseEvent, 'detail'>): boolean {
  return event.detail > 1;
}
