/**
 * Reads by key, gathering the requests of one turn of the event loop into one read: a burst of
 * events that each need a row costs one query (the embedded database runs in this thread).
 */
export class BatchLoader<K, V> {
  readonly #read: (keys: K[]) => Promise<Map<K, V>>;
  #pending = new Map<K, Array<{ resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>>();

  constructor(read: (keys: K[]) => Promise<Map<K, V>>) {
    this.#read = read;
  }

  load(key: K): Promise<V | undefined> {
    return new Promise((resolve, reject) => {
      if (this.#pending.size === 0) setImmediate(() => void this.#flush());
      const waiting = this.#pending.get(key);
      if (waiting) waiting.push({ resolve, reject });
      else this.#pending.set(key, [{ resolve, reject }]);
    });
  }

  async #flush(): Promise<void> {
    const batch = this.#pending;
    this.#pending = new Map();
    try {
      const found = await this.#read([...batch.keys()]);
      for (const [key, waiters] of batch) for (const w of waiters) w.resolve(found.get(key));
    } catch (error) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(error);
    }
  }
}
