/**
 * Reads by key, gathering requests into batches: those of one turn of the event loop, and those
 * that arrive while the previous batch is being read, which wait for it and then go together. A
 * burst of events or a lab connecting at once costs a few queries, not one each (the embedded
 * database runs in this thread), and the batches grow with the load instead of the queries.
 */
export class BatchLoader<K, V> {
  readonly #read: (keys: K[]) => Promise<Map<K, V>>;
  readonly #maxBatch: number;
  #pending = new Map<K, Array<{ resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>>();
  #reading = false;
  #scheduled = false;

  /** `maxBatch` bounds the keys of one read (the size of its `in (…)` list). */
  constructor(read: (keys: K[]) => Promise<Map<K, V>>, maxBatch = 500) {
    this.#read = read;
    this.#maxBatch = maxBatch;
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
    setImmediate(() => void this.#flush());
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
