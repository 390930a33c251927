/**
 * Results shared for a short while: every caller asking for the same key within `ttlMs` gets the
 * same answer, and callers arriving while it is being computed wait for that one computation. For
 * reads that are costly and need not be fresher than a few seconds (the programme's dashboard over
 * 15,000 learners), so that many readers cost the database one read per key and period. A failed
 * computation is not kept.
 */
export class SharedResults<T> {
  readonly #ttlMs: number;
  readonly #maxKeys: number;
  readonly #now: () => number;
  readonly #entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor({
    ttlMs,
    maxKeys = 500,
    now = Date.now,
  }: {
    ttlMs: number;
    maxKeys?: number;
    now?: () => number;
  }) {
    this.#ttlMs = ttlMs;
    this.#maxKeys = maxKeys;
    this.#now = now;
  }

  /**
   * The result of `key` within its period, else `compute`'s. With `madeAt`, a result's period starts
   * when it says it was made (a result computed elsewhere, earlier) rather than when it was asked for.
   */
  get(key: string, compute: () => Promise<T>, madeAt?: (value: T) => number): Promise<T> {
    const now = this.#now();
    const entry = this.#entries.get(key);
    if (entry && now - entry.at < this.#ttlMs) return entry.value;
    const value = compute();
    this.#entries.delete(key);
    // The oldest key goes first when full (a Map keeps insertion order).
    if (this.#entries.size >= this.#maxKeys) this.#entries.delete(this.#entries.keys().next().value!);
    const added = { at: now, value };
    this.#entries.set(key, added);
    value.then(
      (result) => {
        if (madeAt) added.at = madeAt(result);
      },
      () => {
        if (this.#entries.get(key) === added) this.#entries.delete(key);
      },
    );
    return value;
  }

  /** Forgets every result: the next caller of each key computes it again. */
  clear(): void {
    this.#entries.clear();
  }
}
