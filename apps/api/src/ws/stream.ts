import { randomUUID } from 'node:crypto';
import type { ChannelEvent } from '@tremplin/contracts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the stream numbers it. */
export type UnnumberedEvent = DistributiveOmit<ChannelEvent, 'seq'>;

/** What a stream hands its events to (a client connection): the stream knows nothing else of it. */
export interface StreamSubscriber {
  /** Queues a serialized event; one with the key of a queued one replaces it. */
  enqueue(payload: string, key?: string): void;
}

/** Events kept for resuming; a group's (one tile per learner, its open requests) stays far below. */
const KEPT = 256;

/**
 * Where a serialized event's seq starts: its last member. A string inside the event cannot hold
 * it (its quotes would be escaped), so the last occurrence ends the event's own members.
 */
export const SEQ_MARK = ',"seq":';

interface Kept {
  seq: number;
  key: string | undefined;
  payload: string;
}

/**
 * One channel's numbered stream on this instance: events get consecutive sequence numbers within
 * an epoch and are serialized once for all subscribers. The latest event of each coalescing key
 * (a learner's tile, a help request) is kept, so that a client back from a drop gets exactly the
 * state it missed; an event superseded by a later one of the same key is not needed any more.
 */
export class ChannelStream {
  readonly channel: string;
  readonly epoch = randomUUID();
  readonly subscribers = new Set<StreamSubscriber>();
  #seq = 0;
  /** Kept events by key, in increasing seq (a re-keyed event moves to the end). */
  readonly #kept = new Map<string, Kept>();
  /** Events up to this seq may have been dropped unreplaced: no resume from before it. */
  #forgottenUpTo = 0;

  constructor(channel: string) {
    this.channel = channel;
  }

  get seq(): number {
    return this.#seq;
  }

  /**
   * Numbers an event and queues it on every subscriber. Events with the same coalescing key (the
   * same learner's tile) replace each other in a slow subscriber's queue: the latest state wins.
   */
  emit(event: UnnumberedEvent, coalesceKey?: string): void {
    this.emitNext(this.serializeNext(event), coalesceKey);
  }

  /**
   * `event` serialized as this stream's next event, its seq included: one flat string, kept and
   * written to every subscriber as it is (a string built by concatenation would be copied again
   * at each socket's write). Hand it to `emitNext` before the stream emits anything else.
   */
  serializeNext(event: UnnumberedEvent): string {
    return JSON.stringify({ ...event, seq: this.#seq + 1 });
  }

  /** Emits what `serializeNext` made; throws if the stream emitted something in between. */
  emitNext(payload: string, coalesceKey?: string): void {
    const seq = this.#seq + 1;
    if (!payload.endsWith(`${SEQ_MARK}${seq}}`))
      throw new Error(`${this.channel}: an event serialized for another seq than ${seq}`);
    this.#seq = seq;
    const key = coalesceKey === undefined ? undefined : `${this.channel}|${coalesceKey}`;
    const slot = key ?? `#${this.#seq}`;
    this.#kept.delete(slot);
    this.#kept.set(slot, { seq: this.#seq, key, payload });
    if (this.#kept.size > KEPT) {
      const [oldestSlot, oldest] = this.#kept.entries().next().value!;
      this.#kept.delete(oldestSlot);
      this.#forgottenUpTo = oldest.seq;
    }
    for (const socket of this.subscribers) socket.enqueue(payload, key);
  }

  /** The latest event kept under a coalescing key (as sent, its seq included), if still kept. */
  latest(coalesceKey: string): string | undefined {
    return this.#kept.get(`${this.channel}|${coalesceKey}`)?.payload;
  }

  /**
   * What a client holding `seq` missed, oldest first (superseded events left out), or undefined
   * when some of it is no longer kept.
   */
  since(seq: number): Array<{ key: string | undefined; payload: string }> | undefined {
    if (seq > this.#seq || seq < this.#forgottenUpTo) return undefined;
    const missed: Kept[] = [];
    for (const kept of this.#kept.values()) if (kept.seq > seq) missed.push(kept);
    return missed;
  }
}
