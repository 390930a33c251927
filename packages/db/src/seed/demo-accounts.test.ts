import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { findUserByEmail } from '../queries/users.ts';
import { insertSession } from '../queries/sessions.ts';
import { moduleVersions, sessions, submissions, users } from '../schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { findDemoAccounts, removeDemoAccounts } from './demo-accounts.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('the demo accounts', () => {
  it('are the 41 seeded accounts while they open with the public password', async () => {
    const found = await findDemoAccounts(database.db);
    expect(found).toHaveLength(41);
    expect(found.map((a) => a.email)).toContain('coordination@tremplin.test');
  });

  it('are closed by removeDemoAccounts, leaving real accounts and the programme in place', async () => {
    const db = database.db;
    const [real] = await db
      .insert(users)
      .values({ email: 'afi@univ-lome.tg', displayName: 'Afi', passwordHash: await hashPassword('s3cret!') })
      .returning();
    // A demo account whose password was changed is no longer public: it is left alone.
    await db
      .update(users)
      .set({ passwordHash: await hashPassword('changed') })
      .where(eq(users.email, 'etudiant34@tremplin.test'));
    const student = (await findUserByEmail(db, 'etudiant1@tremplin.test'))!;
    await insertSession(db, {
      id: 'demo-session',
      userId: student.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const versionsBefore = await db.select().from(moduleVersions);
    const submissionsBefore = await db.select().from(submissions);

    const removed = await removeDemoAccounts(db);

    expect(removed).toHaveLength(40);
    expect(removed).not.toContain('etudiant34@tremplin.test');
    expect(await findDemoAccounts(db)).toEqual([]);
    const closed = (await findUserByEmail(db, 'etudiant1@tremplin.test'))!;
    expect(closed.disabled).toBe(true);
    expect(await verifyPassword(closed.passwordHash, 'tremplin-demo')).toBe(false);
    expect(await db.select().from(sessions).where(eq(sessions.userId, student.id))).toEqual([]);
    expect((await findUserByEmail(db, 'etudiant34@tremplin.test'))!.disabled).toBe(false);
    expect((await findUserByEmail(db, real!.email))!.disabled).toBe(false);
    // Nothing referring to the accounts is cut: modules, versions and work stay.
    expect(await db.select().from(moduleVersions)).toEqual(versionsBefore);
    expect(await db.select().from(submissions)).toHaveLength(submissionsBefore.length);
  });

  it('does nothing the second time', async () => {
    expect(await removeDemoAccounts(database.db)).toEqual([]);
  });
});
