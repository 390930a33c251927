import type { HelpQueue, HelpReplied, HelpRequestView, HelpStats } from '@tremplin/contracts';
import {
  closeHelpRequest,
  findHelpRequestView,
  findMessageView,
  helpResponseStats,
  insertTutorMessage,
  listGroupHelpRequests,
  takeHelpRequest,
  type Db,
  type HelpRequestViewRow,
} from '@tremplin/db';
import { DASHBOARD_SECONDS } from '../../config.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { EventBus } from '../../grading/events.ts';
import { SharedResults } from '../../shared-result.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertReadGroup, assertTutorGroup, overseesAll } from './tutoring-access.ts';
import { toHelpView, toMessageView } from './views.ts';

const WEEK_MS = 7 * 24 * 3_600_000;

/**
 * The help queue: tutors take, answer and resolve the requests of their groups; a learner may
 * withdraw their own. Every change goes on the bus (the dashboards and the learner's feed).
 */
export class HelpService {
  readonly #db: Db;
  readonly #bus: EventBus;
  /**
   * The programme's statistics, shared as its dashboard is (DASHBOARD_SHARED_SECONDS): they read
   * every help request of the programme (about 0.1 s of the database's time in a busy half-year),
   * and coordinators reloading them would otherwise take that from the learners. A group's are read
   * each time (its own requests only). `generatedAt` says when.
   */
  readonly #programmeStats: SharedResults<HelpStats>;

  constructor(db: Db, bus: EventBus, sharedSeconds = DASHBOARD_SECONDS) {
    this.#db = db;
    this.#bus = bus;
    this.#programmeStats = new SharedResults({ ttlMs: sharedSeconds * 1000 });
  }

  async queue(actor: Actor, groupId: string, scope: 'active' | 'all' = 'active'): Promise<HelpQueue> {
    assertReadGroup(actor, groupId);
    const since = scope === 'all' ? new Date(Date.now() - WEEK_MS) : undefined;
    return { requests: (await listGroupHelpRequests(this.#db, groupId, since)).map(toHelpView) };
  }

  async take(actor: Actor, id: string): Promise<HelpRequestView> {
    const request = await this.#forTutor(actor, id);
    if (!(await takeHelpRequest(this.#db, id, actor.user.id, new Date()))) throw closed();
    return this.#changed(request);
  }

  async reply(
    actor: Actor,
    id: string,
    body: string,
    kind: 'reply' | 'hint' = 'reply',
  ): Promise<HelpReplied> {
    const request = await this.#forTutor(actor, id);
    if (!(await takeHelpRequest(this.#db, id, actor.user.id, new Date()))) throw closed();
    const message = await insertTutorMessage(this.#db, {
      groupId: request.groupId,
      senderId: actor.user.id,
      recipientId: request.learnerId,
      helpRequestId: id,
      kind,
      body: body.trim(),
    });
    this.#bus.publish({
      type: 'message.sent',
      messageId: message.id,
      groupId: request.groupId,
      recipientId: request.learnerId,
    });
    const view = await this.#changed(request);
    const sent = await findMessageView(this.#db, message.id);
    return { request: view, message: toMessageView(sent!) };
  }

  async resolve(actor: Actor, id: string): Promise<HelpRequestView> {
    const request = await this.#forTutor(actor, id);
    if (!(await closeHelpRequest(this.#db, id, { status: 'resolved', by: actor.user.id, now: new Date() })))
      throw closed();
    return this.#changed(request);
  }

  /** The learner lowers their hand. */
  async cancel(actor: Actor, id: string): Promise<HelpRequestView> {
    if (!actor.roles.has('student')) throw forbidden();
    const request = await findHelpRequestView(this.#db, id);
    if (!request || request.learnerId !== actor.user.id) throw notFound();
    if (!(await closeHelpRequest(this.#db, id, { status: 'cancelled', by: actor.user.id, now: new Date() })))
      throw closed();
    return this.#changed(request);
  }

  /** Response times: of one group (its tutors, the coordination) or of the programme (coordination). */
  async stats(actor: Actor, query: { groupId?: string; from?: string; to?: string }): Promise<HelpStats> {
    if (query.groupId) assertReadGroup(actor, query.groupId);
    else if (!overseesAll(actor)) throw forbidden();
    if (query.groupId) return this.#readStats(query);
    return this.#programmeStats.get(JSON.stringify([query.from, query.to]), () => this.#readStats(query));
  }

  async #readStats(query: { groupId?: string; from?: string; to?: string }): Promise<HelpStats> {
    const generatedAt = new Date().toISOString();
    const row = await helpResponseStats(this.#db, {
      ...(query.groupId ? { groupId: query.groupId } : {}),
      ...(query.from ? { from: new Date(query.from) } : {}),
      ...(query.to ? { to: new Date(query.to) } : {}),
    });
    const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
    return {
      requests: row.requests,
      taken: row.taken,
      resolved: row.resolved,
      cancelled: row.cancelled,
      stillOpen: row.stillOpen,
      waitSeconds: { median: round(row.waitMedian), p90: round(row.waitP90), max: round(row.waitMax) },
      resolveSeconds: { median: round(row.resolveMedian), p90: round(row.resolveP90) },
      generatedAt,
    };
  }

  async #forTutor(actor: Actor, id: string): Promise<HelpRequestViewRow> {
    if (!actor.roles.has('tutor')) throw forbidden();
    const request = await findHelpRequestView(this.#db, id);
    if (!request) throw notFound();
    assertTutorGroup(actor, request.groupId);
    return request;
  }

  async #changed(request: HelpRequestViewRow): Promise<HelpRequestView> {
    this.#bus.publish({
      type: 'help.updated',
      helpRequestId: request.id,
      userId: request.learnerId,
      groupId: request.groupId,
    });
    const updated = await findHelpRequestView(this.#db, request.id);
    return toHelpView(updated!);
  }
}

const closed = () => new AppError('TREMPLIN_ERR_HELP_REQUEST_CLOSED');
