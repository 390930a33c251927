import type {
  GroupSnapshot,
  HelpRequestView,
  LearnerTile,
  LiveSession,
  LiveThresholds,
} from '@tremplin/contracts';
import { findLiveSessionView, type Db } from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { PlatformEvent } from '../grading/events.ts';
import { toHelpView, toSessionView } from '../modules/tutoring/views.ts';
import type { ExerciseCatalog } from './exercise-catalog.ts';
import type { BatchLoader } from '../batch-loader.ts';
import type { HistoryLoader } from './history-loader.ts';
import { LearnerLive, runStatus, submissionStatus, type AttemptSign } from './learner-live.ts';
import type { GroupLoader } from './group-loader.ts';
import { ChannelStream, fingerprint, SEQ_MARK, type UnnumberedEvent } from './stream.ts';

/** A learner's tile events coalesce on this key, followed by their id. */
const TILE_KEY = 'tile:';

/** What every group's live state shares. */
export interface LiveContext {
  db: Db;
  thresholds: LiveThresholds;
  catalog: ExerciseCatalog;
  history: HistoryLoader;
  /** Groups' state, read in batches. */
  groups: GroupLoader;
  /** Help requests as the queue shows them, read in batches. */
  helpViews: BatchLoader<string, HelpRequestView>;
  log: FastifyBaseLogger;
  /** This instance's id, and its own (authoritative) count of a learner's sockets. */
  instanceId: string;
  localConnection(
    userId: string,
  ): { sockets: number; exerciseId: string | null; activeAt: number } | undefined;
  /** Whether an instance still beats (its presence stays valid). */
  instanceAlive(instanceId: string): boolean;
  /** Rows of instances that beat since this instant are fresh. */
  freshSince(now: number): Date;
  /** Called once the group's learners are known, before the rest is read: their events queue from then on. */
  indexLearners(group: GroupLive, learnerIds: string[]): void;
}

export class GroupNotFound extends Error {}

/**
 * A group's live state on this instance: built from the database on first use, then kept up to
 * date from bus events applied one at a time, in order. A snapshot is taken synchronously from
 * memory, so it matches the stream's seq exactly: events after it carry higher numbers.
 */
export class GroupLive {
  readonly groupId: string;
  readonly stream: ChannelStream;
  readonly learners = new Map<string, LearnerLive>();
  readonly help = new Map<string, HelpRequestView>();
  readonly ready: Promise<void>;
  /** Told of every tile change (the learner channels of this group's learners). */
  readonly tileWatchers = new Set<(tile: LearnerTile) => void>();
  name = '';
  session: LiveSession | null = null;
  readonly #ctx: LiveContext;
  /**
   * Per learner, what the tutors were last shown of their tile (by the snapshot or a tile event):
   * its length and fingerprint. No tile is kept as text: each would outlive the young generation
   * until the learner's next action, and be garbage in the old one after it. A client back from a
   * drop is sent the tiles that changed, rendered again.
   */
  readonly #shown = new Map<string, { length: number; print: number }>();
  /** Where the tile starts in a tile event: after `{"type":"tile","channel":"…","tile":`. */
  readonly #tileStart: number;
  /** Events apply in order per learner (or help request, or session), after the load. */
  readonly #chains = new Map<string, Promise<void>>();
  #loaded = false;

