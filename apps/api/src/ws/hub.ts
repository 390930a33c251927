import { randomUUID } from 'node:crypto';
import type { WebSocket } from '@fastify/websocket';
import {
  errorMessage,
  WS_CLOSE,
  type ErrorCode,
  type Locale,
  type LiveThresholds,
} from '@tremplin/contracts';
import { findLiveSessionView, isDatabaseUnavailable, listHelpRequestViews, type Db } from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus, PlatformEvent } from '../grading/events.ts';
import type { Actor } from '../modules/auth/auth.service.ts';
import { toHelpView } from '../modules/tutoring/views.ts';
import { BatchLoader } from './batch-loader.ts';
import { grantChannel, studentGroupsOf } from './channel-access.ts';
import { ExerciseCatalog } from './exercise-catalog.ts';
import { FeedLive } from './feed-live.ts';
import { FeedLoader } from './feed-loader.ts';
import { GroupLive, GroupNotFound, type LiveContext } from './group-live.ts';
import { HistoryLoader } from './history-loader.ts';
import { LearnerWatch } from './learner-watch.ts';
import { LiveSocket, type SocketLimits } from './live-socket.ts';
import { PresenceTracker } from './presence.ts';
import type { ChannelStream } from './stream.ts';

export interface HubOptions {
  /** Pings this often; a socket that has not answered the previous ping is dropped. */
  heartbeatMs: number;
  /** A socket that follows nothing for this long is closed. */
  idleTimeoutMs: number;
  /** How often idle and stuck markers are re-evaluated. */
  sweepMs: number;
  /** How often this instance says it is alive (its learners' presence stays valid 3 beats). */
  beatMs: number;
  /** A channel's state nobody follows is kept this long, so a short drop can resume it. */
  keepMs: number;
  /** The live code mirror refreshes at most this often per learner. */
  draftThrottleMs: number;
  maxSubscriptions: number;
  limits: SocketLimits;
}

const HEARTBEAT_SLICES = 10;

export const DEFAULT_HUB_OPTIONS: HubOptions = {
  heartbeatMs: 30_000,
  idleTimeoutMs: 5 * 60_000,
  sweepMs: 10_000,
  beatMs: 30_000,
  keepMs: 60_000,
  draftThrottleMs: 1_000,
  maxSubscriptions: 32,
  limits: { sendBufferBytes: 512 * 1024, maxQueued: 5_000, slowTimeoutMs: 30_000 },
};

