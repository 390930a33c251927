import { randomUUID } from 'node:crypto';
import type { WebSocket } from '@fastify/websocket';
import {
  errorMessage,
  WS_CLOSE,
  type ErrorCode,
  type Locale,
  type LiveThresholds,
} from '@tremplin/contracts';
import {
  findLiveSessionView,
  isDatabaseUnavailable,
  listHelpRequestViews,
  type Db,
  type FeedRows,
} from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus, PlatformEvent } from '../grading/events.ts';
import type { LiveMetrics } from '../metrics/metrics.ts';
import type { Actor } from '../modules/auth/auth.service.ts';
import { toHelpView } from '../modules/tutoring/views.ts';
import { BatchLoader } from '../batch-loader.ts';
import { Admission } from './admission.ts';
import { grantChannel, studentGroupsOf } from './channel-access.ts';
import { ExerciseCatalog } from './exercise-catalog.ts';
import { ChannelRegistry, type Held } from './channel-registry.ts';
import { FeedLoader } from './feed-loader.ts';
import { GroupLoader } from './group-loader.ts';
import { GroupLive, GroupNotFound, type LiveContext } from './group-live.ts';
import { HistoryLoader } from './history-loader.ts';
import { LearnerWatch } from './learner-watch.ts';
import { DEFAULT_HUB_OPTIONS, HEARTBEAT_SLICES, type HubOptions } from './hub-options.ts';
import { LiveSocket } from './live-socket.ts';
import { PresenceTracker } from './presence.ts';

/** The events that change a learner's feed state (see `FeedLive`), kept a few seconds. */
const FEED_EVENTS = new Set<PlatformEvent['type']>([
  'message.sent',
  'messages.read',
  'help.requested',
  'help.updated',
  'session.changed',
]);
const RECENT_MS = 10_000;
/** Feed events kept for replaying to sockets opening (RECENT_MS at most, and no more than this). */
const RECENT_AT_MOST = 1000;

/** Whether an event of FEED_EVENTS concerns this learner's feed (as `#route` sends them). */
function feedConcerns(event: PlatformEvent, userId: string, groupIds: string[]): boolean {
  switch (event.type) {
    case 'message.sent':
      return event.recipientId ? event.recipientId === userId : groupIds.includes(event.groupId);
    case 'messages.read':
    case 'help.requested':
    case 'help.updated':
      return event.userId === userId;
    case 'session.changed':
      return groupIds.includes(event.groupId);
    default:
      return false;
  }
}

/**
 * The live hub of this instance: sockets, the channels they follow and the state behind each
 * channel, fed by the event bus. One GroupLive per followed group, one LearnerWatch per followed
 * learner, one FeedLive per learner following their feed; each is dropped a while after its last
 * follower leaves.
 */
export class LiveHub {
  readonly options: HubOptions;
  /** Names this hub in presence rows and events (instances may even share one in-process bus). */
  readonly instanceId = `live-${randomUUID().slice(0, 8)}`;
  readonly #db: Db;
  readonly #bus: EventBus;
  readonly #log: FastifyBaseLogger;
  readonly #metrics: LiveMetrics | undefined;
  readonly #ctx: LiveContext;
  readonly #presence: PresenceTracker;
  readonly #channels: ChannelRegistry;
  readonly #instances = new Map<string, number>();
  readonly sockets = new Set<LiveSocket>();
  /** The door of the live endpoint (sockets being opened at once). */
  readonly admission: Admission;
  /**
   * The events a learner's feed follows, of the last few seconds: a feed read with its learner's
   * session, before its state existed here, gets those that came after the read.
   */
  readonly #recentFeedEvents: Array<{ at: number; event: PlatformEvent }> = [];
  /** The sockets again, spread over the heartbeat's slices by serial number. */
  readonly #slices: Array<Set<LiveSocket>> = Array.from({ length: HEARTBEAT_SLICES }, () => new Set());
  readonly #timers: NodeJS.Timeout[] = [];
  #stopBus: (() => void) | undefined;
  #sessionUpdates: Promise<void> = Promise.resolve();

