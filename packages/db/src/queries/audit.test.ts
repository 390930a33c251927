// The audit log is append-only in the database itself: an UPDATE or a DELETE fails, whoever sends it.
// Runs on PGlite by default and on PostgreSQL with DATABASE_URL.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { auditLog, users } from '../schema/index.ts';
import { listAudit, recordAudit } from './audit.ts';
import { listAuditEntries } from './accounts.ts';

let database: TestDatabase;
let actorId = '';

/** The error a statement fails with (drizzle wraps the driver's error in `cause`). */
async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'no error';
}

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  const [user] = await database.db
    .insert(users)
    .values({ email: 'coord@example.test', displayName: 'Coord', passwordHash: '!' })
    .returning();
  actorId = user!.id;
  await database.db.transaction(async (tx) => {
    await recordAudit(tx, {
      actorId,
      action: 'account.disable',
      subjectType: 'user',
      subjectId: 'u1',
      before: { disabled: false },
      after: { disabled: true },
    });
    await recordAudit(tx, { actorId, action: 'group.create', subjectType: 'group', subjectId: 'g1' });
  });
});
afterAll(() => database.close());

describe('the audit log', () => {
  it('keeps what is recorded, newest first, with the actor named', async () => {
    const entries = await listAuditEntries(database.db, { limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['group.create', 'account.disable']);
    expect(entries[1]).toMatchObject({
      actorName: 'Coord',
      before: { disabled: false },
      after: { disabled: true },
    });
    expect(await listAudit(database.db, { subjectType: 'group', limit: 10 })).toHaveLength(1);
  });

  it('refuses UPDATE and DELETE, through drizzle and in plain SQL', async () => {
    const db = database.db;
    expect(await failure(() => db.update(auditLog).set({ reason: 'rewritten' }))).toMatch(
      /audit_log is append-only/,
    );
    expect(await failure(() => db.delete(auditLog).where(eq(auditLog.subjectId, 'u1')))).toMatch(
      /audit_log is append-only/,
    );
    expect(await failure(() => db.execute(sql`delete from audit_log`))).toMatch(/audit_log is append-only/);
    expect(await listAuditEntries(db, { limit: 10 })).toHaveLength(2);
  });

  it('records nothing when the change it belongs to fails', async () => {
    const attempt = database.db.transaction(async (tx) => {
      await recordAudit(tx, { actorId, action: 'group.create', subjectType: 'group', subjectId: 'g2' });
      throw new Error('the change failed');
    });
    await expect(attempt).rejects.toThrow('the change failed');
    expect(await listAudit(database.db, { subjectId: 'g2', limit: 10 })).toEqual([]);
  });
});
