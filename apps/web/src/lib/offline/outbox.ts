import type { SubmissionAccepted } from '#lib/api/types.ts';
import type { OfflineStore, OutboxRecord } from './idb.ts';

/**
 * The outbox: submissions made offline (or whose send failed on the network) wait on the device
 * and are sent in the order they were made, each with its own idempotency key (the API answers a
 * key it has seen with the submission it created, so a resend after a lost acknowledgement never
 * makes a second one). A send that fails on the network stops the round (order is kept) and is
 * tried again after a growing delay, or at once when the link returns; a refusal that will not
 * change (a 4xx) drops the submission and tells whoever waits for it.
 */

export type Settled = { accepted: SubmissionAccepted } | { error: unknown };

export interface OutboxOptions {
  store: Pick<OfflineStore, 'outbox' | 'putOutbox' | 'deleteOutbox'>;
  send: (record: OutboxRecord) => Promise<SubmissionAccepted>;
  isTransient: (error: unknown) => boolean;
  now?: () => number;
  retryDelayMs?: (attempts: number) => number;
}

/** Delay after the n-th failed send (1-based): 2 s, 4 s, 8 s… at most 5 minutes. */
export function outboxRetryDelay(attempts: number): number {
  return Math.min(5 * 60_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

export interface DrainResult {
  sent: number;
  /** Submissions still waiting, and when the first of them may be tried again (null: none waits). */
  left: number;
  nextAttemptAt: number | null;
}

export class Outbox {
  readonly #o: Required<OutboxOptions>;
  readonly #listeners = new Set<(key: string, settled: Settled, record: OutboxRecord) => void>();
  #draining: Promise<DrainResult> | null = null;

  constructor(options: OutboxOptions) {
    this.#o = { now: Date.now, retryDelayMs: outboxRetryDelay, ...options };
  }

  /** Queues a submission after those already waiting. */
  async enqueue(
    item: Pick<OutboxRecord, 'key' | 'exerciseId' | 'payload' | 'createdAt'>,
  ): Promise<OutboxRecord> {
    const waiting = await this.#o.store.outbox();
    const same = waiting.find((r) => r.key === item.key);
    if (same) return same;
    const record: OutboxRecord = {
      ...item,
      // What will be sent is JSON: kept as such (a page's reactive state cannot be stored as it is).
      payload: JSON.parse(JSON.stringify(item.payload)) as OutboxRecord['payload'],
      seq: (waiting.at(-1)?.seq ?? 0) + 1,
      attempts: 0,
      nextAttemptAt: 0,
    };
    await this.#o.store.putOutbox(record);
    return record;
  }

  /** Called with each submission's outcome once it leaves the outbox (accepted or refused). */
  onSettled(listener: (key: string, settled: Settled, record: OutboxRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Sends what waits, in order, one round at a time. `force` (the link just returned, the page
   * just loaded) ignores the backoff.
   */
  drain({ force = false } = {}): Promise<DrainResult> {
    this.#draining ??= this.#round(force).finally(() => (this.#draining = null));
    return this.#draining;
  }

  async #round(force: boolean): Promise<DrainResult> {
    const { store, send, isTransient, now, retryDelayMs } = this.#o;
    const waiting = await store.outbox();
    let sent = 0;
    for (const [index, record] of waiting.entries()) {
      if (!force && now() < record.nextAttemptAt) return this.#left(waiting, index, sent);
      let settled: Settled;
      try {
        settled = { accepted: await send(record) };
        sent++;
      } catch (error) {
        if (isTransient(error)) {
          const attempts = record.attempts + 1;
          const failed = { ...record, attempts, nextAttemptAt: now() + retryDelayMs(attempts) };
          await store.putOutbox(failed);
          waiting[index] = failed;
          return this.#left(waiting, index, sent);
        }
        settled = { error };
      }
      await store.deleteOutbox(record.key);
      for (const listener of this.#listeners) listener(record.key, settled, record);
    }
    return { sent, left: 0, nextAttemptAt: null };
  }

  #left(waiting: OutboxRecord[], from: number, sent: number): DrainResult {
    return { sent, left: waiting.length - from, nextAttemptAt: waiting[from]!.nextAttemptAt };
  }
}
