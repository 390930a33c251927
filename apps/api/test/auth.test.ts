import { findUserByEmail, setUserDisabled } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const login = (payload: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object, headers });

describe('sign-in', () => {
  it('signs the demo student in with an httpOnly SameSite session cookie and returns their roles', async () => {
    const response = await login({ email: 'etudiant1@tremplin.test', password: 'tremplin-demo' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.user.roles).toEqual(['student']);
    expect(body.user.groups).toEqual([
      expect.objectContaining({ name: 'Groupe Lomé 1', role: 'student', tutorName: 'Kodjo Amenyo' }),
    ]);
    const cookie = response.cookies.find((c) => c.name === 'tremplin_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
  });

  it('accepts the address in any case', async () => {
    const response = await login({ email: 'Tuteur1@Tremplin.TEST', password: 'tremplin-demo' });
    expect(response.statusCode).toBe(200);
    expect(response.json().user.roles).toEqual(['tutor', 'student']);
  });

  it('marks the cookie Secure when the platform is published over https, even from a plain-http hop', async () => {
    const published = await buildTestApp({
      database: t.database,
      env: { PUBLIC_ORIGIN: 'https://tremplin.gouv.tg' },
    });
    try {
      // A proxy that terminates TLS without saying so: the cookie is Secure all the same.
      const response = await published.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'etudiant2@tremplin.test', password: 'tremplin-demo' },
      });
      expect(response.cookies.find((c) => c.name === 'tremplin_session')?.secure).toBe(true);
    } finally {
      await published.app.close();
    }
  });

  it('leaves the cookie plain on a local http install, whatever X-Forwarded-Proto says', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'etudiant2@tremplin.test', password: 'tremplin-demo' },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.cookies.find((c) => c.name === 'tremplin_session')?.secure).toBeUndefined();
  });

  it('answers a wrong password and an unknown address with the same 401', async () => {
    const wrong = await login({ email: 'etudiant3@tremplin.test', password: 'nope' });
    const unknown = await login({ email: 'personne@tremplin.test', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({
      code: 'TREMPLIN_ERR_INVALID_CREDENTIALS',
      message: 'Adresse e-mail ou mot de passe incorrect.',
    });
    expect(wrong.cookies).toHaveLength(0);
  });

  it('speaks English when the browser asks for it', async () => {
    const response = await login(
      { email: 'etudiant3@tremplin.test', password: 'nope' },
      { 'accept-language': 'en-GB,en;q=0.9' },
    );
    expect(response.json().message).toBe('Incorrect email address or password.');
  });

  it('refuses a disabled account, even with the right password', async () => {
    const user = await findUserByEmail(t.database.db, 'etudiant4@tremplin.test');
    await setUserDisabled(t.database.db, user!.id, true);
    const response = await login({ email: 'etudiant4@tremplin.test', password: 'tremplin-demo' });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('TREMPLIN_ERR_ACCOUNT_DISABLED');
  });

  it('ends the sessions of an account once it is disabled', async () => {
    const cookie = await signIn(t.app, 'etudiant5@tremplin.test');
    const user = await findUserByEmail(t.database.db, 'etudiant5@tremplin.test');
    await setUserDisabled(t.database.db, user!.id, true);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });
});

describe('bad input', () => {
  it('names the missing field', async () => {
    const response = await login({ email: 'etudiant1@tremplin.test' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'TREMPLIN_ERR_VALIDATION',
      field: 'password',
      message: 'La requête est invalide : le champ « password » est obligatoire',
    });
  });

  it('names a malformed address', async () => {
    const response = await login({ email: 'pas-une-adresse', password: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'email' });
    expect(response.json().message).toContain('adresse e-mail valide');
  });

  it('answers malformed JSON with 400', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('TREMPLIN_ERR_MALFORMED_JSON');
  });

  it('answers a missing body with 400', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('TREMPLIN_ERR_VALIDATION');
  });

  it('answers an oversized body with 413', async () => {
    const response = await login({ email: 'etudiant1@tremplin.test', password: 'x'.repeat(2 * 1024 * 1024) });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('TREMPLIN_ERR_BODY_TOO_LARGE');
  });

  it('answers a body that is not JSON with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=a',
    });
    expect(response.statusCode).toBe(415);
  });
});

describe('sessions', () => {
  it('are stored in the database and survive a restart of the server', async () => {
    const cookie = await signIn(t.app, 'tuteur2@tremplin.test');
    const restarted = await buildApp({ config: t.config, database: t.database });
    try {
      const me = await restarted.inject({ url: '/api/me', headers: { cookie } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ email: 'tuteur2@tremplin.test', roles: ['tutor', 'student'] });
    } finally {
      await restarted.close();
    }
  });

  it('end at sign-out', async () => {
    const cookie = await signIn(t.app, 'etudiant9@tremplin.test');
    const logout = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(logout.statusCode).toBe(204);
    expect(logout.cookies.find((c) => c.name === 'tremplin_session')?.value).toBe('');
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('TREMPLIN_ERR_UNAUTHENTICATED');
  });

  it('carry the user without the password hash, and one set of roles and of memberships per combination', async () => {
    const token = (cookie: string) => cookie.slice('tremplin_session='.length);
    const [first, second, tutor] = await Promise.all(
      ['etudiant11@tremplin.test', 'etudiant12@tremplin.test', 'tuteur1@tremplin.test'].map((email) =>
        signIn(t.app, email),
      ),
    );
    const actors = [
      await t.app.auth.resolve(token(first!)),
      (await t.app.auth.resolveSocket(token(second!)))?.actor,
      await t.app.auth.resolve(token(tutor!)),
    ];
    for (const actor of actors) {
      expect(actor?.user.email).toMatch(/@tremplin\.test$/);
      expect(actor?.user).not.toHaveProperty('passwordHash');
    }
    const [a, b, c] = actors;
    expect([...a!.roles]).toEqual(['student']);
    expect(b!.roles).toBe(a!.roles);
    expect([...c!.roles].sort()).toEqual(['student', 'tutor']);
    expect(c!.roles).not.toBe(a!.roles);
    // Two learners of one group share one frozen copy of their memberships (thousands of sockets).
    expect(a!.memberships).toEqual([
      expect.objectContaining({ role: 'student', groupName: 'Groupe Lomé 1' }),
    ]);
    expect(b!.memberships).toBe(a!.memberships);
    expect(Object.isFrozen(a!.memberships)).toBe(true);
    expect(Object.isFrozen(a!.memberships[0])).toBe(true);
    expect(c!.memberships).not.toBe(a!.memberships);
    expect(b!.user.locale).toBe('fr');
  });

  it('ignore a forged cookie', async () => {
    const me = await t.app.inject({ url: '/api/me', headers: { cookie: 'tremplin_session=forged' } });
    expect(me.statusCode).toBe(401);
  });

  it('remember the preferred language', async () => {
    const cookie = await signIn(t.app, 'etudiant10@tremplin.test');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      headers: { cookie },
      payload: { locale: 'en' },
    });
    expect(put.statusCode).toBe(200);
    const me = await t.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json().locale).toBe('en');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/locale',
      headers: { cookie },
      payload: { locale: 'de' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('locale');
  });
});
