// The coordination's administration of accounts on the real database: search, disable and enable,
// one-time reset links, roles, and the audit log with its CSV export.
import { findUserByEmail, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, signInNewAdmin, type TestApp } from './helper.ts';

let t: TestApp;
let coordinator: string;
let coordinatorId: string;
let admin: string;
let adminId: string;
// Moved by the tests to expire links without waiting.
let clock = new Date();

beforeAll(async () => {
  t = await buildTestApp({ now: () => clock });
  ({ id: adminId, cookie: admin } = await signInNewAdmin(t));
  coordinator = await signIn(t.app, 'coordination@tremplin.test');
  coordinatorId = (await findUserByEmail(t.database.db, 'coordination@tremplin.test'))!.id;
});
afterAll(() => t.close());

const idOf = async (email: string) => (await findUserByEmail(t.database.db, email))!.id;
const post = (url: string, payload: object = {}, cookie = coordinator, lang = 'fr') =>
  t.app.inject({ method: 'POST', url, payload, headers: { cookie, 'accept-language': lang } });
const put = (url: string, payload: object, cookie = coordinator, lang = 'fr') =>
  t.app.inject({ method: 'PUT', url, payload, headers: { cookie, 'accept-language': lang } });

async function lastAudit(subjectId: string) {
  const rows = await t.database.db
    .select()
    .from(schema.auditLog)
    .where(eq(schema.auditLog.subjectId, subjectId))
    .orderBy(schema.auditLog.id);
  return rows.at(-1);
}

describe('searching accounts', () => {
  it('finds by a part of the name or address, filters by role, and pages', async () => {
    const byName = await t.app.inject({ url: '/api/accounts?q=agbeko', headers: { cookie: coordinator } });
    expect(byName.statusCode).toBe(200);
    expect(byName.json().accounts).toEqual([
      expect.objectContaining({
        email: 'etudiant1@tremplin.test',
        displayName: 'Kossi Agbeko',
        roles: ['student'],
      }),
    ]);
    const tutors = await t.app.inject({ url: '/api/accounts?role=tutor', headers: { cookie: coordinator } });
    const tutorAccounts = tutors.json().accounts as Array<{ email: string; roles: string[] }>;
    expect(tutorAccounts.map((a) => a.email)).toEqual(
      expect.arrayContaining(['tuteur1@tremplin.test', 'tuteur2@tremplin.test']),
    );
    expect(tutorAccounts.every((a) => a.roles.includes('tutor'))).toBe(true);
    const page = await t.app.inject({
      url: '/api/accounts?q=etudiant&offset=10&limit=5',
      headers: { cookie: coordinator },
    });
    expect(page.json()).toMatchObject({ total: 34, offset: 10, limit: 5 });
    expect(page.json().accounts).toHaveLength(5);
    const wildcard = await t.app.inject({ url: '/api/accounts?q=%25', headers: { cookie: coordinator } });
    expect(wildcard.json().total).toBe(0);
  });
});

describe('disabling and enabling', () => {
  it("ends a disabled account's sessions at once, audits both, and lets it back in once enabled", async () => {
    const learner = await signIn(t.app, 'etudiant7@tremplin.test');
    const userId = await idOf('etudiant7@tremplin.test');
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: learner } })).statusCode).toBe(200);
    const disabled = await post(`/api/accounts/${userId}/disable`, { reason: 'Abandon' });
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ id: userId, disabled: true });
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: learner } })).statusCode).toBe(401);
    const sessions = await t.database.db
      .select()
      .from(schema.sessions)
      .where(eq(schema.sessions.userId, userId));
    expect(sessions).toEqual([]);
    expect(await lastAudit(userId)).toMatchObject({
      action: 'account.disable',
      actorId: coordinatorId,
      before: { disabled: false },
      after: { disabled: true, endedSessions: 1 },
      reason: 'Abandon',
    });
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'etudiant7@tremplin.test', password: 'tremplin-demo' },
    });
    expect(refused.json().code).toBe('TREMPLIN_ERR_ACCOUNT_DISABLED');
    const enabled = await post(`/api/accounts/${userId}/enable`);
    expect(enabled.json()).toMatchObject({ disabled: false });
    expect(await lastAudit(userId)).toMatchObject({ action: 'account.enable' });
    await signIn(t.app, 'etudiant7@tremplin.test');
  });

  it('refuses to disable oneself or the last administrator', async () => {
    const self = await post(`/api/accounts/${coordinatorId}/disable`, {}, coordinator, 'en');
    expect(self.statusCode).toBe(409);
    expect(self.json().message).toBe('You cannot disable your own account.');
    const last = await post(`/api/accounts/${adminId}/disable`);
    expect(last.statusCode).toBe(409);
    expect(last.json().code).toBe('TREMPLIN_ERR_LAST_ADMIN');
  });
});

