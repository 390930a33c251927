import type { Locale } from '@tremplin/contracts';
import { takeRateToken, type Db } from '@tremplin/db';
import type { FairUseConfig, LimitedAction } from '../config.ts';
import { retryLater } from '../errors.ts';

/** What the limit message calls each action ("Trop d’exécutions…", "Too many runs…"). */
const ACTION_WORDS: Record<Locale, Record<LimitedAction, string>> = {
  fr: {
    runs: 'd’exécutions',
    submissions: 'de soumissions',
    help: 'de demandes d’aide',
    messages: 'de messages',
  },
  en: { runs: 'runs', submissions: 'submissions', help: 'help requests', messages: 'messages' },
};

/**
 * Per-user token buckets, one per limited action, kept in the database so that every API instance
 * counts against the same limit. One statement per request; nothing is written when a request is refused.
 * A refusal is remembered on this instance until a token is back (only time adds tokens), so that a
 * flood of refused requests costs no statement at all.
 */
export class RateLimiter {
  readonly #db: Db;
  readonly #config: FairUseConfig;
  readonly #now: () => Date;
  /** `user:action` -> the moment (epoch ms) before which the bucket is known to be empty. */
  readonly #emptyUntil = new Map<string, number>();

  constructor(db: Db, config: FairUseConfig, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
  }

  /** Takes a token for the user's action, or throws a 429 saying how long to wait. */
  async take(userId: string, action: LimitedAction, locale: Locale): Promise<void> {
    if (!this.#config.enabled) return;
    const now = this.#now();
    this.refuseFromMemory(userId, action, locale);
    const waitMs = await takeRateToken(this.#db, {
      userId,
      action,
      rule: this.#config.buckets[action],
      now,
    });
    if (waitMs <= 0) return;
    this.#remember(`${userId}:${action}`, now.getTime() + waitMs);
    throw this.#refusal(waitMs, action, locale);
  }

  /**
   * Throws the 429 when this instance already knows the bucket is empty; otherwise the database
   * decides. Costs no statement.
   */
  refuseFromMemory(userId: string, action: LimitedAction, locale: Locale): void {
    if (!this.#config.enabled) return;
    const key = `${userId}:${action}`;
    const waitMs = (this.#emptyUntil.get(key) ?? 0) - this.#now().getTime();
    if (waitMs > 0) throw this.#refusal(waitMs, action, locale);
    this.#emptyUntil.delete(key);
  }

  #refusal(waitMs: number, action: LimitedAction, locale: Locale) {
    return retryLater('TREMPLIN_ERR_RATE_LIMITED', waitMs, { action: ACTION_WORDS[locale][action] });
  }

  #remember(key: string, until: number): void {
    // Entries of users gone quiet are swept now and then, so the map stays the size of the active flooders.
    if (this.#emptyUntil.size >= 10_000) {
      const now = this.#now().getTime();
      for (const [k, t] of this.#emptyUntil) if (t <= now) this.#emptyUntil.delete(k);
    }
    this.#emptyUntil.set(key, until);
  }
}
