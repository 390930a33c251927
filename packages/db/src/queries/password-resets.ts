import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { passwordResets } from '../schema/index.ts';

/** The stored form of a reset token: its SHA-256, so the table alone opens no account. */
export function resetTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates one-time reset links: returns each user's raw token (the link's secret, shown once to the
 * coordination and never stored). Earlier unused links of the same users stop working.
 */
export async function createPasswordResets(
  db: Db,
  userIds: string[],
  { createdBy, expiresAt }: { createdBy: string | null; expiresAt: Date },
): Promise<Map<string, string>> {
  const tokens = new Map(userIds.map((id) => [id, randomBytes(32).toString('base64url')]));
  if (userIds.length === 0) return tokens;
  const now = new Date();
  const rows = [...tokens].map(([userId, token]) => ({
    tokenHash: resetTokenHash(token),
    userId,
    createdBy,
    expiresAt,
  }));
  // In slices: a statement holds at most 65,535 parameters (an import creates thousands of links).
  for (let i = 0; i < rows.length; i += 2_000) {
    const slice = rows.slice(i, i + 2_000);
    await db
      .update(passwordResets)
      .set({ usedAt: now })
      .where(
        and(
          inArray(
            passwordResets.userId,
            slice.map((r) => r.userId),
          ),
          isNull(passwordResets.usedAt),
        ),
      );
    await db.insert(passwordResets).values(slice);
  }
  return tokens;
}

/**
 * Spends a reset token: the user it opens, or null when it is unknown, used or expired. Marks it
 * used in the same statement, so that two uses at once cannot both succeed.
 */
export async function consumePasswordReset(db: Db, token: string, now: Date): Promise<string | null> {
  const [row] = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.tokenHash, resetTokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ userId: passwordResets.userId });
  return row?.userId ?? null;
}

/** Whether a token is still good (for the reset page, before the new password is typed). */
export async function findPasswordReset(
  db: Db,
  token: string,
  now: Date,
): Promise<{ userId: string } | null> {
  const [row] = await db
    .select({ userId: passwordResets.userId })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.tokenHash, resetTokenHash(token)),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    );
  return row ?? null;
}
