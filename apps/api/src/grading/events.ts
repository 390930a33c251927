import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { HelpRequestView } from '@tremplin/contracts';
import type { NotifyChannel } from '@tremplin/db';

/**
 * What happened, in a few ids and counters: listeners fetch the details they need (a new help
 * request also carries its view).
 */
export type PlatformEvent =
  | { type: 'submission.queued'; submissionId: string; userId: string; exerciseId: string }
  | {
      type: 'submission.graded';
      submissionId: string;
      userId: string;
      exerciseId: string;
      status: 'graded' | 'error';
      score: number | null;
      maxScore: number;
      passed: number | null;
      total: number | null;
    }
  | {
      type: 'run.completed';
      runId: string;
      userId: string;
      exerciseId: string;
      passed: number;
      total: number;
    }
  | {
      type: 'help.requested';
      helpRequestId: string;
      userId: string;
      groupId: string;
      exerciseId: string | null;
      /**
       * The new request as tutors see it, when it is small enough to travel: every instance's
       * grid and the learner's feed show it without reading it back (one read per instance less).
       */
      view?: HelpRequestView;
    }
  | { type: 'draft.saved'; userId: string; exerciseId: string }
  /** A learner's device had nothing left to send (its tile shows when), `at` in ms since the epoch. */
  | { type: 'learner.synced'; userId: string; at: number }
  /** A grader decided on a flag of a learner's submission (the tutor's learner page follows it). */
  | {
      type: 'submission.reviewed';
      submissionId: string;
      userId: string;
      exerciseId: string;
      flagId: string;
      decision: 'confirmed' | 'overridden' | 'misconduct' | 'dismissed' | 'accepted';
    }
  /** A help request was taken, answered, resolved or cancelled. */
  | { type: 'help.updated'; helpRequestId: string; userId: string; groupId: string }
  /** A tutor's message: to one learner, or to the group (recipientId null). */
  | { type: 'message.sent'; messageId: string; groupId: string; recipientId: string | null }
  | { type: 'session.changed'; sessionId: string; groupId: string }
  /** A learner read messages: their unread count, for their other devices. */
  | { type: 'messages.read'; userId: string; unread: number }
  /** A user signed out: the live sockets of that session close, on every instance. */
  | { type: 'signed.out'; sessionId: string }
  /** An instance's periodic sign of life: presence it announced stays valid while it beats. */
  | { type: 'instance.alive'; instanceId: string }
  /**
   * The bus is whole again after events may have been lost between instances (this instance's
   * LISTEN was down, or its NOTIFYs failed): live states built from events must be read again.
   */
  | { type: 'bus.resumed' }
  /**
   * A learner's sockets on one instance: their count there, the exercise shown and the last
   * activity (ms since the epoch). Absolute per instance, so receiving it twice is harmless.
   */
  | {
      type: 'presence';
      userId: string;
      instanceId: string;
      sockets: number;
      exerciseId: string | null;
      activeAt: number;
    };

/** A new help request's view travels with its event up to this size (NOTIFY carries 8,000 bytes). */
const HELP_VIEW_INLINE_BYTES = 4_000;

/**
 * The event of a help request just stored, carrying its view unless a message of control
 * characters swelled it past what NOTIFY carries well (then every listener reads it back).
 */
export function helpRequested(view: HelpRequestView): PlatformEvent {
  return {
    type: 'help.requested',
    helpRequestId: view.id,
    userId: view.learnerId,
    groupId: view.groupId,
    exerciseId: view.exercise?.id ?? null,
    ...(Buffer.byteLength(JSON.stringify(view)) <= HELP_VIEW_INLINE_BYTES ? { view } : {}),
  };
}

