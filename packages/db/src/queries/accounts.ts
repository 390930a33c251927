// Accounts as the coordination administers them: search, programme-wide roles, disabling.
import { and, asc, desc, eq, gt, ilike, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { auditLog, memberships, passwordResets, sessions, users } from '../schema/index.ts';
import type { AuditFilter } from './audit.ts';
import type { Role } from './users.ts';

/** The roles held across the whole programme (no group): the ones the coordination grants here. */
export const PROGRAMME_ROLES = ['author', 'grader', 'coordinator', 'admin'] as const;
export type ProgrammeRole = (typeof PROGRAMME_ROLES)[number];

export interface AccountRow {
  id: string;
  email: string;
  displayName: string;
  disabled: boolean;
  createdAt: Date;
  /** Every role held, each once (group roles included), sorted. */
  roles: Role[];
}

export interface AccountSearch {
  q?: string;
  role?: Role;
  offset: number;
  limit: number;
}

// `%` and `_` typed by the coordination are letters, not wildcards.
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Accounts matching a search (name or address contains `q`; holds `role`), by name, one page. */
export async function searchAccounts(
  db: Db,
  search: AccountSearch,
): Promise<{ total: number; rows: AccountRow[] }> {
  const where: SQL[] = [];
  const q = search.q?.trim();
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    where.push(or(ilike(users.displayName, pattern), ilike(users.email, pattern))!);
  }
  if (search.role)
    where.push(
      sql`exists (select 1 from ${memberships} m where m.user_id = "users"."id" and m.role = ${search.role})`,
    );
  const condition = and(...where);
  const roles = sql<Role[]>`coalesce((select json_agg(r.role order by r.role) from
    (select distinct m.role from ${memberships} m where m.user_id = "users"."id") r), '[]'::json)`;
  const [rows, [count]] = await Promise.all([
    db
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        disabled: users.disabled,
        createdAt: users.createdAt,
        roles,
      })
      .from(users)
      .where(condition)
      .orderBy(asc(users.displayName), asc(users.email))
      .offset(search.offset)
      .limit(search.limit),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(condition),
  ]);
  return { total: count?.n ?? 0, rows };
}

/** The programme-wide roles a user holds. */
export async function listProgrammeRoles(db: Db, userId: string): Promise<ProgrammeRole[]> {
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.groupId)));
  return rows
    .map((r) => r.role)
    .filter((r): r is ProgrammeRole => (PROGRAMME_ROLES as readonly string[]).includes(r))
    .sort();
}

export async function addProgrammeRole(tx: Db, userId: string, role: ProgrammeRole): Promise<void> {
  await tx.insert(memberships).values({ userId, role, groupId: null }).onConflictDoNothing();
}

export async function removeProgrammeRole(tx: Db, userId: string, role: ProgrammeRole): Promise<void> {
  await tx
    .delete(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.role, role), isNull(memberships.groupId)));
}

/**
 * The enabled administrators, locked for the rest of the transaction so that two removals at once
 * cannot both leave "one other" administrator.
 */
export async function lockActiveAdmins(tx: Db): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, 'admin'), isNull(memberships.groupId), eq(users.disabled, false)))
    .for('update');
  return rows.map((r) => r.userId);
}

/** Sets a user's password hash (argon2id, never the password). */
export async function setPasswordHash(tx: Db, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Ends every session of a user (or all but one); answers the ended sessions' ids. */
export async function endUserSessions(tx: Db, userId: string, exceptSessionId?: string): Promise<string[]> {
  const rows = await tx
    .delete(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        exceptSessionId === undefined ? undefined : ne(sessions.id, exceptSessionId),
      ),
    )
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** Whose a still-good reset token is, for its page: the display name and when it expires. */
export async function findResetHolder(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ displayName: string; expiresAt: Date } | undefined> {
  const [row] = await db
    .select({ displayName: users.displayName, expiresAt: passwordResets.expiresAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .limit(1);
  return row;
}

export type AuditEntryRow = typeof auditLog.$inferSelect & { actorName: string | null };

/** The audit log, newest first, with the actors' names. */
export async function listAuditEntries(db: Db, filter: AuditFilter): Promise<AuditEntryRow[]> {
  const where: SQL[] = [];
  if (filter.subjectType) where.push(eq(auditLog.subjectType, filter.subjectType));
  if (filter.subjectId) where.push(eq(auditLog.subjectId, filter.subjectId));
  if (filter.actorId) where.push(eq(auditLog.actorId, filter.actorId));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.before !== undefined) where.push(lt(auditLog.id, filter.before));
  const rows = await db
    .select({ entry: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...where))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit);
  return rows.map((r) => ({ ...r.entry, actorName: r.actorName }));
}
