// The first staff accounts of an empty database: created with a role and a one-time link, never a
// password; again for the same address, a new link that spends the earlier one. PGlite or PostgreSQL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-support/index.ts';
import { listProgrammeRoles } from './queries/accounts.ts';
import { consumePasswordReset } from './queries/password-resets.ts';
import { auditLog, users } from './schema/index.ts';
import { createStaffAccount, StaffAccountError } from './staff-accounts.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(async () => {
  await database?.close();
});

const tokenOf = (path: string) => path.replace('/reinitialisation/', '');

describe('pnpm db:create-staff', () => {
  it('creates the account with its role and a link that opens it once, with no password set', async () => {
    const now = new Date();
    const account = await createStaffAccount(database.db, {
      email: ' Admin@Tremplin.TG ',
      name: 'Première administratrice',
      role: 'admin',
    });
    expect(account.created).toBe(true);
    expect(account.roles).toEqual(['admin']);
    expect(account.expiresAt.getTime() - now.getTime()).toBeGreaterThan(13 * 24 * 3_600_000);
    const [user] = await database.db.select().from(users).where(eq(users.id, account.userId));
    expect(user).toMatchObject({ email: 'admin@tremplin.tg', displayName: 'Première administratrice' });
    expect(user!.passwordHash).toBe('!');
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.subjectId, account.userId));
    expect(audits.map((a) => a.action).sort()).toEqual([
      'account.create',
      'account.reset-link',
      'account.set-roles',
    ]);
    expect(audits.every((a) => a.actorId === null)).toBe(true);
    // The link is the reset flow's: spent once.
    const token = tokenOf(account.activationPath);
    expect(await consumePasswordReset(database.db, token, new Date())).toBe(account.userId);
    expect(await consumePasswordReset(database.db, token, new Date())).toBeNull();
  });

  it('gives an existing account another role and a new link, the earlier one spent', async () => {
    const first = await createStaffAccount(database.db, {
      email: 'coord@tremplin.tg',
      name: 'Coordinateur',
      role: 'coordinator',
    });
    const again = await createStaffAccount(database.db, {
      email: 'COORD@tremplin.tg',
      name: 'Autre nom ignoré',
      role: 'author',
    });
    expect(again).toMatchObject({ userId: first.userId, created: false, roles: ['author', 'coordinator'] });
    expect(await consumePasswordReset(database.db, tokenOf(first.activationPath), new Date())).toBeNull();
    expect(await consumePasswordReset(database.db, tokenOf(again.activationPath), new Date())).toBe(
      first.userId,
    );
    const [user] = await database.db.select().from(users).where(eq(users.id, first.userId));
    expect(user!.displayName).toBe('Coordinateur');
  });

  it('refuses, in French and writing nothing, a bad address, an unknown role or a disabled account', async () => {
    const count = async () => (await database.db.select().from(users)).length;
    const before = await count();
    await expect(
      createStaffAccount(database.db, { email: 'pas-une-adresse', name: 'X', role: 'admin' }),
    ).rejects.toThrow(new StaffAccountError('Adresse électronique invalide : « pas-une-adresse ».'));
    await expect(
      createStaffAccount(database.db, { email: 'x@tremplin.tg', name: 'X', role: 'tutor' as 'admin' }),
    ).rejects.toThrow(/Rôle inconnu : « tutor »/);
    const [disabled] = await database.db
      .insert(users)
      .values({ email: 'parti@tremplin.tg', displayName: 'Parti', passwordHash: '!', disabled: true })
      .returning();
    await expect(
      createStaffAccount(database.db, { email: 'parti@tremplin.tg', name: 'Parti', role: 'grader' }),
    ).rejects.toThrow(/désactivé/);
    expect(await listProgrammeRoles(database.db, disabled!.id)).toEqual([]);
    expect(await count()).toBe(before + 1);
  });
});