/** The event bus: in-process, or PostgreSQL LISTEN/NOTIFY across the instances of one database. */
export interface EventBus {
  /** This bus's id (NOTIFY payloads name it, so that an instance ignores its own). */
  readonly instanceId: string;
  /** Whether other processes hear these events (instances sharing a PostgreSQL server). */
  readonly shared: boolean;
  publish(event: PlatformEvent): void;
  subscribe(listener: (event: PlatformEvent) => void): () => void;
  /** Resolves once events from other instances are heard. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The bus of a single instance (the embedded mode). */
export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    instanceId: `api-${randomUUID().slice(0, 8)}`,
    shared: false,
    publish: (event) => emitter.emit('event', event),
    subscribe: (listener) => {
      emitter.on('event', listener);
      return () => emitter.off('event', listener);
    },
    start: async () => {},
    close: async () => {},
  };
}

/** The NOTIFY channel of the live events, shared by the API instances and the separate graders. */
export const LIVE_CHANNEL = 'tremplin_live';

/** NOTIFY payloads stay under PostgreSQL's 8000-byte limit with room to spare. */
const MAX_PAYLOAD_BYTES = 7_500;

interface Wire {
  /** The publishing instance: it delivered its events to itself already. */
  i: string;
  /** When the oldest of these events was published (ms since the epoch, the publisher's clock). */
  t?: number;
  e: PlatformEvent[];
  /** The watchdog's self-ping. */
  ping?: number;
}

/**
 * At most one NOTIFY of events per this many milliseconds. At 2,000 events a second they went out
 * about 475 times a second, four events each; each NOTIFY cost this process a statement's garbage
 * (about 12 KB) and PostgreSQL a commit (docs/performance.md).
 */
export const NOTIFY_GAP_MS = 5;

const LISTEN_TIMEOUT_MS = 5_000;
const WATCHDOG_MS = 15_000;

/**
 * The bus of instances sharing one PostgreSQL database. An event reaches this instance's
 * listeners at once and the others through NOTIFY. NOTIFYs are sent one after the other, so every
 * instance hears one instance's events in the order it published them, and at most one per
 * NOTIFY_GAP_MS: an event after a quiet moment leaves at once, and under load the events of those
 * milliseconds share one NOTIFY (each is a statement and a commit on the server).
 */
