import type { LastAttempt, LearnerTile, LiveThresholds } from '@tremplin/contracts';

/** A run or submission as the tile counts it. */
export interface AttemptSign {
  id: string;
  kind: 'run' | 'submission';
  passed: number | null;
  total: number | null;
  status: LastAttempt['status'];
  at: number;
}

export interface ExerciseInfo {
  id: string;
  title: string;
  kind: NonNullable<LearnerTile['exercise']>['kind'];
}

/** A run passes when every visible test does. */
export function runStatus(passed: number, total: number): AttemptSign['status'] {
  return total > 0 && passed === total ? 'pass' : 'fail';
}

/** A submission's verdict from its status, test counts or score. */
export function submissionStatus(s: {
  status: string;
  passed: number | null;
  total: number | null;
  score: number | null;
  maxScore: number | null;
}): AttemptSign['status'] {
  if (s.status === 'queued' || s.status === 'grading') return 'pending';
  if (s.status === 'error') return 'error';
  if (s.passed !== null && s.total !== null) return runStatus(s.passed, s.total);
  return s.score !== null && s.maxScore !== null && s.score >= s.maxScore ? 'pass' : 'fail';
}

const RECENT = 20;

/**
 * What this instance knows of one learner, live: connections per instance, activity, and the
 * exercise they are on with its attempts. Every update is idempotent (attempts are counted once
 * by id, presence is absolute per instance), so an event already reflected changes nothing.
 */
export class LearnerLive {
  readonly id: string;
  readonly displayName: string;
  readonly connections = new Map<string, { sockets: number; exerciseId: string | null; activeAt: number }>();
  // Instants are ms since the epoch, 0 for never: numeric fields, which V8 updates in place (a
  // field that may hold null boxes each new number, and the box outlives the young generation).
  lastActiveAt = 0;
  lastSeenAt = 0;
  /** When the learner's device last had nothing left to send. */
  lastSyncedAt = 0;
  exerciseId: string | null = null;
  /** When the latest sign about the current exercise came: older signs of others do not switch. */
  exerciseSince = 0;
  attempts = 0;
  lastProgressAt = 0;
  timeOnTaskMs = 0;
  /** The attempts counted on the current exercise, by id (created with the first). */
  #counted: Set<string> | undefined;
  #recent: AttemptSign[] = [];
  #bestPassed = -1;
  #lastTickAt = 0;
  /** When time alone next changes the tile (the group's sweep looks at those due only). */
  dueAt = 0;

  constructor(id: string, displayName: string) {
    this.id = id;
    this.displayName = displayName;
  }

  /** Follows another exercise, replaying its whole history (oldest first). */
  switchTo(exerciseId: string | null, at: number, history: AttemptSign[], idleMs: number): void {
    this.exerciseId = exerciseId;
    this.exerciseSince = at;
    this.attempts = 0;
    this.timeOnTaskMs = 0;
    this.#counted = undefined;
    this.#recent = [];
    this.#bestPassed = -1;
    this.#lastTickAt = 0;
    this.lastProgressAt = 0;
    for (const attempt of history) this.recordAttempt(attempt, idleMs);
    this.lastProgressAt = Math.max(this.lastProgressAt, at);
    this.tick(at, idleMs);
  }

