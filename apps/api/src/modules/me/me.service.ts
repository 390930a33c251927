import { ROLES, type Me, type MeGroup, type Role } from '@tremplin/contracts';
import type { Actor } from '../auth/auth.service.ts';

// The role whose space a user lands in first: their main job before their training.
const ROLE_PRIORITY: readonly Role[] = [
  'admin',
  'coordinator',
  'grader',
  'author',
  'tutor',
  'student',
  // Last: once selected, a candidate lands in the tutors' training; their application stays one click away.
  'candidate',
];

/** The signed-in user as the interface sees them, roles in landing order. */
export function toMe(actor: Actor): Me {
  const groups: MeGroup[] = [];
  for (const m of actor.memberships) {
    if ((m.role === 'student' || m.role === 'tutor') && m.groupId && m.groupName && m.universityName) {
      groups.push({
        id: m.groupId,
        name: m.groupName,
        universityName: m.universityName,
        role: m.role,
        tutorName: m.tutorName,
      });
    }
  }
  return {
    id: actor.user.id,
    email: actor.user.email,
    displayName: actor.user.displayName,
    locale: actor.user.locale,
    roles: ROLE_PRIORITY.filter((role) => actor.roles.has(role) && ROLES.includes(role)),
    groups,
  };
}
