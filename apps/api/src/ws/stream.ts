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

function serialize(event: UnnumberedEvent, seq: number): string {
  return JSON.stringify({ ...event, seq });
}

/**
 * A 53-bit fingerprint of `text` from `start` to `end` (two 32-bit multiplicative hashes): equal
 * texts have equal prints, and two different ones the same print about once in 9·10^15.
 */
export function fingerprint(text: string, start = 0, end = text.length): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = start; i < end; i += 1) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + (b & 0x1fffff);
}

/** The latest event of a coalescing key. */
interface Kept {
  seq: number;
  /** The key subscribers coalesce on (`channel|coalesceKey`), made once per coalescing key. */
  key: string;
  /** Undefined for an event its owner renders again when a client resumes (see `Rerender`). */
  payload: string | undefined;
}

/** An event to replay to a client back from a drop. */
interface Missed {
  seq: number;
  key: string | undefined;
  payload: string;
}

/** The current state of a coalescing key as an event, or undefined when it has none any more. */
export type Rerender = (coalesceKey: string) => UnnumberedEvent | undefined;

/**
 * One channel's numbered stream on this instance: events get consecutive sequence numbers within
 * an epoch and are serialized once for all subscribers. The latest event of each coalescing key
 * (a learner's tile, a help request) is kept, or rendered again from its owner's state, so that
 * a client back from a drop gets the state it missed; an event superseded by a later one of the
 * same key is not needed any more.
 */
export class ChannelStream {
  readonly channel: string;
  readonly epoch = randomUUID();
  readonly subscribers = new Set<StreamSubscriber>();
  #seq = 0;
  /**
   * The latest event of each coalescing key, updated in place: a learner's tile replaces the
   * previous one without a new record or a reordered map (whose tables, rebuilt as keys moved to
   * the end, outlived the young generation at every emit). Made at the first keyed event: most
   * learners' feeds stay quiet for a whole connection.
   */
  #keyed: Map<string, Kept> | undefined;
  /** Events without a key, oldest first. */
  readonly #unkeyed: Missed[] = [];
  /** Events up to this seq may have been dropped unreplaced: no resume from before it. */
  #forgottenUpTo = 0;
  readonly #rerender: Rerender | undefined;

  /**
   * `rerender` lets the owner keep nothing but the seq of events it can render again from its
   * state (a learner's tile): a client back from a drop gets their current state under the seq
   * of their latest event, and the stream holds no copy of them.
   */
  constructor(channel: string, rerender?: Rerender) {
    this.channel = channel;
    this.#rerender = rerender;
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
    return serialize(event, this.#seq + 1);
  }

  /**
   * Emits what `serializeNext` made; throws if the stream emitted something in between. With
   * `keep: 'seq'` (a stream made with `rerender`), the payload itself is not kept.
   */
  emitNext(payload: string, coalesceKey?: string, keep: 'payload' | 'seq' = 'payload'): void {
    const seq = this.#seq + 1;
    if (!payload.endsWith(`${SEQ_MARK}${seq}}`))
      throw new Error(`${this.channel}: an event serialized for another seq than ${seq}`);
    if (keep === 'seq' && (coalesceKey === undefined || !this.#rerender))
      throw new Error(`${this.channel}: only a keyed event of a stream that renders again keeps no payload`);
    this.#seq = seq;
    let key: string | undefined;
    if (coalesceKey === undefined) this.#unkeyed.push({ seq, key, payload });
    else {
      const stored = keep === 'seq' ? undefined : payload;
      const kept = this.#keyed?.get(coalesceKey);
      if (kept) {
        kept.seq = seq;
        kept.payload = stored;
        key = kept.key;
      } else {
        key = `${this.channel}|${coalesceKey}`;
        (this.#keyed ??= new Map()).set(coalesceKey, { seq, key, payload: stored });
      }
    }
    if ((this.#keyed?.size ?? 0) + this.#unkeyed.length > KEPT) this.#forgetOldest();
    for (const socket of this.subscribers) socket.enqueue(payload, key);
  }

  /**
   * What a client holding `seq` missed, oldest first (superseded events left out), or undefined
   * when some of it is no longer kept.
   */
  since(seq: number): Missed[] | undefined {
    if (seq > this.#seq || seq < this.#forgottenUpTo) return undefined;
    const missed: Missed[] = [];
    for (const [coalesceKey, kept] of this.#keyed ?? []) {
      if (kept.seq <= seq) continue;
      let payload = kept.payload;
      if (payload === undefined) {
        const event = this.#rerender?.(coalesceKey);
        if (!event) continue;
        payload = serialize(event, kept.seq);
      }
      missed.push({ seq: kept.seq, key: kept.key, payload });
    }
    for (const event of this.#unkeyed) if (event.seq > seq) missed.push(event);
    return missed.sort((a, b) => a.seq - b.seq);
  }

  /** Drops the oldest event kept, keyed or not: a resume from before it is no longer possible. */
  #forgetOldest(): void {
    let oldestKey: string | undefined;
    let oldest = this.#unkeyed[0]?.seq ?? Number.POSITIVE_INFINITY;
    for (const [key, kept] of this.#keyed ?? []) {
      if (kept.seq < oldest) {
        oldest = kept.seq;
        oldestKey = key;
      }
    }
    if (oldestKey === undefined) this.#unkeyed.shift();
    else this.#keyed?.delete(oldestKey);
    this.#forgottenUpTo = oldest;
  }
}
