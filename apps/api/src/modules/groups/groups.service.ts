import type { GroupSummary, LearnerProfile } from '@tremplin/contracts';
import {
  findGroupSummary,
  findUserById,
  listAllGroups,
  listGroupLearners,
  listLearnerGroups,
  listTutorGroups,
  tutorFollowsLearner,
  type Db,
  type LearnerRow,
} from '@tremplin/db';
import { forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';

const sees = (actor: Actor) => actor.roles.has('coordinator') || actor.roles.has('admin');

/**
 * Who may read what about groups and learners. A role that never reads groups is refused (403);
 * a tutor or a learner asking about a group or learner outside their scope gets 404, so that
 * existence does not leak.
 */
export class GroupsService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async listVisibleGroups(actor: Actor): Promise<GroupSummary[]> {
    if (sees(actor)) return listAllGroups(this.#db);
    if (actor.roles.has('tutor')) return listTutorGroups(this.#db, actor.user.id);
    throw forbidden();
  }

  async getGroup(actor: Actor, groupId: string): Promise<GroupSummary> {
    await this.#assertCanReadGroup(actor, groupId);
    const group = await findGroupSummary(this.#db, groupId);
    if (!group) throw notFound();
    return group;
  }

  async listLearners(actor: Actor, groupId: string): Promise<LearnerRow[]> {
    await this.getGroup(actor, groupId);
    return listGroupLearners(this.#db, groupId);
  }

  async getLearnerProfile(actor: Actor, learnerId: string): Promise<LearnerProfile> {
    const allowed =
      sees(actor) ||
      actor.user.id === learnerId ||
      (actor.roles.has('tutor') && (await tutorFollowsLearner(this.#db, actor.user.id, learnerId)));
    if (!allowed) {
      if (!actor.roles.has('student') && !actor.roles.has('tutor')) throw forbidden();
      throw notFound();
    }
    const groups = await listLearnerGroups(this.#db, learnerId);
    const user = await findUserById(this.#db, learnerId);
    if (!user || groups.length === 0) throw notFound();
    return { id: user.id, displayName: user.displayName, email: user.email, groups };
  }

  async #assertCanReadGroup(actor: Actor, groupId: string): Promise<void> {
    if (sees(actor)) return;
    if (!actor.roles.has('tutor')) throw forbidden();
    const tutors = actor.memberships.some((m) => m.role === 'tutor' && m.groupId === groupId);
    if (!tutors) throw notFound();
  }
}
