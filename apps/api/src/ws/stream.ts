import { randomUUID } from 'node:crypto';
import type { ChannelEvent } from '@tremplin/contracts';
import type { LiveSocket } from './live-socket.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before the stream numbers it. */
export type UnnumberedEvent = DistributiveOmit<ChannelEvent, 'seq'>;

const RING_SIZE = 512;

/**
 * One channel's numbered stream on this instance: events get consecutive sequence numbers within
 * an epoch, are serialized once for all subscribers, and the last few hundred are kept so that a
 * client back from a short drop gets exactly what it missed.
 */
export class ChannelStream {
  readonly channel: string;
  readonly epoch = randomUUID();
  readonly subscribers = new Set<LiveSocket>();
  #seq = 0;
  /** The last RING_SIZE events: slot `seq % RING_SIZE` holds event `seq`. */
  readonly #ring: Array<{ key: string | undefined; payload: string } | undefined> = new Array(RING_SIZE);

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
    this.emitSerialized(JSON.stringify(event), coalesceKey);
  }

  /** `emit` for an event already serialized (a JSON object): the seq is appended to it. */
  emitSerialized(json: string, coalesceKey?: string): void {
    this.#seq += 1;
    const payload = `${json.slice(0, -1)},"seq":${this.#seq}}`;
    const key = coalesceKey === undefined ? undefined : `${this.channel}|${coalesceKey}`;
    this.#ring[this.#seq % RING_SIZE] = { key, payload };
    for (const socket of this.subscribers) socket.enqueue(payload, key);
  }

  /** The serialized events after `seq`, or undefined when they are no longer all kept. */
  since(seq: number): Array<{ key: string | undefined; payload: string }> | undefined {
    if (seq > this.#seq || this.#seq - seq > RING_SIZE) return undefined;
    const missed: Array<{ key: string | undefined; payload: string }> = [];
    for (let s = seq + 1; s <= this.#seq; s += 1) missed.push(this.#ring[s % RING_SIZE]!);
    return missed;
  }
}
