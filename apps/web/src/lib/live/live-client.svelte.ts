// The tab's one WebSocket to /ws (same origin, cookie session). Components subscribe to channels and
// get the channel's state (snapshot plus the events after it); after a drop the client reconnects
// with backoff and resumes each channel from the seq it holds.
import type { ChannelEvent, ClientMessage, ServerMessage } from '@tremplin/contracts';
import { applyEvent, applySnapshot, backoffMs, type ChannelState, type SnapshotData } from './live-state.ts';

export type LiveStatus = 'connecting' | 'online' | 'offline';

/** Close codes of the protocol (WS_CLOSE in the contracts, repeated here to keep typebox out). */
const CLOSE_UNAUTHENTICATED = 4001;
const DEFAULT_HEARTBEAT_MS = 30_000;

export interface ChannelListener<D extends SnapshotData> {
  onState: (state: ChannelState<D>) => void;
  /** The server refused the channel (not allowed, unknown): a message to show. */
  onError?: (error: { code: string; message: string }) => void;
  /** Each new event of the channel, after the state was updated (for events that change no state). */
  onEvent?: (event: ChannelEvent) => void;
}

interface Subscription {
  state: ChannelState | undefined;
  listeners: Set<ChannelListener<SnapshotData>>;
}

const EVENT_TYPES = new Set(['tile', 'help', 'session', 'draft', 'message', 'unread', 'graded', 'reviewed']);

function isChannelEvent(message: ServerMessage): message is ChannelEvent {
  return EVENT_TYPES.has(message.type);
}

export class LiveClient {
  /** Reactive: shown in the UI ("Hors ligne — reconnexion…"). */
  status = $state<LiveStatus>('offline');
  /** The session ended: no reconnection until the next sign-in. */
  signedOut = $state(false);

  #socket: WebSocket | undefined;
  // Bookkeeping, not UI state: listeners are called explicitly.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose
  #subscriptions = new Map<string, Subscription>();
  #focus: string | null | undefined;
  #attempt = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #pingTimer: ReturnType<typeof setInterval> | undefined;
  #heartbeatMs = DEFAULT_HEARTBEAT_MS;
  #lastHeard = 0;
  /** The channels and focus sent with the current socket's upgrade (`/ws?messages=…`). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose
  #opened = new Set<string>();
  #openedFocus: string | null | undefined;
  readonly #url: () => string;

  constructor(url: () => string = defaultUrl) {
    this.#url = url;
    if (typeof window !== 'undefined') {
      window.addEventListener('online', () => this.#reconnectNow());
    }
  }

  /** Subscribes to a channel; returns the unsubscribe function (an `$effect` cleanup). */
  subscribe<D extends SnapshotData>(channel: string, listener: ChannelListener<D>): () => void {
    const typed = listener as unknown as ChannelListener<SnapshotData>;
    let sub = this.#subscriptions.get(channel);
    if (!sub) {
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose
      sub = { state: undefined, listeners: new Set() };
      this.#subscriptions.set(channel, sub);
      this.#send({ type: 'subscribe', channel });
    } else if (sub.state) {
      typed.onState(sub.state);
    }
    sub.listeners.add(typed);
    this.#ensureOpen();
    return () => {
      const current = this.#subscriptions.get(channel);
      if (!current) return;
      current.listeners.delete(typed);
      if (current.listeners.size > 0) return;
      this.#subscriptions.delete(channel);
      this.#send({ type: 'unsubscribe', channel });
      this.#closeIfUnused();
    };
  }

