import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { groups, memberships, universities, users } from '../schema/index.ts';

export type UserRow = typeof users.$inferSelect;
/**
 * A user as a session carries them: everything but the password hash, which only sign-in reads.
 * A session's user lives as long as its sockets, in every handler and log line that sees it.
 */
export type SessionUser = Omit<UserRow, 'passwordHash'>;

/** The columns of a `SessionUser`. */
export const sessionUserColumns = (({ passwordHash: _hash, ...columns }) => columns)(getTableColumns(users));
export type Role = (typeof memberships.$inferSelect)['role'];

/** The user with this address (compared lower-cased), or undefined. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}

export async function setUserLocale(db: Db, userId: string, locale: 'fr' | 'en'): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function setUserDisabled(db: Db, userId: string, disabled: boolean): Promise<void> {
  await db.update(users).set({ disabled }).where(eq(users.id, userId));
}

export interface UserMembership {
  role: Role;
  groupId: string | null;
  groupName: string | null;
  universityName: string | null;
  /** The group's tutors, by name (null when the group has none). */
  tutorName: string | null;
}

/** Every role a user holds, with the group (and its university) for group-scoped roles. */
export async function listUserMemberships(db: Db, userId: string): Promise<UserMembership[]> {
  return db
    .select({
      role: memberships.role,
      groupId: memberships.groupId,
      groupName: groups.name,
      universityName: universities.name,
      tutorName: sql<string | null>`(select string_agg(u.display_name, ', ' order by u.display_name)
        from ${memberships} t join ${users} u on u.id = t.user_id
        where t.group_id = ${memberships.groupId} and t.role = 'tutor')`,
    })
    .from(memberships)
    .leftJoin(groups, eq(groups.id, memberships.groupId))
    .leftJoin(universities, eq(universities.id, groups.universityId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(groups.name));
}

/** Whether the user holds the role in the given group. */
export async function hasGroupRole(db: Db, userId: string, groupId: string, role: Role): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.groupId, groupId), eq(memberships.role, role)))
    .limit(1);
  return row !== undefined;
}
