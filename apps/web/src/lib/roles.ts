import type { PathnameWithSearchOrHash, RouteId } from '$app/types';
import type { Me, Role } from '#lib/api/types.ts';
import type { MessageKey } from '#lib/i18n/types.ts';

/**
 * Each role's space, as a SvelteKit route ID (pass it to `resolve()`; URLs are French, the product is
 * French first: /etudiant, /tuteur, /auteur, /correcteur, /coordination, /admin, /candidature).
 */
export const ROLE_HOME = {
  student: '/(app)/etudiant',
  tutor: '/(app)/tuteur',
  author: '/(app)/auteur',
  grader: '/(app)/correcteur',
  coordinator: '/(app)/coordination',
  admin: '/(app)/admin',
  // Public: the call for tutors, where a candidate finds their application and its outcome.
  candidate: '/candidature',
} as const satisfies Record<Role, RouteId>;

export type RoleHomeRoute = (typeof ROLE_HOME)[Role];

/** `/` (redirects to the user's home; shows a notice to a user without any role). */
export const ROOT_ROUTE = '/(app)' satisfies RouteId;

export const ROLE_LABEL_KEY = {
  student: 'role.student',
  tutor: 'role.tutor',
  author: 'role.author',
  grader: 'role.grader',
  coordinator: 'role.coordinator',
  admin: 'role.admin',
  candidate: 'role.candidate',
} as const satisfies Record<Role, MessageKey>;

export const ROLE_SPACE_TITLE_KEY = {
  student: 'space.student.title',
  tutor: 'space.tutor.title',
  author: 'space.author.title',
  grader: 'space.grader.title',
  coordinator: 'space.coordinator.title',
  admin: 'space.admin.title',
  candidate: 'space.candidate.title',
} as const satisfies Record<Role, MessageKey>;

export const LOGIN_PATH = '/connexion';
/** Query parameter carrying the page to return to after signing in. */
export const RETURN_TO_PARAM = 'retour';

/** Home of the user's first role (roles come in the API's order), or null for a user without a role. */
export function homeRouteOf(me: Pick<Me, 'roles'>): RoleHomeRoute | null {
  const first = me.roles[0];
  return first ? ROLE_HOME[first] : null;
}

/**
 * Whether the user tutors the group (any group, without one): tutors act on their own groups; the
 * coordination, admins and other tutors only read.
 */
export function tutorsGroup(me: Pick<Me, 'groups'> | null | undefined, groupId?: string): boolean {
  return me?.groups.some((g) => g.role === 'tutor' && (groupId === undefined || g.id === groupId)) ?? false;
}

/**
 * Only same-app absolute paths are accepted as a return target (no `//host`, no `/\host`,
 * no scheme), so the login page cannot be used as an open redirect.
 */
export function safeReturnPath(value: string | null | undefined): PathnameWithSearchOrHash | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value === LOGIN_PATH || value.startsWith(`${LOGIN_PATH}?`) || value.startsWith(`${LOGIN_PATH}#`))
    return null;
  // A pathname for `resolve()` has no leading slash; unknown paths end on the 404 page, which is fine.
  return value.slice(1) as PathnameWithSearchOrHash;
}
