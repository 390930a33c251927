import { and, asc, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { loginAttempts } from '../schema/index.ts';

/** Records a sign-in attempt; answers its id. */
export async function recordLoginAttempt(
  db: Db,
  attempt: { email: string; ip: string; succeeded: boolean; at: Date },
): Promise<number> {
  const [row] = await db.insert(loginAttempts).values(attempt).returning({ id: loginAttempts.id });
  return row!.id;
}

export async function deleteLoginAttempt(db: Db, id: number): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}

/** What the sign-in limits need to know about one (account, address) pair and about the address. */
export interface SignInHistory {
  /** Failures of the pair since `pairSince` (a success clears them). */
  pairFailures: number;
  pairLastFailureAt: Date | null;
  /** Whether the pair signed in successfully since `pairSince`. */
  pairSucceeded: boolean;
  /** Distinct accounts with failures from the address since `addressSince`. */
  failingAccounts: number;
  /** The earliest of those accounts' latest failures: when the count first drops. */
  failingAccountsOldestAt: Date | null;
}

/** The pair's and the address's recent history, leaving out one attempt (the one being checked). */
export async function readSignInHistory(
  db: Db,
  q: { email: string; ip: string; pairSince: Date; addressSince: Date; exceptId: number },
): Promise<SignInHistory> {
  const [pair] = await db
    .select({
      failures: sql<number>`count(*) filter (where not ${loginAttempts.succeeded})::int`,
      lastFailureAt: sql<
        string | null
      >`max(${loginAttempts.at}) filter (where not ${loginAttempts.succeeded})`,
      succeeded: sql<boolean>`coalesce(bool_or(${loginAttempts.succeeded}), false)`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.email, q.email),
        eq(loginAttempts.ip, q.ip),
        gt(loginAttempts.at, q.pairSince),
        ne(loginAttempts.id, q.exceptId),
      ),
    );
  const perAccount = db
    .select({ lastAt: sql<string>`max(${loginAttempts.at})`.as('last_at') })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.ip, q.ip),
        eq(loginAttempts.succeeded, false),
        gt(loginAttempts.at, q.addressSince),
        ne(loginAttempts.id, q.exceptId),
      ),
    )
    .groupBy(loginAttempts.email)
    .as('per_account');
  const [address] = await db
    .select({ accounts: sql<number>`count(*)::int`, oldestAt: sql<string | null>`min(${perAccount.lastAt})` })
    .from(perAccount);
  return {
    pairFailures: pair?.failures ?? 0,
    pairLastFailureAt: toDate(pair?.lastFailureAt),
    pairSucceeded: pair?.succeeded ?? false,
    failingAccounts: address?.accounts ?? 0,
    failingAccountsOldestAt: toDate(address?.oldestAt),
  };
}

/** A successful sign-in clears the failures of its (account, address) pair, and only those. */
export async function clearPairFailures(db: Db, { email, ip }: { email: string; ip: string }): Promise<void> {
  await db
    .delete(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), eq(loginAttempts.succeeded, false)));
}

/** One account's failures since a moment, per address, the most recent first. */
export async function listSignInFailures(
  db: Db,
  { email, since }: { email: string; since: Date },
): Promise<Array<{ ip: string; count: number; firstAt: Date; lastAt: Date }>> {
  const rows = await db
    .select({
      ip: loginAttempts.ip,
      count: sql<number>`count(*)::int`,
      firstAt: sql<string>`min(${loginAttempts.at})`,
      lastAt: sql<string>`max(${loginAttempts.at})`,
    })
    .from(loginAttempts)
    .where(
      and(eq(loginAttempts.email, email), eq(loginAttempts.succeeded, false), gt(loginAttempts.at, since)),
    )
    .groupBy(loginAttempts.ip)
    .orderBy(desc(sql`max(${loginAttempts.at})`), asc(loginAttempts.ip));
  return rows.map((r) => ({
    ip: r.ip,
    count: r.count,
    firstAt: toDate(r.firstAt)!,
    lastAt: toDate(r.lastAt)!,
  }));
}

export async function deleteLoginAttemptsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

// Aggregates of timestamps come back as text (postgres.js) or Date (PGlite), never mapped by drizzle.
function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(value);
}
