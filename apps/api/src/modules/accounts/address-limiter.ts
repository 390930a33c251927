import { retryLater } from '../../errors.ts';

/**
 * A per-address token bucket for public routes that have no session to count against (the reset
 * links): `burst` requests at once, then one every `refillMs`. Held in memory, per instance: a
 * reset token is 256 random bits, so the limit is there to keep scripts from hammering argon2 and the
 * database, not to stop guessing.
 */
export class AddressLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #burst: number;
  readonly #refillMs: number;
  readonly #now: () => number;

  constructor(burst: number, refillMs: number, now: () => number = Date.now) {
    this.#burst = burst;
    this.#refillMs = refillMs;
    this.#now = now;
  }

  /** Takes a token for the address, or throws a 429 saying when to try again. */
  take(address: string): void {
    const now = this.#now();
    if (this.#buckets.size >= 10_000) this.#sweep(now);
    const bucket = this.#buckets.get(address) ?? { tokens: this.#burst, at: now };
    const tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) / this.#refillMs);
    if (tokens < 1) {
      this.#buckets.set(address, { tokens, at: now });
      throw retryLater('TREMPLIN_ERR_TOO_MANY_REQUESTS', (1 - tokens) * this.#refillMs);
    }
    this.#buckets.set(address, { tokens: tokens - 1, at: now });
  }

  #sweep(now: number): void {
    for (const [address, bucket] of this.#buckets)
      if (bucket.tokens + (now - bucket.at) / this.#refillMs >= this.#burst) this.#buckets.delete(address);
  }
}
