import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema/index.ts';

export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean; at: Date },
): Promise<void> {
  await db.insert(loginAttempts).values(attempt);
}

/** Failed attempts since a moment, for one address and for one IP. */
export async function countRecentFailures(
  db: Db,
  { email, ip, since }: { email: string; ip: string; since: Date },
): Promise<{ byEmail: number; byIp: number }> {
  const [row] = await db
    .select({
      byEmail: sql<number>`count(*) filter (where ${eq(loginAttempts.email, email)})::int`,
      byIp: sql<number>`count(*) filter (where ${eq(loginAttempts.ip, ip)})::int`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, since),
        sql`(${loginAttempts.email} = ${email} or ${loginAttempts.ip} = ${ip})`,
      ),
    );
  return { byEmail: row?.byEmail ?? 0, byIp: row?.byIp ?? 0 };
}

/** A successful sign-in clears the account's failures so far. */
export async function clearLoginFailures(db: Db, email: string): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false)));
}

export async function deleteLoginAttemptsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}