describe('one-time reset links', () => {
  it('works once: the page names the account, the password changes, every session ends, then it fails', async () => {
    const userId = await idOf('etudiant8@tremplin.test');
    const oldSession = await signIn(t.app, 'etudiant8@tremplin.test');
    const created = await post(`/api/accounts/${userId}/reset-link`);
    expect(created.statusCode).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const { path } = created.json() as { path: string };
    expect(path).toMatch(/^\/reinitialisation\/[A-Za-z0-9_-]{43}$/);
    const token = path.split('/').pop()!;
    // Only the hash is stored; the audit line names no token.
    const stored = await t.database.db
      .select()
      .from(schema.passwordResets)
      .where(eq(schema.passwordResets.userId, userId));
    expect(JSON.stringify(stored)).not.toContain(token);
    const audit = await lastAudit(userId);
    expect(audit).toMatchObject({ action: 'account.reset-link', actorId: coordinatorId });
    expect(JSON.stringify(audit)).not.toContain(token);

    const status = await t.app.inject({ url: `/api/auth/reset/${token}` });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toEqual({ displayName: 'Enyonam Fiawoo', expiresAt: expect.any(String) });
    expect(status.body).not.toContain('etudiant8');

    const short = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'court' },
      headers: { 'accept-language': 'en' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({
      code: 'TREMPLIN_ERR_PASSWORD_TOO_SHORT',
      message: 'The password must be at least 10 characters long.',
    });
    const reset = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'un nouveau mot de passe' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/me', headers: { cookie: oldSession } })).statusCode).toBe(401);
    await signIn(t.app, 'etudiant8@tremplin.test', 'un nouveau mot de passe');
    expect(await lastAudit(userId)).toMatchObject({ action: 'account.password-reset', actorId: userId });

    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/auth/reset',
      payload: { token, password: 'encore un autre mot' },
    });
    expect(twice.statusCode).toBe(410);
    expect(twice.json().message).toContain("Ce lien n'est plus valable");
    expect((await t.app.inject({ url: `/api/auth/reset/${token}` })).statusCode).toBe(410);
  });

  it('fails once expired, and an older link stops working when a new one is made', async () => {
    const userId = await idOf('etudiant9@tremplin.test');
    const first = (await post(`/api/accounts/${userId}/reset-link`)).json().path.split('/').pop();
    const second = (await post(`/api/accounts/${userId}/reset-link`)).json().path.split('/').pop();
    expect((await t.app.inject({ url: `/api/auth/reset/${first}` })).statusCode).toBe(410);
    expect((await t.app.inject({ url: `/api/auth/reset/${second}` })).statusCode).toBe(200);
    clock = new Date(Date.now() + 25 * 3_600_000);
    try {
      const expired = await t.app.inject({
        method: 'POST',
        url: '/api/auth/reset',
        payload: { token: second, password: 'un nouveau mot de passe' },
      });
      expect(expired.statusCode).toBe(410);
    } finally {
      clock = new Date();
    }
    await signIn(t.app, 'etudiant9@tremplin.test');
  });

  it('limits the tries of one address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const response = await t.app.inject({
        url: `/api/auth/reset/${'x'.repeat(43)}`,
        remoteAddress: '203.0.113.9',
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 20).every((s) => s === 410)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('roles', () => {
  it('grants and removes programme roles, with an audit line; the new role works at once', async () => {
    const userId = await idOf('tuteur2@tremplin.test');
    const tutor = await signIn(t.app, 'tuteur2@tremplin.test');
    expect((await t.app.inject({ url: '/api/studio/modules', headers: { cookie: tutor } })).statusCode).toBe(
      403,
    );
    const granted = await put(`/api/accounts/${userId}/roles`, { roles: ['author'] });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().roles).toEqual(expect.arrayContaining(['author', 'tutor']));
    expect(await lastAudit(userId)).toMatchObject({
      action: 'account.set-roles',
      before: { roles: [] },
      after: { roles: ['author'] },
    });
    expect((await t.app.inject({ url: '/api/studio/modules', headers: { cookie: tutor } })).statusCode).toBe(
      200,
    );
    const removed = await put(`/api/accounts/${userId}/roles`, { roles: [] });
    expect(removed.json().roles).not.toContain('author');
    expect(removed.json().roles).toContain('tutor');
  });

  it('refuses removing one own coordinator role, the last admin, and a coordinator touching admin', async () => {
    const own = await put(`/api/accounts/${coordinatorId}/roles`, { roles: [] }, coordinator, 'en');
    expect(own.statusCode).toBe(409);
    expect(own.json().message).toBe('You cannot remove your own coordinator role: ask someone else to.');
    const notAdmin = await put(`/api/accounts/${coordinatorId}/roles`, { roles: ['coordinator', 'admin'] });
    expect(notAdmin.statusCode).toBe(403);
    expect(notAdmin.json().code).toBe('TREMPLIN_ERR_ADMIN_ONLY');
    const ownAdmin = await put(`/api/accounts/${adminId}/roles`, { roles: [] }, admin);
    expect(ownAdmin.json().code).toBe('TREMPLIN_ERR_OWN_ROLE');
    // The admin makes the coordinator an admin too; then the first admin may leave the role.
    expect(
      (await put(`/api/accounts/${coordinatorId}/roles`, { roles: ['coordinator', 'admin'] }, admin))
        .statusCode,
    ).toBe(200);
    const coordinatorAgain = await signIn(t.app, 'coordination@tremplin.test');
    const handedOver = await put(`/api/accounts/${adminId}/roles`, [] as never, coordinatorAgain);
    expect(handedOver.statusCode).toBe(400);
    const removed = await put(`/api/accounts/${adminId}/roles`, { roles: [] }, coordinatorAgain);
    expect(removed.statusCode).toBe(200);
    // Now the coordinator is the last admin: their own removal is refused for both reasons.
    const last = await put(
      `/api/accounts/${coordinatorId}/roles`,
      { roles: ['coordinator'] },
      coordinatorAgain,
    );
    expect(last.statusCode).toBe(409);
    // Put things back for the other tests.
    await put(`/api/accounts/${adminId}/roles`, { roles: ['admin'] }, coordinatorAgain);
  });
});

describe('the audit log', () => {
  it('lists the actions newest first, filters them and exports them as CSV with a BOM', async () => {
    const all = await t.app.inject({ url: '/api/audit?limit=500', headers: { cookie: coordinator } });
    expect(all.statusCode).toBe(200);
    const entries = all.json().entries as Array<{ id: number; action: string; actorName: string | null }>;
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((a, b) => b - a));
    const disables = await t.app.inject({
      url: '/api/audit?action=account.disable',
      headers: { cookie: coordinator },
    });
    expect(disables.json().entries).toEqual([
      expect.objectContaining({ action: 'account.disable', actorName: 'Essi Adzogble', reason: 'Abandon' }),
    ]);
    const csv = await t.app.inject({
      url: '/api/audit/export?action=account.disable',
      headers: { cookie: coordinator },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.startsWith('\uFEFFid,at,actor_id,actor_name,action')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('Essi Adzogble,account.disable,user,');
    expect(lines[1]).toContain('"{""disabled"":false}"');
  });
});