  /** Counts a run or submission on the current exercise (once per id; a grade updates it). */
  recordAttempt(attempt: AttemptSign, idleMs: number): void {
    this.#counted ??= new Set();
    if (!this.#counted.has(attempt.id)) {
      this.#counted.add(attempt.id);
      this.attempts += 1;
    }
    const known = this.#recent.findIndex((a) => a.id === attempt.id);
    if (known >= 0) {
      const before = this.#recent[known]!;
      // A grade arriving for a queued submission keeps the moment it was submitted.
      this.#recent[known] = { ...attempt, at: before.at };
    } else {
      // In time order; a late one (a replayed history) goes after those of its instant.
      let at = this.#recent.length;
      while (at > 0 && this.#recent[at - 1]!.at > attempt.at) at -= 1;
      if (at === this.#recent.length) this.#recent.push(attempt);
      else this.#recent.splice(at, 0, attempt);
      if (this.#recent.length > RECENT) this.#recent.shift();
    }
    if (attempt.passed !== null && attempt.passed > this.#bestPassed) {
      this.#bestPassed = attempt.passed;
      this.lastProgressAt = Math.max(this.lastProgressAt, attempt.at);
    }
    if (attempt.status === 'pass') this.lastProgressAt = Math.max(this.lastProgressAt, attempt.at);
    this.tick(attempt.at, idleMs);
    this.active(attempt.at);
  }

  /** Work on the current exercise at this instant: time on task grows by the gap, capped. */
  tick(at: number, idleMs: number): void {
    if (this.#lastTickAt !== 0 && at > this.#lastTickAt)
      this.timeOnTaskMs += Math.min(at - this.#lastTickAt, idleMs);
    if (at > this.#lastTickAt) this.#lastTickAt = at;
  }

  /** A sign of life. */
  active(at: number): void {
    if (at > this.lastActiveAt) this.lastActiveAt = at;
    if (at > this.lastSeenAt) this.lastSeenAt = at;
  }

  /** An instance's count of this learner's sockets; coming online restarts the no-progress clock. */
  setConnection(
    instanceId: string,
    state: { sockets: number; exerciseId: string | null; activeAt: number },
    now: number,
  ): void {
    const wasConnected = this.connected;
    const known = this.connections.get(instanceId);
    if (state.sockets <= 0) this.connections.delete(instanceId);
    else if (!known) {
      const { sockets, exerciseId, activeAt } = state;
      this.connections.set(instanceId, { sockets, exerciseId, activeAt });
    } else {
      // Updated in place: the event it came with is not kept (nor a new record, per event).
      known.sockets = state.sockets;
      known.exerciseId = state.exerciseId;
      known.activeAt = state.activeAt;
    }
    this.active(state.activeAt);
    if (!wasConnected && this.connected) this.lastProgressAt = Math.max(this.lastProgressAt, now);
    if (wasConnected && !this.connected) this.lastSeenAt = Math.max(this.lastSeenAt, now);
  }

  /** Forgets the connections of instances that stopped beating. */
  dropInstances(alive: (instanceId: string) => boolean, now: number): boolean {
    let dropped = false;
    for (const instanceId of this.connections.keys()) {
      if (!alive(instanceId)) {
        this.connections.delete(instanceId);
        dropped = true;
      }
    }
    if (dropped && !this.connected) this.lastSeenAt = Math.max(this.lastSeenAt, now);
    return dropped;
  }

  get connected(): boolean {
    return this.connections.size > 0;
  }

  get last(): AttemptSign | null {
    return this.#recent.at(-1) ?? null;
  }

  /** Failing attempts in a row at the end (a submission waiting for its grade is skipped). */
  get failStreak(): number {
    let streak = 0;
    for (let i = this.#recent.length - 1; i >= 0; i -= 1) {
      const status = this.#recent[i]!.status;
      if (status === 'pending') continue;
      if (status === 'pass') break;
      streak += 1;
    }
    return streak;
  }

  /** The next instant at which time alone changes the tile (idle, stuck), or Infinity. */
  nextChange(now: number, thresholds: LiveThresholds): number {
    let next = Number.POSITIVE_INFINITY;
    const idleAt = this.lastActiveAt + thresholds.idleMinutes * 60_000;
    if (this.connected && idleAt > now) next = idleAt;
    const stuckAt = this.lastProgressAt + thresholds.stuckMinutes * 60_000;
    if (this.exerciseId && this.last?.status !== 'pass' && stuckAt > now) next = Math.min(next, stuckAt);
    return next;
  }

  presence(now: number, idleMs: number): LearnerTile['presence'] {
    if (!this.connected) return 'offline';
    return this.lastActiveAt !== 0 && now - this.lastActiveAt < idleMs ? 'online' : 'idle';
  }

  /** The whole tile, as of `now`. */
  tile(
    now: number,
    thresholds: LiveThresholds,
    exercise: ExerciseInfo | undefined,
    hand: LearnerTile['hand'],
  ): LearnerTile {
    const idleMs = thresholds.idleMinutes * 60_000;
    const presence = this.presence(now, idleMs);
    const last = this.last;
    let stuckReason: LearnerTile['stuckReason'] = null;
    if (this.exerciseId && last?.status !== 'pass') {
      if (this.failStreak >= thresholds.stuckFailedRuns) stuckReason = 'failing-streak';
      else if (presence === 'online' && now - this.lastProgressAt >= thresholds.stuckMinutes * 60_000)
        stuckReason = 'no-progress';
    }
    return {
      learnerId: this.id,
      displayName: this.displayName,
      presence,
      lastSeenAt: this.lastSeenAt === 0 ? null : new Date(this.lastSeenAt).toISOString(),
      lastSyncedAt: this.lastSyncedAt === 0 ? null : new Date(this.lastSyncedAt).toISOString(),
      exercise: exercise ? { id: exercise.id, title: exercise.title, kind: exercise.kind } : null,
      last: last
        ? {
            kind: last.kind,
            passed: last.passed,
            total: last.total,
            status: last.status,
            at: new Date(last.at).toISOString(),
          }
        : null,
      attempts: this.attempts,
      timeOnTaskSec: Math.round(this.timeOnTaskMs / 1000),
      stuck: stuckReason !== null,
      stuckReason,
      hand,
    };
  }
}