type Held = GroupLive | LearnerWatch | FeedLive;

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
  readonly #ctx: LiveContext;
  readonly #presence: PresenceTracker;
  readonly #feedLoader: FeedLoader;
  readonly #groups = new Map<string, GroupLive>();
  readonly #watches = new Map<string, LearnerWatch>();
  readonly #feeds = new Map<string, FeedLive>();
  readonly #byLearner = new Map<string, Set<GroupLive>>();
  readonly #feedsByGroup = new Map<string, Set<FeedLive>>();
  readonly #watchesByLearner = new Map<string, Set<LearnerWatch>>();
  readonly #holders = new Map<ChannelStream, Held>();
  readonly #unused = new Map<Held, number>();
  readonly #instances = new Map<string, number>();
  readonly sockets = new Set<LiveSocket>();
  readonly #timers: NodeJS.Timeout[] = [];
  #stopBus: (() => void) | undefined;
  #sessionUpdates: Promise<void> = Promise.resolve();

  constructor(deps: {
    db: Db;
    bus: EventBus;
    log: FastifyBaseLogger;
    thresholds: LiveThresholds;
    options?: Partial<HubOptions>;
  }) {
    this.options = { ...DEFAULT_HUB_OPTIONS, ...deps.options };
    this.#db = deps.db;
    this.#bus = deps.bus;
    this.#log = deps.log;
    this.#presence = new PresenceTracker(deps.db, deps.bus, deps.log, this.instanceId);
    this.#feedLoader = new FeedLoader(deps.db);
    const staleAfter = 3 * this.options.beatMs;
    this.#ctx = {
      db: deps.db,
      thresholds: deps.thresholds,
      catalog: new ExerciseCatalog(deps.db),
      history: new HistoryLoader(deps.db),
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
      indexLearners: (group, ids) => {
        for (const id of ids) {
          let set = this.#byLearner.get(id);
          if (!set) this.#byLearner.set(id, (set = new Set()));
          set.add(group);
        }
      },
    };
  }

  async start(): Promise<void> {
    this.#stopBus = this.#bus.subscribe((event) => this.#route(event));
    await this.#presence.start();
    const every = (ms: number, task: () => void) => {
      const timer = setInterval(task, ms);
      timer.unref();
      this.#timers.push(timer);
    };
    // Each tick pings a tenth of the sockets: 15,000 pings at once would stall every channel.
    let slice = 0;
    every(this.options.heartbeatMs / HEARTBEAT_SLICES, () => {
      this.heartbeat(Date.now(), { index: slice, of: HEARTBEAT_SLICES });
      slice = (slice + 1) % HEARTBEAT_SLICES;
    });
    every(this.options.sweepMs, () => this.sweep());
    every(this.options.beatMs, () => this.#beat());
    this.#beat();
  }

  async close(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#stopBus?.();
    for (const live of this.sockets) live.close(WS_CLOSE.goingAway, 'server stopping');
    await this.#presence.close(Date.now());
  }

  /** A socket opened (authenticated at the upgrade). */
  connect(socket: WebSocket, actor: Actor, locale: Locale): LiveSocket {
    const live = new LiveSocket(socket, actor, locale, this.options.limits);
    this.sockets.add(live);
    const groups = studentGroupsOf(actor);
    if (groups.length > 0) this.#presence.connect(actor.user.id, groups, Date.now());
    return live;
  }

  disconnect(live: LiveSocket): void {
    if (!this.sockets.delete(live)) return;
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
          ? this.#group(grant.groupId)
          : grant.kind === 'learner'
            ? this.#watch(grant.learnerId, grant.groupId)
            : this.#feed(grant.userId, grant.groupIds);
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
    this.#unused.delete(held);
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
    for (const group of this.#groups.values()) group.sweep(now);
    for (const [held, since] of this.#unused) {
      if (now - since < this.options.keepMs) continue;
      if (held instanceof GroupLive && [...this.#watches.values()].some((w) => w.group === held)) continue;
      this.#drop(held);
    }
  }

  /** Writes pending presence and attendance at once (tests, shutdown). */
  async flushPresence(): Promise<void> {
    await this.#sessionUpdates;
    await this.#presence.flush();
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
    const held = this.#holders.get(stream);
    if (held && stream.subscribers.size === 0) this.#unused.set(held, Date.now());
  }

  #hold<T extends Held>(held: T): T {
    this.#holders.set(held.stream, held);
    this.#unused.set(held, Date.now());
    held.ready.catch(() => this.#drop(held));
    return held;
  }

  #group(groupId: string): GroupLive {
    let group = this.#groups.get(groupId);
    if (!group) {
      group = this.#hold(new GroupLive(this.#ctx, groupId));
      this.#groups.set(groupId, group);
    }
    return group;
  }

  #watch(learnerId: string, groupId: string): LearnerWatch {
    const key = `${learnerId}:${groupId}`;
    let watch = this.#watches.get(key);
    if (!watch) {
      const group = this.#group(groupId);
      watch = this.#hold(
        new LearnerWatch(this.#db, this.#log, learnerId, group, this.options.draftThrottleMs),
      );
      this.#watches.set(key, watch);
      let set = this.#watchesByLearner.get(learnerId);
      if (!set) this.#watchesByLearner.set(learnerId, (set = new Set()));
      set.add(watch);
    }
    return watch;
  }

  #feed(userId: string, groupIds: string[]): FeedLive {
    let feed = this.#feeds.get(userId);
    if (!feed) {
      const created = this.#hold(
        new FeedLive(
          this.#db,
          this.#log,
          { feeds: this.#feedLoader, helpViews: this.#ctx.helpViews },
          userId,
          groupIds,
        ),
      );
      this.#feeds.set(userId, created);
      for (const groupId of groupIds) {
        let set = this.#feedsByGroup.get(groupId);
        if (!set) this.#feedsByGroup.set(groupId, (set = new Set()));
        set.add(created);
      }
      feed = created;
    }
    return feed;
  }

  #drop(held: Held): void {
    this.#unused.delete(held);
    this.#holders.delete(held.stream);
    if (held instanceof GroupLive) {
      if (this.#groups.get(held.groupId) === held) this.#groups.delete(held.groupId);
      for (const [learnerId, set] of this.#byLearner) {
        set.delete(held);
        if (set.size === 0) this.#byLearner.delete(learnerId);
      }
    } else if (held instanceof LearnerWatch) {
      held.dispose();
      const key = `${held.learnerId}:${held.group.groupId}`;
      if (this.#watches.get(key) === held) this.#watches.delete(key);
      this.#watchesByLearner.get(held.learnerId)?.delete(held);
    } else {
      if (this.#feeds.get(held.userId) === held) this.#feeds.delete(held.userId);
      for (const groupId of held.groupIds) this.#feedsByGroup.get(groupId)?.delete(held);
    }
  }

  #route(event: PlatformEvent): void {
    const at = Date.now();
    switch (event.type) {
      case 'instance.alive':
        this.#instances.set(event.instanceId, at);
        return;
      case 'run.completed':
      case 'submission.queued':
      case 'submission.graded':
      case 'draft.saved':
      case 'presence':
        for (const group of this.#byLearner.get(event.userId) ?? []) group.handle(event, at);
        if (event.type === 'submission.graded') this.#feeds.get(event.userId)?.handle(event);
        if (event.type === 'draft.saved') {
          for (const watch of this.#watchesByLearner.get(event.userId) ?? [])
            watch.draftSaved(event.exerciseId);
        }
        if (event.type !== 'presence' && event.type !== 'submission.graded') {
          this.#presence.activity(event.userId, event.exerciseId, at);
        }
        return;
      case 'help.requested':
      case 'help.updated':
        this.#groups.get(event.groupId)?.handle(event, at);
        this.#feeds.get(event.userId)?.handle(event);
        return;
      case 'message.sent':
        if (event.recipientId) this.#feeds.get(event.recipientId)?.handle(event);
        else for (const feed of this.#feedsByGroup.get(event.groupId) ?? []) feed.handle(event);
        return;
      case 'messages.read':
        this.#feeds.get(event.userId)?.handle(event);
        return;
      case 'session.changed':
        this.#groups.get(event.groupId)?.handle(event, at);
        for (const feed of this.#feedsByGroup.get(event.groupId) ?? []) feed.handle(event);
        this.#sessionUpdates = this.#sessionUpdates.then(() =>
          this.#sessionChanged(event.sessionId, event.groupId),
        );
        return;
    }
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
   * all of them, or one slice (sockets are spread over the slices in connection order).
   */
  heartbeat(now = Date.now(), slice?: { index: number; of: number }): void {
    for (const live of this.sockets) {
      if (slice && live.serial % slice.of !== slice.index) continue;
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

  #beat(): void {
    const now = Date.now();
    this.#bus.publish({ type: 'instance.alive', instanceId: this.instanceId });
    void this.#presence.beat(now, new Date(now - 3 * this.options.beatMs));
  }
}
