import {
  beatLiveInstance,
  closeAttendance,
  deleteLiveInstances,
  listRunningLiveSessions,
  openAttendance,
  saveLastSeen,
  saveLiveConnections,
  type ConnectionState,
  type Db,
} from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { EventBus } from '../grading/events.ts';

interface Local {
  sockets: number;
  exerciseId: string | null;
  activeAt: number;
  groupIds: string[];
  /** The running sessions this learner's sockets here attend (made at the first: most attend none). */
  attending?: Set<string>;
}

const FLUSH_MS = 1_000;

/**
 * The learners connected to this instance: their socket counts, the exercise their client shows
 * and their last activity. Changes go on the bus at once (the tiles of every instance); the
 * database gets socket counts, attendance and last seen within a second, in batches, and, when
 * other processes share it, the exercise and last activity with each heartbeat (what a snapshot
 * built on another instance needs). Each write is a statement: they stay few.
 */
export class PresenceTracker {
  readonly #db: Db;
  readonly #bus: EventBus;
  readonly #log: FastifyBaseLogger;
  readonly #instanceId: string;
  readonly #local = new Map<string, Local>();
  readonly #running = new Map<string, string>();
  /** Learners whose sockets or exercise changed: written within a quarter of a second. */
  readonly #dirty = new Set<string>();
  /** Learners who were only active: their last activity is written with the next beat. */
  readonly #touched = new Set<string>();
  readonly #lastSeen = new Map<string, { userId: string; lastSeenAt: Date; exerciseId: string | null }>();
  #opens: Array<{ liveSessionId: string; userId: string; joinedAt: Date }> = [];
  #closes: Array<{ liveSessionId: string; userId: string; leftAt: Date }> = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(db: Db, bus: EventBus, log: FastifyBaseLogger, instanceId: string) {
    this.#db = db;
    this.#bus = bus;
    this.#log = log;
    this.#instanceId = instanceId;
  }

  async start(): Promise<void> {
    try {
      for (const s of await listRunningLiveSessions(this.#db)) this.#running.set(s.groupId, s.id);
    } catch (error) {
      this.#log.warn({ err: error }, 'running live sessions not loaded; attendance starts with the next one');
    }
    this.#timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.#timer.unref();
  }

  /** This instance's state of a learner (authoritative over its batched rows). */
  local(userId: string): { sockets: number; exerciseId: string | null; activeAt: number } | undefined {
    const l = this.#local.get(userId);
    return l ? { sockets: l.sockets, exerciseId: l.exerciseId, activeAt: l.activeAt } : undefined;
  }

  connect(userId: string, groupIds: string[], now: number): void {
    let l = this.#local.get(userId);
    if (!l) {
      l = { sockets: 0, exerciseId: null, activeAt: now, groupIds };
      this.#local.set(userId, l);
      for (const groupId of groupIds) this.#attend(userId, l, groupId, now);
    }
    l.sockets += 1;
    l.activeAt = now;
    this.#changed(userId, l, true);
  }

  disconnect(userId: string, now: number): void {
    const l = this.#local.get(userId);
    if (!l) return;
    l.sockets -= 1;
    if (l.sockets > 0) return this.#changed(userId, l, true);
    this.#local.delete(userId);
    for (const liveSessionId of l.attending ?? [])
      this.#closes.push({ liveSessionId, userId, leftAt: new Date(now) });
    this.#lastSeen.set(userId, { userId, lastSeenAt: new Date(now), exerciseId: l.exerciseId });
    this.#changed(userId, l, true);
  }

  /** The learner's client shows this exercise (already checked to exist), or none. */
  focus(userId: string, exerciseId: string | null, now: number): void {
    const l = this.#local.get(userId);
    if (!l) return;
    l.exerciseId = exerciseId;
    l.activeAt = now;
    this.#changed(userId, l, false);
  }

  /** A local learner did something (a run, a submission, a save): kept for fresh snapshots. */
  activity(userId: string, exerciseId: string | null, now: number): void {
    const l = this.#local.get(userId);
    if (!l) return;
    l.activeAt = now;
    if (exerciseId) l.exerciseId = exerciseId;
    this.#touched.add(userId);
  }

  /** A group's live session started or ended: this instance's learners of it join or leave it. */
  sessionChanged(groupId: string, sessionId: string, running: boolean, now: number): void {
    if (running) {
      if (this.#running.get(groupId) === sessionId) return;
      this.#running.set(groupId, sessionId);
      for (const [userId, l] of this.#local)
        if (l.groupIds.includes(groupId)) this.#attend(userId, l, groupId, now);
    } else if (this.#running.get(groupId) === sessionId) {
      // Its open intervals were closed with the session itself.
      this.#running.delete(groupId);
      for (const l of this.#local.values()) l.attending?.delete(sessionId);
    }
  }

  /** Keeps this instance's rows valid, writes recent activity, removes rows of stopped instances. */
  async beat(now: number, staleBefore: Date): Promise<void> {
    try {
      await beatLiveInstance(this.#db, this.#instanceId, new Date(now));
      await deleteLiveInstances(this.#db, { staleBefore });
    } catch (error) {
      this.#log.warn({ err: error }, 'presence heartbeat not written');
    }
    if (this.#bus.shared) for (const userId of this.#touched) this.#dirty.add(userId);
    this.#touched.clear();
    await this.flush();
  }

  /** Writes what changed since the last flush, in a few statements. */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  /** Stops: this instance's rows go, its learners are last seen now. */
  async close(now: number): Promise<void> {
    clearInterval(this.#timer);
    for (const userId of [...this.#local.keys()]) {
      const l = this.#local.get(userId)!;
      l.sockets = 1;
      this.disconnect(userId, now);
    }
    await this.flush();
    await deleteLiveInstances(this.#db, { instanceId: this.#instanceId }).catch(() => {});
  }

  #attend(userId: string, l: Local, groupId: string, now: number): void {
    const sessionId = this.#running.get(groupId);
    if (!sessionId || l.attending?.has(sessionId)) return;
    (l.attending ??= new Set()).add(sessionId);
    this.#opens.push({ liveSessionId: sessionId, userId, joinedAt: new Date(now) });
  }

  #changed(userId: string, l: Local, sockets: boolean): void {
    if (sockets) this.#dirty.add(userId);
    else this.#touched.add(userId);
    this.#bus.publish({
      type: 'presence',
      userId,
      instanceId: this.#instanceId,
      sockets: Math.max(0, l.sockets),
      exerciseId: l.exerciseId,
      activeAt: l.activeAt,
    });
  }

  async #write(): Promise<void> {
    if (this.#dirty.size === 0 && this.#opens.length === 0 && this.#closes.length === 0) return;
    const states: ConnectionState[] = [...this.#dirty].map((userId) => {
      const l = this.#local.get(userId);
      return l
        ? { userId, sockets: l.sockets, exerciseId: l.exerciseId, lastActiveAt: new Date(l.activeAt) }
        : { userId, sockets: 0, exerciseId: null, lastActiveAt: new Date(0) };
    });
    const lastSeen = [...this.#lastSeen.values()];
    const opens = this.#opens;
    const closes = this.#closes;
    this.#dirty.clear();
    this.#lastSeen.clear();
    this.#opens = [];
    this.#closes = [];
    // Connections are soft state (the next change writes them again); attendance is kept to retry.
    await this.#attempt('connections', () => saveLiveConnections(this.#db, this.#instanceId, states));
    await this.#attempt('last seen', () => saveLastSeen(this.#db, lastSeen));
    // Closes wait for their opens: a close written before its open would leave the interval open.
    if (!(await this.#attempt('attendance', () => openAttendance(this.#db, opens)))) {
      this.#opens.unshift(...opens);
      this.#closes.unshift(...closes);
      return;
    }
    if (!(await this.#attempt('attendance', () => closeAttendance(this.#db, closes))))
      this.#closes.unshift(...closes);
  }

  async #attempt(what: string, write: () => Promise<void>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      this.#log.warn({ err: error, what }, 'presence not written');
      return false;
    }
  }
}