  constructor(deps: {
    db: Db;
    bus: EventBus;
    log: FastifyBaseLogger;
    thresholds: LiveThresholds;
    options?: Partial<HubOptions>;
    metrics?: LiveMetrics;
  }) {
    this.options = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
    this.admission = new Admission(this.options.maxPendingConnects);
    this.#db = deps.db;
    this.#bus = deps.bus;
    this.#log = deps.log;
    this.#metrics = deps.metrics;
    this.#presence = new PresenceTracker(deps.db, deps.bus, deps.log, this.instanceId);
    const staleAfter = 3 * this.options.beatMs;
    this.#ctx = {
      db: deps.db,
      thresholds: deps.thresholds,
      catalog: new ExerciseCatalog(deps.db),
      history: new HistoryLoader(deps.db),
      groups: new GroupLoader(deps.db, (now) => new Date(now - staleAfter)),
      helpViews: new BatchLoader(async (ids) => {
        const rows = await listHelpRequestViews(deps.db, ids);
        return new Map(rows.map((row) => [row.id, toHelpView(row)]));
      }),
      log: deps.log,
      instanceId: this.instanceId,
      localConnection: (userId) => this.#presence.local(userId),
      instanceAlive: (id) => {
        const now = Date.now();
        const last = this.#instances.get(id);
        // An instance first heard of (in a fresh row) gets one grace period to beat.
        if (last === undefined) this.#instances.set(id, now);
        return now - (last ?? now) < staleAfter;
      },
      freshSince: (now) => new Date(now - staleAfter),
      indexLearners: (group, ids) => this.#channels.indexLearners(group, ids),
    };
    this.#channels = new ChannelRegistry({
      db: deps.db,
      log: deps.log,
      ctx: this.#ctx,
      feeds: new FeedLoader(deps.db),
      draftThrottleMs: this.options.draftThrottleMs,
    });
  }

  async start(): Promise<void> {
    this.#stopBus = this.#bus.subscribe((event) => this.#route(event));
    await this.#presence.start();
    const every = (ms: number, task: () => void) => {
      const timer = setInterval(task, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    // Each tick pings one slice of the sockets: 15,000 pings at once would stall every channel.
    let slice = 0;
    every(this.options.heartbeatMs / HEARTBEAT_SLICES, () => {
      this.heartbeat(Date.now(), slice);
      slice = (slice + 1) % HEARTBEAT_SLICES;
    });
    every(this.options.sweepMs, () => this.sweep());
    every(this.options.beatMs, () => void this.#beat());
    // Awaited: the instance says it is alive before serving, and its start-up reads are done.
    await this.#beat();
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#stopBus?.();
    for (const live of this.sockets) live.close(WS_CLOSE.goingAway, 'server stopping');
    await this.#presence.close(Date.now());
  }

  /**
   * A socket opened (authenticated at the upgrade). `feed` is the learner's feed, read with their
   * session at `since`: their feed's state starts from it, with no read of its own.
   */
  connect(
    socket: WebSocket,
    actor: Actor,
    locale: Locale,
    feed?: { rows: FeedRows; since: number },
  ): LiveSocket {
    const live = new LiveSocket(socket, actor, locale, this.options.limits, this.#metrics?.messagesSent);
    this.sockets.add(live);
    this.#count(live, 1);
    this.#slices[live.serial % HEARTBEAT_SLICES]!.add(live);
    const groups = studentGroupsOf(actor);
    if (groups.length > 0) {
      this.#presence.connect(actor.user.id, groups, Date.now());
      if (feed && !this.#channels.loadedFeed(actor.user.id)) {
        const state = this.#channels.feed(actor.user.id, groups, feed.rows);
        for (const { at, event } of this.#recentFeedEvents) {
          if (at >= feed.since && feedConcerns(event, state.userId, state.groupIds)) state.handle(event);
        }
      }
    }
    return live;
  }

  disconnect(live: LiveSocket): void {
    if (!this.sockets.delete(live)) return;
    this.#count(live, -1);
    this.#slices[live.serial % HEARTBEAT_SLICES]!.delete(live);
    live.dispose();
    for (const channel of [...live.subscriptions.keys()]) this.#leave(live, channel);
    if (studentGroupsOf(live.actor).length > 0) this.#presence.disconnect(live.actor.user.id, Date.now());
  }

  /** Subscribes a socket: a snapshot (or the missed events, when resuming), then live events. */
  async subscribe(live: LiveSocket, channel: string, resume?: { epoch: string; seq: number }): Promise<void> {
    if (!live.subscriptions.has(channel) && live.subscriptions.size >= this.options.maxSubscriptions) {
      return this.#refuse(live, 'TREMPLIN_ERR_WS_TOO_MANY_CHANNELS', channel, {
        max: this.options.maxSubscriptions,
      });
    }
    let held: Held;
    try {
      const grant = await grantChannel(this.#db, live.actor, channel);
      if (!grant) return this.#refuse(live, 'TREMPLIN_ERR_WS_CHANNEL_FORBIDDEN', channel, { channel });
      held =
        grant.kind === 'group'
          ? this.#channels.group(grant.groupId)
          : grant.kind === 'learner'
            ? this.#channels.watch(grant.learnerId, grant.groupId)
            : this.#channels.feed(grant.userId, grant.groupIds);
      await held.ready;
    } catch (error) {
      if (error instanceof GroupNotFound)
        return this.#refuse(live, 'TREMPLIN_ERR_WS_CHANNEL_FORBIDDEN', channel, { channel });
      if (!isDatabaseUnavailable(error)) this.#log.error({ err: error, channel }, 'live channel not loaded');
      return this.#refuse(
        live,
        isDatabaseUnavailable(error) ? 'TREMPLIN_ERR_DB_UNAVAILABLE' : 'TREMPLIN_ERR_INTERNAL',
        channel,
      );
    }
    if (live.closed) return;
    // From here to the end nothing awaits: the snapshot and the stream's seq are one instant.
    this.#leave(live, channel);
    const stream = held.stream;
    const serverTime = new Date().toISOString();
    const missed = resume && resume.epoch === stream.epoch ? stream.since(resume.seq) : undefined;
    if (missed && resume) {
      live.send({ type: 'resumed', channel, epoch: stream.epoch, seq: resume.seq, serverTime });
      for (const event of missed) live.enqueue(event.payload, event.key);
    } else {
      const data =
        held instanceof GroupLive
          ? held.snapshot(Date.now())
          : held instanceof LearnerWatch
            ? held.snapshot(Date.now())
            : held.snapshot();
      if (!data) return this.#refuse(live, 'TREMPLIN_ERR_WS_CHANNEL_FORBIDDEN', channel, { channel });
      live.send({ type: 'snapshot', channel, epoch: stream.epoch, seq: stream.seq, serverTime, data });
    }
    stream.subscribers.add(live);
    live.subscriptions.set(channel, stream);
    live.idleSince = undefined;
    this.#channels.followed(held);
  }

  unsubscribe(live: LiveSocket, channel: string): void {
    this.#leave(live, channel);
    live.send({ type: 'unsubscribed', channel });
  }

  /** A learner's client shows an exercise (or none). */
  async focus(live: LiveSocket, exerciseId: string | null): Promise<void> {
    if (studentGroupsOf(live.actor).length === 0) {
      return this.#refuse(live, 'TREMPLIN_ERR_FORBIDDEN');
    }
    let known: string | null = null;
    try {
      if (exerciseId && (await this.#ctx.catalog.exists(exerciseId))) known = exerciseId;
    } catch (error) {
      this.#log.warn({ err: error }, 'focus exercise not checked');
    }
    this.#presence.focus(live.actor.user.id, known, Date.now());
  }

  /** Re-evaluates time-based markers and drops the states nobody followed for a while. */
  sweep(now = Date.now()): void {
    for (const group of this.#channels.allGroups()) group.sweep(now);
    this.#channels.dropUnused(now, this.options.keepMs);
  }

  /** Writes pending presence and attendance at once (tests, shutdown). */
  async flushPresence(): Promise<void> {
    await this.#sessionUpdates;
    await this.#presence.flush();
  }

  /** The open sockets' gauges, moved as sockets come and go (a scrape reads them without a walk). */
  #count(live: LiveSocket, delta: 1 | -1): void {
    if (!this.#metrics) return;
    this.#metrics.sockets.inc(delta);
    for (const role of live.actor.roles) this.#metrics.socketsByRole.inc({ role }, delta);
  }

  #refuse(
    live: LiveSocket,
    code: ErrorCode,
    channel?: string,
    params: Record<string, string | number> = {},
  ): void {
    live.send({
      type: 'error',
      code,
      message: errorMessage(code, live.locale, params),
      ...(channel ? { channel } : {}),
    });
  }

  #leave(live: LiveSocket, channel: string): void {
    const stream = live.subscriptions.get(channel);
    if (!stream) return;
    live.subscriptions.delete(channel);
    stream.subscribers.delete(live);
    if (live.subscriptions.size === 0) live.idleSince = Date.now();
    this.#channels.released(stream);
  }

  #route(event: PlatformEvent): void {
    const at = Date.now();
    if (FEED_EVENTS.has(event.type)) {
      const recent = this.#recentFeedEvents;
      recent.push({ at, event });
      // The oldest go from the front, in place: at a steady rate one event leaves as one comes, where
      // a filtered copy of the whole buffer for each event was garbage by the kilobyte.
      let gone = Math.max(0, recent.length - RECENT_AT_MOST);
      while (gone < recent.length && recent[gone]!.at < at - RECENT_MS) gone += 1;
      if (gone > 0) recent.splice(0, gone);
    }
    switch (event.type) {
      case 'instance.alive':
        this.#instances.set(event.instanceId, at);
        return;
      case 'bus.resumed':
        this.#resync();
        return;
      case 'signed.out':
        for (const live of this.sockets)
          if (live.actor.sessionId === event.sessionId) live.close(WS_CLOSE.unauthenticated, 'signed out');
        return;
      case 'run.completed':
      case 'submission.queued':
      case 'submission.graded':
      case 'draft.saved':
      case 'presence':
        for (const group of this.#channels.groupsOf(event.userId)) group.handle(event, at);
        if (event.type === 'submission.graded') this.#channels.loadedFeed(event.userId)?.handle(event);
        if (event.type === 'draft.saved') {
          for (const watch of this.#channels.watchesOf(event.userId)) watch.draftSaved(event.exerciseId);
        }
        if (event.type !== 'presence' && event.type !== 'submission.graded') {
          this.#presence.activity(event.userId, event.exerciseId, at);
        }
        return;
      case 'learner.synced':
        for (const group of this.#channels.groupsOf(event.userId)) group.handle(event, at);
        return;
      case 'submission.reviewed':
        for (const watch of this.#channels.watchesOf(event.userId)) watch.reviewed(event);
        return;
      case 'help.requested':
      case 'help.updated':
        this.#channels.loadedGroup(event.groupId)?.handle(event, at);
        this.#channels.loadedFeed(event.userId)?.handle(event);
        return;
      case 'message.sent':
        if (event.recipientId) this.#channels.loadedFeed(event.recipientId)?.handle(event);
        else for (const feed of this.#channels.feedsOfGroup(event.groupId)) feed.handle(event);
        return;
      case 'messages.read':
        this.#channels.loadedFeed(event.userId)?.handle(event);
        return;
      case 'session.changed':
        this.#channels.loadedGroup(event.groupId)?.handle(event, at);
        for (const feed of this.#channels.feedsOfGroup(event.groupId)) feed.handle(event);
        this.#sessionUpdates = this.#sessionUpdates.then(() =>
          this.#sessionChanged(event.sessionId, event.groupId),
        );
        return;
    }
  }

  /**
   * Events may have been lost while the bus was broken (the database away): the states built from
   * them are dropped and every socket is told to reconnect, so that each client gets a snapshot read
   * from the database (a new epoch: no resume from a stale stream). The door spreads the reconnection.
   */
  #resync(): void {
    this.#log.warn({ sockets: this.sockets.size }, 'live events may have been lost: every client reconnects');
    this.#channels.dropAll();
    for (const live of this.sockets) live.close(WS_CLOSE.resync, 'live events were lost');
  }

  async #sessionChanged(sessionId: string, groupId: string): Promise<void> {
    try {
      const session = await findLiveSessionView(this.#db, sessionId);
      if (session) this.#presence.sessionChanged(groupId, sessionId, session.endedAt === null, Date.now());
    } catch (error) {
      this.#log.warn({ err: error, sessionId }, 'attendance not updated for a session change');
    }
  }

  /**
   * Drops sockets that did not answer the last ping, closes those idle too long, pings the rest:
   * all of them, or one slice of them.
   */
  heartbeat(now = Date.now(), slice?: number): void {
    for (const live of slice === undefined ? this.sockets : this.#slices[slice]!) {
      if (!live.alive) {
        live.socket.terminate();
        continue;
      }
      if (live.idleSince !== undefined && now - live.idleSince > this.options.idleTimeoutMs) {
        live.close(WS_CLOSE.idle, 'idle');
        continue;
      }
      live.alive = false;
      live.socket.ping();
    }
  }

  #beat(): Promise<void> {
    const now = Date.now();
    this.#bus.publish({ type: 'instance.alive', instanceId: this.instanceId });
    return this.#presence.beat(now, new Date(now - 3 * this.options.beatMs));
  }
}