export function createPostgresEventBus(
  channel: NotifyChannel,
  log: { warn(obj: object, msg: string): void },
  options: {
    /** Told, for each event from another instance, how long after its publication it arrived. */
    onLag?: (ms: number) => void;
  } = {},
): EventBus {
  const local = createLocalEventBus();
  const instanceId = local.instanceId;
  let pending: PlatformEvent[] = [];
  /** When the oldest pending event was published. */
  let pendingSince = 0;
  let flushing: Promise<void> | undefined;
  /** When the last NOTIFY of events started (performance.now()). */
  let notifiedAt = -Infinity;
  let stop: (() => Promise<void>) | undefined;
  let watchdog: NodeJS.Timeout | undefined;
  let pingSent = 0;
  let pingHeard = 0;
  /** Events may have been lost (this instance deaf, or its NOTIFYs failed) since the bus was last whole. */
  let gap: 'none' | 'deaf' | 'mute' = 'none';
  /** The bus is heard again: everyone here reads their live state again; others too if they missed ours. */
  const resumed = () => {
    const wasMute = gap === 'mute';
    gap = 'none';
    local.publish({ type: 'bus.resumed' });
    if (wasMute) {
      channel
        .notify(JSON.stringify({ i: instanceId, e: [{ type: 'bus.resumed' }] }))
        .catch(() => (gap = 'mute'));
    }
  };

  // This instance's own payloads come back too: only its watchdog's pings are worth parsing (at
  // 2,000 events a second, parsing its own batches was most of what the bus cost it).
  const ownPrefix = `{"i":${JSON.stringify(instanceId)},`;
  const onPayload = (payload: string) => {
    if (payload.startsWith(ownPrefix) && !payload.startsWith(`${ownPrefix}"ping":`)) return;
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.i === instanceId) {
      if (typeof wire.ping === 'number') {
        pingHeard = Math.max(pingHeard, wire.ping);
        if (gap !== 'none' && pingHeard >= pingSent) resumed();
      }
      return;
    }
    if (!Array.isArray(wire.e)) return;
    if (options.onLag && typeof wire.t === 'number') {
      // Clocks a little apart must not make a negative lag.
      const lag = Math.max(0, Date.now() - wire.t);
      for (let n = 0; n < wire.e.length; n += 1) options.onLag(lag);
    }
    for (const event of wire.e) local.publish(event);
  };

  const listen = async (): Promise<void> => {
    try {
      const previous = stop;
      stop = undefined;
      await previous?.().catch(() => {});
      stop = await channel.listen(onPayload);
    } catch (error) {
      log.warn({ err: error }, 'cannot listen for live events of other instances; retrying');
    }
  };

  // A dropped LISTEN connection is not always re-established by the driver: this instance pings
  // itself through the channel and listens again when its ping does not come back.
  const check = () => {
    if (pingHeard < pingSent) {
      if (gap === 'none') gap = 'deaf';
      void listen();
    }
    pingSent += 1;
    channel.notify(JSON.stringify({ i: instanceId, ping: pingSent, e: [] })).catch(() => {});
  };

  const flush = async (): Promise<void> => {
    while (pending.length > 0) {
      const wait = notifiedAt + NOTIFY_GAP_MS - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      notifiedAt = performance.now();
      const batch = pending;
      pending = [];
      for (const payload of chunk(instanceId, pendingSince, batch, log)) {
        try {
          await channel.notify(payload);
        } catch (error) {
          // Other instances miss these events: once the bus is heard again, everyone reads again.
          gap = 'mute';
          log.warn({ err: error, events: batch.length }, 'live events could not be sent to other instances');
        }
      }
    }
    flushing = undefined;
  };

  return {
    instanceId,
    shared: true,
    publish: (event) => {
      local.publish(event);
      if (pending.length === 0) pendingSince = Date.now();
      pending.push(event);
      flushing ??= Promise.resolve().then(flush);
    },
    subscribe: local.subscribe,
    start: async () => {
      // Never blocks the start for long: the watchdog keeps trying until the channel is heard.
      await Promise.race([
        listen(),
        new Promise((resolve) => setTimeout(resolve, LISTEN_TIMEOUT_MS).unref()),
      ]);
      watchdog = setInterval(check, WATCHDOG_MS);
      watchdog.unref();
    },
    close: async () => {
      clearInterval(watchdog);
      await flushing;
      await stop?.().catch(() => {});
    },
  };
}

/** Splits events into JSON payloads each under the NOTIFY limit. */
function chunk(
  instanceId: string,
  publishedAt: number,
  events: PlatformEvent[],
  log: { warn(obj: object, msg: string): void },
): string[] {
  // Most batches fit one NOTIFY: serialized in one go, without a string per event, as one flat
  // string (a concatenation is copied again where the driver first reads a character of it).
  const whole = JSON.stringify({ i: instanceId, t: publishedAt, e: events } satisfies Wire);
  if (Buffer.byteLength(whole) <= MAX_PAYLOAD_BYTES) return [whole];
  const payloads: string[] = [];
  const head = `{"i":${JSON.stringify(instanceId)},"t":${publishedAt},"e":[`;
  let parts: string[] = [];
  let size = head.length + 2;
  for (const event of events) {
    const part = JSON.stringify(event);
    if (head.length + Buffer.byteLength(part) + 2 > MAX_PAYLOAD_BYTES) {
      // Events are ids and counters: one this large is a bug, not something to send.
      log.warn(
        { type: event.type, bytes: Buffer.byteLength(part) },
        'live event too large for NOTIFY: dropped',
      );
      continue;
    }
    if (size + part.length + 1 > MAX_PAYLOAD_BYTES && parts.length > 0) {
      payloads.push(`${head}${parts.join(',')}]}`);
      parts = [];
      size = head.length + 2;
    }
    parts.push(part);
    size += Buffer.byteLength(part) + 1;
  }
  if (parts.length > 0) payloads.push(`${head}${parts.join(',')}]}`);
  return payloads;
}
