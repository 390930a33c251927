import type { WebSocket } from '@fastify/websocket';
import { WS_CLOSE, type Locale, type ServerMessage } from '@tremplin/contracts';
import type { Actor } from '../modules/auth/auth.service.ts';
import type { ChannelStream } from './stream.ts';

export interface SocketLimits {
  /** Above this many bytes waiting in the socket, nothing more is written: the queue coalesces. */
  sendBufferBytes: number;
  /** A client whose queue grows past this many messages is disconnected (it resyncs on return). */
  maxQueued: number;
  /** A client that accepts nothing for this long is disconnected. */
  slowTimeoutMs: number;
}

const OPEN = 1;
let serials = 0;
const RETRY_MS = 25;
/** What a client may send: a burst of this many messages, refilled at this rate per second. */
const BURST = 60;
const PER_SECOND = 20;

/**
 * One client connection: what it follows and its outgoing queue. Messages wait in an ordered
 * queue written to the socket on the next turn of the event loop, never past the send-buffer
 * limit; queued events with the same key (one learner's tile) keep only the latest.
 */
export class LiveSocket {
  readonly socket: WebSocket;
  readonly actor: Actor;
  readonly locale: Locale;
  readonly subscriptions = new Map<string, ChannelStream>();
  /** Spreads sockets over the heartbeat's slices. */
  readonly serial = (serials += 1);
  /** Whether a pong (or any message) came since the last ping. */
  alive = true;
  /** Since when the socket follows nothing (undefined while it follows something). */
  idleSince: number | undefined = Date.now();
  readonly #limits: SocketLimits;
  /** Counts the messages written (the metrics). */
  readonly #sent: { inc(count: number): void } | undefined;
  /**
   * The outgoing queue: messages from #next to #end, oldest first, each with its coalescing key.
   * The two arrays are kept from one write to the next (a written slot is only emptied): a Map
   * emptied by every write reallocated its table each time, at thousands of sockets most of what
   * outlived the young generation and made its collections long (docs/performance.md).
   */
  readonly #payloads: Array<string | undefined> = [];
  readonly #keys: Array<string | undefined> = [];
  #next = 0;
  #end = 0;
  #scheduled = false;
  #retry: NodeJS.Timeout | undefined;
  #blockedSince: number | undefined;
  #closed = false;
  #tokens = BURST;
  #refilledAt = Date.now();
  #warnedAt = 0;

  constructor(
    socket: WebSocket,
    actor: Actor,
    locale: Locale,
    limits: SocketLimits,
    sent?: { inc(count: number): void },
  ) {
    this.socket = socket;
    this.actor = actor;
    this.locale = locale;
    this.#limits = limits;
    this.#sent = sent;
  }

  get closed(): boolean {
    return this.#closed || this.socket.readyState !== OPEN;
  }

  /**
   * Whether one more message from the client may be handled now (a token bucket). `warn` is true
   * the first time in a second it may not, so that the client is told once, not flooded.
   */
  take(now = Date.now()): { allowed: boolean; warn: boolean } {
    this.#tokens = Math.min(BURST, this.#tokens + ((now - this.#refilledAt) / 1000) * PER_SECOND);
    this.#refilledAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return { allowed: true, warn: false };
    }
    const warn = now - this.#warnedAt > 1000;
    if (warn) this.#warnedAt = now;
    return { allowed: false, warn };
  }

  /** Queues a message of its own (a reply, a snapshot). */
  send(message: ServerMessage): void {
    this.enqueue(JSON.stringify(message));
  }

  /** Queues a serialized message; one with the key of a queued one replaces it, at the end. */
  enqueue(payload: string, key?: string): void {
    if (this.closed) return;
    if (key !== undefined) this.#unqueue(key);
    this.#payloads[this.#end] = payload;
    this.#keys[this.#end] = key;
    this.#end += 1;
    if (this.#end - this.#next > this.#limits.maxQueued) {
      this.close(WS_CLOSE.tooSlow, 'too slow');
      return;
    }
    if (!this.#scheduled && !this.#retry) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
  }

  /** Closes the connection (the route's close handler then forgets it). */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#empty();
    clearTimeout(this.#retry);
    this.socket.close(code, reason);
  }

  /** Stops all sending: the socket is gone. */
  dispose(): void {
    this.#closed = true;
    this.#empty();
    clearTimeout(this.#retry);
  }

  /** Takes the queued message of `key` out, if any (there is at most one: each replaces the last). */
  #unqueue(key: string): void {
    const at = this.#keys.indexOf(key, this.#next);
    if (at < 0 || at >= this.#end) return;
    this.#payloads.copyWithin(at, at + 1, this.#end);
    this.#keys.copyWithin(at, at + 1, this.#end);
    this.#end -= 1;
    this.#payloads[this.#end] = undefined;
    this.#keys[this.#end] = undefined;
  }

  /** Moves what is still queued to the front, so that a queue written in parts does not creep on. */
  #compact(): void {
    if (this.#next === 0) return;
    const left = this.#end - this.#next;
    this.#payloads.copyWithin(0, this.#next, this.#end).fill(undefined, left, this.#end);
    this.#keys.copyWithin(0, this.#next, this.#end).fill(undefined, left, this.#end);
    this.#next = 0;
    this.#end = left;
  }

  #empty(): void {
    this.#payloads.fill(undefined, 0, this.#end);
    this.#keys.fill(undefined, 0, this.#end);
    this.#next = 0;
    this.#end = 0;
  }

  #flush(): void {
    this.#scheduled = false;
    this.#retry = undefined;
    if (this.closed) return;
    // The queued frames leave in one write (a greeting and its snapshots, a burst of tiles).
    const tcp = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    tcp?.cork();
    let sent: number;
    try {
      sent = this.#write();
    } finally {
      tcp?.uncork();
    }
    // Counted once per write, not per message: thousands of sockets share the counter.
    if (sent > 0) this.#sent?.inc(sent);
  }

  /** Writes what the send buffer takes; answers how many messages were written. */
  #write(): number {
    let sent = 0;
    while (this.#next < this.#end) {
      if (this.socket.bufferedAmount > this.#limits.sendBufferBytes) {
        const now = Date.now();
        this.#blockedSince ??= now;
        if (now - this.#blockedSince > this.#limits.slowTimeoutMs) {
          this.close(WS_CLOSE.tooSlow, 'too slow');
          return sent;
        }
        this.#compact();
        this.#retry = setTimeout(() => this.#flush(), RETRY_MS);
        return sent;
      }
      const payload = this.#payloads[this.#next]!;
      this.#payloads[this.#next] = undefined;
      this.#keys[this.#next] = undefined;
      this.#next += 1;
      this.socket.send(payload);
      sent += 1;
    }
    this.#next = 0;
    this.#end = 0;
    this.#blockedSince = undefined;
    return sent;
  }
}
