// Who may read and act on the tutors' tools (ADR 0002): a tutor their own groups and learners,
// the coordination any of them read-only; a role that never uses them gets 403, a scope outside
// the caller's 404.
import { listSharedGroups, type Db } from '@tremplin/db';
import { forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';

/** The coordination (and admins) read every group and learner. */
export const overseesAll = (actor: Actor): boolean =>
  actor.roles.has('coordinator') || actor.roles.has('admin');

const tutorsGroup = (actor: Actor, groupId: string) =>
  actor.memberships.some((m) => m.role === 'tutor' && m.groupId === groupId);

/** Reading a group's live data: its tutors and the coordination. */
export function assertReadGroup(actor: Actor, groupId: string): void {
  if (overseesAll(actor) || tutorsGroup(actor, groupId)) return;
  if (actor.roles.has('tutor')) throw notFound();
  throw forbidden();
}

/** Acting for a group (messages, sessions): its tutors only; the coordination reads, never acts. */
export function assertTutorGroup(actor: Actor, groupId: string): void {
  if (tutorsGroup(actor, groupId)) return;
  // The coordination sees the group: refusing it the action hides nothing.
  if (!overseesAll(actor) && actor.roles.has('tutor')) throw notFound();
  throw forbidden();
}

/** Reading about a learner: their tutors and the coordination. Answers the groups that allow it. */
export async function assertReadLearner(db: Db, actor: Actor, learnerId: string): Promise<string[]> {
  if (overseesAll(actor)) {
    const groups = await listSharedGroups(db, learnerId);
    if (groups.length === 0) throw notFound();
    return groups;
  }
  if (!actor.roles.has('tutor')) throw forbidden();
  const groups = await listSharedGroups(db, learnerId, actor.user.id);
  if (groups.length === 0) throw notFound();
  return groups;
}

/** Acting about a learner (notes, messages, flags): their tutors. Answers the groups they share. */
export async function assertTutorLearner(db: Db, actor: Actor, learnerId: string): Promise<string[]> {
  if (!actor.roles.has('tutor')) throw forbidden();
  const groups = await listSharedGroups(db, learnerId, actor.user.id);
  if (groups.length > 0) return groups;
  if (overseesAll(actor)) throw forbidden();
  throw notFound();
}
