import { randomBytes } from 'node:crypto';
import { inArray, like } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { sessions, users } from '../schema/index.ts';
import { DEMO_DOMAIN, DEMO_PASSWORD } from './demo-people.ts';

/**
 * The enabled accounts of the demo domain that still open with the public demo password. The
 * domain is under `.test`, reserved (RFC 6761), so no real person's address is ever among them.
 */
export async function findDemoAccounts(db: Db): Promise<Array<{ id: string; email: string }>> {
  const rows = await db
    .select({ id: users.id, email: users.email, passwordHash: users.passwordHash, disabled: users.disabled })
    .from(users)
    .where(like(users.email, `%@${DEMO_DOMAIN}`));
  // The seed gives every demo account the same hash: one argon2 check per distinct hash, not per account.
  const opens = new Map<string, boolean>();
  for (const row of rows) {
    if (!row.disabled && !opens.has(row.passwordHash))
      opens.set(row.passwordHash, await verifyPassword(row.passwordHash, DEMO_PASSWORD));
  }
  return rows.filter((r) => !r.disabled && opens.get(r.passwordHash)).map(({ id, email }) => ({ id, email }));
}

/**
 * Closes the demo accounts for good: disabled, their password replaced by an unknown one, their
 * sessions ended. They are not deleted: what they did (reviews, live sessions, messages, authored
 * modules) stays attributed, and no foreign key has to be cut. Answers the addresses closed.
 */
export async function removeDemoAccounts(db: Db): Promise<string[]> {
  const accounts = await findDemoAccounts(db);
  if (accounts.length === 0) return [];
  const ids = accounts.map((a) => a.id);
  const passwordHash = await hashPassword(randomBytes(32).toString('base64url'));
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabled: true, passwordHash }).where(inArray(users.id, ids));
    await tx.delete(sessions).where(inArray(sessions.userId, ids));
  });
  return accounts.map((a) => a.email);
}
