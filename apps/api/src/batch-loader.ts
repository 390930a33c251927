/**
 * Reads by key, gathering requests into batches: those of one turn of the event loop, and those
 * that arrive while the previous batch is being read, which wait for it and then go together. A
 * burst of events or a lab connecting at once costs a few queries, not one each (the embedded
 * database runs in this thread), and the batches grow with the load instead of the queries.
 */
/** Reads closer than this to the previous one mean a busy moment (see `gatherMs`). */
const BUSY_MS = 50;

/**
 * How long the loaders of a storm of connections (sessions with their feeds, groups) gather keys
 * in a busy moment; never those of live events, whose latency it would add to. Measured on 3,000
 * sockets: 2 ms gave batches of about 7, and 10 ms of about 30.
 */
export const GATHER_MS = 10;

export class BatchLoader<K, V> {
  readonly #read: (keys: K[]) => Promise<Map<K, V>>;
  readonly #maxBatch: number;
  readonly #gatherMs: number;
  #lastReadAt = -Infinity;
  #pending = new Map<K, Array<{ resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>>();
  #reading = false;
  #scheduled = false;

  /**
   * `maxBatch` bounds the keys of one read (the size of its `in (…)` list). `gatherMs`: while reads
   * follow each other (busy), a batch waits this long for more keys before it is read. Node's HTTP
   * server hands over one upgrade per turn of the event loop, so a read issued at once (on the
   * embedded engine, then in this thread) served one socket per turn: a storm of connections was
   * read one by one (measured: 3,000 sockets in 15.7 s instead of 1.1 s).
   */
  constructor(read: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 500, gatherMs = 0) {
    this.#read = read;
    this.#maxBatch = maxBatch;
    this.#gatherMs = gatherMs;
  }

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#reading || this.#scheduled || this.#pending.size === 0) return;
    this.#scheduled = true;
    if (this.#gatherMs > 0 && performance.now() - this.#lastReadAt < BUSY_MS) {
      setTimeout(() => void this.#flush(), this.#gatherMs);
    } else {
      setImmediate(() => void this.#flush());
    }
  }

  async #flush(): Promise<void> {
    this.#scheduled = false;
    const batch = new Map<K, Array<{ resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>>();
    for (const [key, waiters] of this.#pending) {
      if (batch.size === this.#maxBatch) break;
      batch.set(key, waiters);
    }
    for (const key of batch.keys()) this.#pending.delete(key);
    this.#reading = true;
    this.#lastReadAt = performance.now();
    try {
      const found = await this.#read([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    } finally {
      this.#reading = false;
      this.#schedule();
    }
  }
}