  /** A learner's client says which exercise it shows (null: none). */
  focus(exerciseId: string | null): void {
    if (this.#focus === exerciseId) return;
    this.#focus = exerciseId;
    this.#send({ type: 'focus', exerciseId });
  }

  /** Forgets everything (sign-out). */
  reset(): void {
    this.#subscriptions.clear();
    this.#focus = undefined;
    this.signedOut = false;
    this.#teardown();
    this.status = 'offline';
  }

  #ensureOpen(): void {
    if (this.#socket || this.#retryTimer || typeof WebSocket === 'undefined') return;
    this.signedOut = false;
    this.#open();
  }

  #closeIfUnused(): void {
    if (this.#subscriptions.size > 0 || this.#focus) return;
    this.#teardown();
    this.status = 'offline';
  }

  /**
   * The messages sent with the upgrade: every subscription (resuming those it holds a state of)
   * and the focus. The server answers them with the greeting, without another round trip.
   */
  #openingMessages(): ClientMessage[] {
    const messages: ClientMessage[] = [];
    for (const [channel, sub] of this.#subscriptions) {
      messages.push(subscribeMessage(channel, sub));
    }
    if (this.#focus !== undefined) messages.push({ type: 'focus', exerciseId: this.#focus });
    return messages;
  }

  #open(): void {
    this.status = 'connecting';
    let socket: WebSocket;
    const messages = this.#openingMessages();
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- not reactive on purpose
    this.#opened = new Set(this.#subscriptions.keys());
    this.#openedFocus = this.#focus;
    const query = messages.length > 0 ? `?messages=${encodeURIComponent(JSON.stringify(messages))}` : '';
    try {
      socket = new WebSocket(this.#url() + query);
    } catch {
      this.#scheduleRetry();
      return;
    }
    this.#socket = socket;
    socket.onmessage = (event) => {
      if (socket !== this.#socket) return;
      this.#lastHeard = Date.now();
      let message: ServerMessage;
      try {
        message = JSON.parse(String(event.data)) as ServerMessage;
      } catch {
        return;
      }
      this.#receive(message);
    };
    socket.onclose = (event) => {
      if (socket !== this.#socket) return;
      this.#socket = undefined;
      this.#stopPing();
      if (event.code === CLOSE_UNAUTHENTICATED) {
        this.signedOut = true;
        this.status = 'offline';
        return;
      }
      if (this.#subscriptions.size === 0 && !this.#focus) {
        this.status = 'offline';
        return;
      }
      this.#scheduleRetry();
    };
  }

  #receive(message: ServerMessage): void {
    switch (message.type) {
      case 'hello':
        this.#attempt = 0;
        this.status = 'online';
        this.#heartbeatMs = message.heartbeatMs > 0 ? message.heartbeatMs : DEFAULT_HEARTBEAT_MS;
        this.#startPing();
        // What changed since the upgrade left: the server handled the upgrade's own messages.
        for (const [channel, sub] of this.#subscriptions) {
          if (this.#opened.has(channel)) continue;
          this.#send(subscribeMessage(channel, sub));
        }
        for (const channel of this.#opened) {
          if (!this.#subscriptions.has(channel)) this.#send({ type: 'unsubscribe', channel });
        }
        if (this.#focus !== undefined && this.#focus !== this.#openedFocus) {
          this.#send({ type: 'focus', exerciseId: this.#focus });
        }
        return;
      case 'snapshot': {
        const sub = this.#subscriptions.get(message.channel);
        if (!sub) return;
        sub.state = applySnapshot(message.epoch, message.seq, message.data, message.serverTime);
        this.#notify(sub);
        return;
      }
      case 'resumed': {
        const sub = this.#subscriptions.get(message.channel);
        if (sub?.state) sub.state = { ...sub.state, epoch: message.epoch };
        return;
      }
      case 'error': {
        if (!message.channel) return;
        const sub = this.#subscriptions.get(message.channel);
        if (!sub) return;
        for (const listener of sub.listeners)
          listener.onError?.({ code: message.code, message: message.message });
        return;
      }
      default:
        if (!isChannelEvent(message)) return;
        {
          const sub = this.#subscriptions.get(message.channel);
          if (!sub) return;
          const next = applyEvent(sub.state, message);
          if (next === sub.state) return; // stale, or before the snapshot
          sub.state = next;
          this.#notify(sub);
          for (const listener of sub.listeners) listener.onEvent?.(message);
        }
    }
  }

  #notify(sub: Subscription): void {
    const state = sub.state;
    if (!state) return;
    for (const listener of sub.listeners) listener.onState(state);
  }

  #send(message: ClientMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN && this.status === 'online') {
      this.#socket.send(JSON.stringify(message));
    }
  }

  #startPing(): void {
    this.#stopPing();
    this.#lastHeard = Date.now();
    this.#pingTimer = setInterval(() => {
      // Nothing heard for two heartbeats: the connection is dead even if the browser has not noticed.
      if (Date.now() - this.#lastHeard > 2 * this.#heartbeatMs) {
        this.#socket?.close();
        const socket = this.#socket;
        this.#socket = undefined;
        if (socket) socket.onclose = null;
        this.#stopPing();
        this.#scheduleRetry();
        return;
      }
      this.#send({ type: 'ping' });
    }, this.#heartbeatMs);
  }

  #stopPing(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    this.#pingTimer = undefined;
  }

  #scheduleRetry(): void {
    this.status = 'offline';
    if (this.#retryTimer) return;
    const delay = backoffMs(this.#attempt++);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (this.#subscriptions.size > 0 || this.#focus) this.#open();
    }, delay);
  }

  #reconnectNow(): void {
    if (this.#socket || this.signedOut) return;
    if (this.#subscriptions.size === 0 && !this.#focus) return;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#attempt = 0;
    this.#open();
  }

  #teardown(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#stopPing();
    const socket = this.#socket;
    this.#socket = undefined;
    if (socket) {
      socket.onclose = null;
      socket.onmessage = null;
      socket.close(1000);
    }
  }
}

/** Subscribes to a channel, resuming from the state held, if any. */
function subscribeMessage(channel: string, sub: Subscription): ClientMessage {
  return sub.state
    ? { type: 'subscribe', channel, resume: { epoch: sub.state.epoch, seq: sub.state.seq } }
    : { type: 'subscribe', channel };
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/ws`;
}

/** The tab's connection. */
export const live = new LiveClient();