  constructor(ctx: LiveContext, groupId: string) {
    this.#ctx = ctx;
    this.groupId = groupId;
    this.stream = new ChannelStream(`group:${groupId}`, (key) => this.#currentTile(key));
    this.#tileStart = `{"type":"tile","channel":"${this.stream.channel}","tile":`.length;
    this.ready = this.#load().then(() => {
      this.#loaded = true;
    });
  }

  get #idleMs(): number {
    return this.#ctx.thresholds.idleMinutes * 60_000;
  }

  /**
   * Applies a bus event (received at `at`, ms) after the earlier ones about the same learner, help
   * request or session: one learner's exercise switch, which reads the database, never holds up
   * the tiles of the others. Most events need no read and apply at once.
   */
  handle(event: PlatformEvent, at: number): void {
    const key =
      event.type === 'help.requested' || event.type === 'help.updated'
        ? `help:${event.helpRequestId}`
        : event.type === 'session.changed'
          ? 'session'
          : 'userId' in event
            ? event.userId
            : 'group';
    const pending = this.#chains.get(key);
    if (!pending && this.#loaded) {
      try {
        const reading = this.#prepare(event, at);
        if (!reading) return this.#applyNow(event, at);
        return this.#chain(
          key,
          reading.then(() => this.#applyNow(event, at)),
          event,
        );
      } catch (error) {
        // Never thrown back at whoever published the event.
        this.#ctx.log.warn({ err: error, groupId: this.groupId, type: event.type }, 'live event not applied');
        return;
      }
    }
    const after = (pending ?? this.ready).then(async () => {
      await this.#prepare(event, at);
      this.#applyNow(event, at);
    });
    this.#chain(key, after, event);
  }

  #chain(key: string, work: Promise<void>, event: PlatformEvent): void {
    const next = work.catch((error: unknown) =>
      this.#ctx.log.warn({ err: error, groupId: this.groupId, type: event.type }, 'live event not applied'),
    );
    this.#chains.set(key, next);
    void next.then(() => {
      if (this.#chains.get(key) === next) this.#chains.delete(key);
    });
  }

  /** Re-evaluates what time changes (idle, stuck, instances gone), emitting tiles that changed. */
  sweep(now: number): void {
    const alive = (id: string) => id === this.#ctx.instanceId || this.#ctx.instanceAlive(id);
    for (const learner of this.learners.values()) {
      const dropped = learner.connected && learner.dropInstances(alive, now);
      if (dropped || now >= learner.dueAt) this.#emitTile(learner, now);
    }
  }

  snapshot(now: number): GroupSnapshot {
    return {
      kind: 'group',
      group: { id: this.groupId, name: this.name },
      thresholds: this.#ctx.thresholds,
      tiles: [...this.learners.values()].map((l) => this.tileOf(l, now)),
      help: [...this.help.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      session: this.session,
    };
  }

  tileOf(learner: LearnerLive, now: number): LearnerTile {
    let hand: LearnerTile['hand'] = null;
    for (const request of this.help.values()) {
      if (request.learnerId !== learner.id) continue;
      if (!hand || request.createdAt < hand.raisedAt)
        hand = { helpRequestId: request.id, status: request.status, raisedAt: request.createdAt };
    }
    return learner.tile(now, this.#ctx.thresholds, this.#ctx.catalog.get(learner.exerciseId), hand);
  }

  async #load(): Promise<void> {
    const { catalog, history } = this.#ctx;
    const now = Date.now();
    // Once the group's learners are known, their events queue behind this load, so none falls
    // between the reads and the stream.
    const rows = await this.#ctx.groups.load(this.groupId, (ids) => this.#ctx.indexLearners(this, ids));
    if (!rows) throw new GroupNotFound(this.groupId);
    const { group, signs, connections } = rows;
    this.name = group.name;
    const ids = group.learners.map((l) => l.id);
    const current = new Map<string, { exerciseId: string; at: number }>();
    const consider = (userId: string, exerciseId: string | null, at: number) => {
      const known = current.get(userId);
      if (exerciseId && (!known || at > known.at)) current.set(userId, { exerciseId, at });
    };
    for (const sign of signs) consider(sign.userId, sign.exerciseId, sign.at.getTime());
    for (const c of connections) consider(c.userId, c.exerciseId, c.lastActiveAt.getTime());
    for (const id of ids) {
      const local = this.#ctx.localConnection(id);
      if (local) consider(id, local.exerciseId, local.activeAt);
    }
    const histories = new Map(
      await Promise.all(
        [...current].map(async ([userId, c]) => [userId, await history.load(userId, c.exerciseId)] as const),
      ),
    );
    await catalog.ensure([...current.values()].map((c) => c.exerciseId));

    for (const row of group.learners) {
      const learner = new LearnerLive(row.id, row.displayName);
      learner.lastSyncedAt = row.lastSyncedAt?.getTime() ?? 0;
      const on = current.get(row.id);
      if (on) learner.switchTo(on.exerciseId, on.at, histories.get(row.id) ?? [], this.#idleMs);
      for (const sign of signs.filter((s) => s.userId === row.id)) {
        if (sign.source === 'last-seen') learner.lastSeenAt = Math.max(learner.lastSeenAt, sign.at.getTime());
        else learner.active(sign.at.getTime());
      }
      for (const c of connections.filter(
        (c) => c.userId === row.id && c.instanceId !== this.#ctx.instanceId,
      )) {
        learner.setConnection(
          c.instanceId,
          { sockets: c.sockets, exerciseId: c.exerciseId, activeAt: c.lastActiveAt.getTime() },
          now,
        );
      }
      // This instance's own sockets are known better than its last batched write.
      const local = this.#ctx.localConnection(row.id);
      if (local) learner.setConnection(this.#ctx.instanceId, local, now);
      this.learners.set(row.id, learner);
    }
    for (const row of rows.help) this.help.set(row.id, toHelpView(row));
    this.session = rows.session ? toSessionView(rows.session) : null;
    // What the snapshot shows is what was sent; the sweep looks again when time may change it.
    for (const learner of this.learners.values()) {
      const tile = JSON.stringify(this.tileOf(learner, now));
      this.#show(learner.id, tile, 0, tile.length);
      learner.dueAt = learner.nextChange(now, this.#ctx.thresholds);
    }
  }

  /** The reads an event needs first (an exercise switch, a help request, a session), if any. */
  #prepare(event: PlatformEvent, at: number): Promise<void> | undefined {
    switch (event.type) {
      case 'run.completed':
      case 'submission.queued':
      case 'draft.saved':
        return this.#follow(event.userId, event.exerciseId, at);
      case 'presence':
        return event.sockets > 0 && event.exerciseId
          ? this.#follow(event.userId, event.exerciseId, event.activeAt)
          : undefined;
      case 'help.requested':
        return event.groupId === this.groupId
          ? this.#refreshHelp(event.helpRequestId, at, event.view)
          : undefined;
      case 'help.updated':
        return event.groupId === this.groupId ? this.#refreshHelp(event.helpRequestId, at) : undefined;
      case 'session.changed':
        return event.groupId === this.groupId ? this.#refreshSession(event.sessionId) : undefined;
      default:
        return undefined;
    }
  }

  /** Applies an event whose reads are done; one about an exercise the learner left is ignored. */
  #applyNow(event: PlatformEvent, at: number): void {
    if (!('userId' in event) || event.type === 'help.requested' || event.type === 'help.updated') return;
    const learner = this.learners.get(event.userId);
    if (!learner) return;
    switch (event.type) {
      case 'run.completed': {
        if (learner.exerciseId !== event.exerciseId) return;
        const status = runStatus(event.passed, event.total);
        learner.recordAttempt(
          { id: event.runId, kind: 'run', passed: event.passed, total: event.total, status, at },
          this.#idleMs,
        );
        return this.#emitTile(learner, at);
      }
      case 'submission.queued': {
        if (learner.exerciseId !== event.exerciseId) return;
        const sign: AttemptSign = {
          id: event.submissionId,
          kind: 'submission',
          passed: null,
          total: null,
          status: 'pending',
          at,
        };
        learner.recordAttempt(sign, this.#idleMs);
        return this.#emitTile(learner, at);
      }
      case 'submission.graded': {
        if (learner.exerciseId !== event.exerciseId) return;
        const status = submissionStatus({ ...event, status: event.status });
        learner.recordAttempt(
          {
            id: event.submissionId,
            kind: 'submission',
            passed: event.passed,
            total: event.total,
            status,
            at,
          },
          this.#idleMs,
        );
        return this.#emitTile(learner, at);
      }
      case 'draft.saved':
        if (learner.exerciseId !== event.exerciseId) return;
        learner.tick(at, this.#idleMs);
        learner.active(at);
        return this.#emitTile(learner, at);
      case 'learner.synced':
        learner.lastSyncedAt = Math.max(learner.lastSyncedAt, event.at);
        return this.#emitTile(learner, at);
      case 'presence':
        learner.setConnection(event.instanceId, event, at);
        if (event.sockets > 0 && event.exerciseId && learner.exerciseId === event.exerciseId)
          learner.tick(event.activeAt, this.#idleMs);
        return this.#emitTile(learner, at);
      default:
        return;
    }
  }

  /** Makes `exerciseId` the learner's current exercise unless a later sign says otherwise (a read). */
  #follow(userId: string, exerciseId: string, at: number): Promise<void> | undefined {
    const learner = this.learners.get(userId);
    if (!learner || learner.exerciseId === exerciseId || at < learner.exerciseSince) return undefined;
    return Promise.all([
      this.#ctx.history.load(userId, exerciseId),
      this.#ctx.catalog.ensure([exerciseId]),
    ]).then(([history]) => {
      if (learner.exerciseId !== exerciseId && at >= learner.exerciseSince)
        learner.switchTo(exerciseId, at, history, this.#idleMs);
    });
  }

  /** A help request as it is now: `told` when its event carried it, else read. */
  async #refreshHelp(id: string, at: number, told?: HelpRequestView): Promise<void> {
    const view = told ?? (await this.#ctx.helpViews.load(id));
    if (!view || view.groupId !== this.groupId) return;
    const before = this.help.get(id);
    if (before && JSON.stringify(before) === JSON.stringify(view)) return;
    if (view.status === 'open' || view.status === 'taken') this.help.set(id, view);
    else if (before) this.help.delete(id);
    else return;
    this.stream.emit({ type: 'help', channel: this.stream.channel, request: view }, `help:${id}`);
    const learner = this.learners.get(view.learnerId);
    if (learner) {
      if (view.status === 'open') learner.active(at);
      this.#emitTile(learner, at);
    }
  }

  async #refreshSession(id: string): Promise<void> {
    const row = await findLiveSessionView(this.#ctx.db, id);
    if (!row) return;
    const view = toSessionView(row);
    if (view.endedAt !== null && this.session?.id !== id) return;
    const next = view.endedAt === null ? view : null;
    if (JSON.stringify(next) === JSON.stringify(this.session)) return;
    this.session = next;
    this.stream.emit(
      { type: 'session', channel: this.stream.channel, groupId: this.groupId, session: next },
      'session',
    );
  }

  #emitTile(learner: LearnerLive, now: number): void {
    const tile = this.tileOf(learner, now);
    learner.dueAt = learner.nextChange(now, this.#ctx.thresholds);
    // Serialized once, as the event itself: compared with what was last shown, then sent.
    const payload = this.stream.serializeNext({ type: 'tile', channel: this.stream.channel, tile });
    // A tile event is its head, the tile, then `,"seq":n}`.
    if (!this.#show(learner.id, payload, this.#tileStart, payload.lastIndexOf(SEQ_MARK))) return;
    this.stream.emitNext(payload, `${TILE_KEY}${learner.id}`, 'seq');
    for (const watch of this.tileWatchers) watch(tile);
  }

  /**
   * Records the tile `text` holds from `start` to `end` as the one shown of a learner; false when
   * it is the one already shown.
   */
  #show(learnerId: string, text: string, start: number, end: number): boolean {
    const length = end - start;
    const print = fingerprint(text, start, end);
    const shown = this.#shown.get(learnerId);
    if (!shown) this.#shown.set(learnerId, { length, print });
    else if (shown.length === length && shown.print === print) return false;
    else {
      shown.length = length;
      shown.print = print;
    }
    return true;
  }

  /** A learner's tile as it is now, for a client back from a drop (the stream keeps no tile). */
  #currentTile(coalesceKey: string): UnnumberedEvent | undefined {
    const learner = coalesceKey.startsWith(TILE_KEY)
      ? this.learners.get(coalesceKey.slice(TILE_KEY.length))
      : undefined;
    if (!learner) return undefined;
    return { type: 'tile', channel: this.stream.channel, tile: this.tileOf(learner, Date.now()) };
  }
}
