import type { ChannelKind } from '@tremplin/contracts';
import { listSharedGroups, type Db } from '@tremplin/db';
import type { Actor } from '../modules/auth/auth.service.ts';

export type ChannelGrant =
  | { kind: 'group'; groupId: string }
  | { kind: 'learner'; learnerId: string; groupId: string }
  | { kind: 'feed'; userId: string; groupIds: string[] };

const overseesAll = (actor: Actor) => actor.roles.has('coordinator') || actor.roles.has('admin');

/** A learner's groups (those in which they are a student). */
export function studentGroupsOf(actor: Actor): string[] {
  return actor.memberships.filter((m) => m.role === 'student' && m.groupId).map((m) => m.groupId!);
}

/**
 * Whether the actor may follow a channel (already checked against its pattern): a tutor their own
 * groups and those groups' learners, the coordination any group or learner (read-only: the socket
 * changes nothing), a learner their own feed. Undefined when refused.
 */
export async function grantChannel(db: Db, actor: Actor, channel: string): Promise<ChannelGrant | undefined> {
  const [kind, id] = channel.split(':') as [ChannelKind, string];
  switch (kind) {
    case 'group':
      if (overseesAll(actor) || actor.memberships.some((m) => m.role === 'tutor' && m.groupId === id))
        return { kind, groupId: id };
      return undefined;
    case 'learner': {
      if (!overseesAll(actor) && !actor.roles.has('tutor')) return undefined;
      const groups = await listSharedGroups(db, id, overseesAll(actor) ? undefined : actor.user.id);
      return groups[0] ? { kind, learnerId: id, groupId: groups[0] } : undefined;
    }
    case 'feed': {
      const groupIds = studentGroupsOf(actor);
      return id === actor.user.id && groupIds.length > 0 ? { kind, userId: id, groupIds } : undefined;
    }
    default:
      return undefined;
  }
}
