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
 */
export class RateLimiter {
  readonly #db: Db;
  readonly #config: FairUseConfig;
  readonly #now: () => Date;

  constructor(db: Db, config: FairUseConfig, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
  }

  /** Takes a token for the user's action, or throws a 429 saying how long to wait. */
  async take(userId: string, action: LimitedAction, locale: Locale): Promise<void> {
    if (!this.#config.enabled) return;
    const waitMs = await takeRateToken(this.#db, {
      userId,
      action,
      rule: this.#config.buckets[action],
      now: this.#now(),
    });
    if (waitMs > 0)
      throw retryLater('TREMPLIN_ERR_RATE_LIMITED', waitMs, { action: ACTION_WORDS[locale][action] });
  }
}
