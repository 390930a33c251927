import type { LiveSession, SessionList, SessionSummary } from '@tremplin/contracts';
import {
  endLiveSession,
  findLiveGroup,
  findLiveSessionView,
  findPublishedModule,
  listGroupLiveSessions,
  loadSessionFacts,
  renameLiveSession,
  startLiveSession,
  type Db,
  type LiveSessionViewRow,
  type SessionFacts,
} from '@tremplin/db';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { EventBus } from '../../grading/events.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertReadGroup, assertTutorGroup, overseesAll } from './tutoring-access.ts';
import { toSessionView } from './views.ts';

const LISTED = 20;

/**
 * Live work sessions: a tutor starts one for a group (one at a time), the hub records who is
 * connected meanwhile, the tutor ends it; a summary tells attendance, help and results.
 */
export class SessionsService {
  readonly #db: Db;
  readonly #bus: EventBus;

  constructor(db: Db, bus: EventBus) {
    this.#db = db;
    this.#bus = bus;
  }

  async start(
    actor: Actor,
    groupId: string,
    body: { title: string; moduleSlug?: string },
  ): Promise<LiveSession> {
    assertTutorGroup(actor, groupId);
    if (!(await findLiveGroup(this.#db, groupId))) throw notFound();
    const module = body.moduleSlug ? await findPublishedModule(this.#db, body.moduleSlug) : undefined;
    if (body.moduleSlug && !module) throw notFound();
    const id = await startLiveSession(this.#db, {
      groupId,
      tutorId: actor.user.id,
      title: body.title.trim(),
      moduleId: module?.moduleId ?? null,
      now: new Date(),
    });
    if (!id) throw new AppError('TREMPLIN_ERR_SESSION_RUNNING');
    this.#bus.publish({ type: 'session.changed', sessionId: id, groupId });
    return toSessionView((await findLiveSessionView(this.#db, id))!);
  }

  async list(actor: Actor, groupId: string): Promise<SessionList> {
    assertReadGroup(actor, groupId);
    const rows = await listGroupLiveSessions(this.#db, groupId, LISTED);
    const now = new Date();
    const sessions: SessionSummary[] = [];
    for (const row of rows) sessions.push(summarize(row, await loadSessionFacts(this.#db, row, now), now));
    return { sessions };
  }

  async get(actor: Actor, sessionId: string): Promise<SessionSummary> {
    const row = await this.#find(actor, sessionId);
    assertReadGroup(actor, row.groupId);
    const now = new Date();
    return summarize(row, await loadSessionFacts(this.#db, row, now), now);
  }

  async update(
    actor: Actor,
    sessionId: string,
    body: { title?: string; ended?: true },
  ): Promise<LiveSession> {
    const row = await this.#find(actor, sessionId);
    assertTutorGroup(actor, row.groupId);
    if (body.ended && !(await endLiveSession(this.#db, sessionId, new Date()))) {
      throw new AppError('TREMPLIN_ERR_SESSION_ENDED');
    }
    if (body.title !== undefined) await renameLiveSession(this.#db, sessionId, body.title.trim());
    this.#bus.publish({ type: 'session.changed', sessionId, groupId: row.groupId });
    return toSessionView((await findLiveSessionView(this.#db, sessionId))!);
  }

  async #find(actor: Actor, sessionId: string): Promise<LiveSessionViewRow> {
    if (!actor.roles.has('tutor') && !overseesAll(actor)) throw forbidden();
    const row = await findLiveSessionView(this.#db, sessionId);
    if (!row) throw notFound();
    return row;
  }
}

/** Connected seconds within [from, to] of possibly overlapping intervals. */
export function unionSeconds(intervals: Array<[number, number]>, from: number, to: number): number {
  const clipped = intervals
    .map(([a, b]) => [Math.max(a, from), Math.min(b, to)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [start, end] = [Number.NaN, Number.NaN];
  for (const [a, b] of clipped) {
    if (Number.isNaN(start) || a > end) {
      if (!Number.isNaN(start)) total += end - start;
      [start, end] = [a, b];
    } else end = Math.max(end, b);
  }
  if (!Number.isNaN(start)) total += end - start;
  return Math.round(total / 1000);
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function summarize(row: LiveSessionViewRow, facts: SessionFacts, now: Date): SessionSummary {
  const from = row.startedAt.getTime();
  const to = (row.endedAt ?? now).getTime();
  const attendance = facts.learners.flatMap((learner) => {
    const rows = facts.attendance.filter((a) => a.userId === learner.id);
    if (rows.length === 0) return [];
    const intervals = rows.map(
      (a) => [a.joinedAt.getTime(), (a.leftAt ?? now).getTime()] as [number, number],
    );
    const stillIn = rows.some((a) => a.leftAt === null);
    const lastLeft = stillIn ? null : Math.max(...rows.map((a) => a.leftAt!.getTime()));
    return [
      {
        learnerId: learner.id,
        displayName: learner.displayName,
        firstJoinedAt: new Date(Math.min(...intervals.map(([a]) => a))).toISOString(),
        lastLeftAt: lastLeft === null ? null : new Date(lastLeft).toISOString(),
        seconds: unionSeconds(intervals, from, to),
      },
    ];
  });
  const present = new Set(attendance.map((a) => a.learnerId));
  const waits = facts.help
    .filter((h) => h.takenAt)
    .map((h) => (h.takenAt!.getTime() - h.createdAt.getTime()) / 1000);
  return {
    session: toSessionView(row),
    attendance,
    absent: facts.learners
      .filter((l) => !present.has(l.id))
      .map((l) => ({ learnerId: l.id, displayName: l.displayName })),
    help: {
      requests: facts.help.length,
      resolved: facts.help.filter((h) => h.status === 'resolved').length,
      medianWaitSeconds: median(waits),
    },
    results: { runs: facts.runs, submissions: facts.submissions, fullScores: facts.fullScores },
  };
}
