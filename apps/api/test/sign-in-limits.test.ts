// Sign-in limits nobody can turn against others: a growing delay per (account, address) pair, a
// ceiling of failing accounts per address that a lab never reaches, logs without passwords, and
// the coordination's view of an account's failures. The clock is moved, never waited for.
import { Writable } from 'node:stream';
import { hashPassword, schema } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

let clock = new Date('2026-12-01T08:00:00Z');
const advance = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
const logLines: Array<Record<string, unknown>> = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
    done();
  },
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ now: () => clock, logger: { level: 'info', stream: logStream } });
});
afterAll(() => t.close());

const attempt = (email: string, password: string, address: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password },
    remoteAddress: address,
    headers,
  });

/** Fails once, after waiting out whatever delay the pair is under. */
async function failWaiting(email: string, address: string): Promise<void> {
  let response = await attempt(email, 'wrong-password', address);
  if (response.statusCode === 429) {
    advance(Number(response.headers['retry-after']));
    response = await attempt(email, 'wrong-password', address);
  }
  expect(response.statusCode).toBe(401);
}

describe('the delay of one (account, address) pair', () => {
  it('does not let an attacker at one address stop the owner signing in at another', async () => {
    for (let i = 0; i < 20; i++) await failWaiting('etudiant10@tremplin.test', '203.0.113.66');
    expect((await attempt('etudiant10@tremplin.test', 'wrong-password', '203.0.113.66')).statusCode).toBe(
      429,
    );

    const owner = await attempt('etudiant10@tremplin.test', 'tremplin-demo', '198.51.100.10');
    expect(owner.statusCode).toBe(200);
  });

  it('grows from one second, doubling up to the ceiling, and Retry-After says so', async () => {
    const email = 'etudiant11@tremplin.test';
    const address = '198.51.100.11';
    for (let i = 0; i < 3; i++) expect((await attempt(email, `bad-${i}`, address)).statusCode).toBe(401);

    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const delayed = await attempt(email, 'tremplin-demo', address);
      expect(delayed.statusCode).toBe(429);
      waits.push(Number(delayed.headers['retry-after']));
      // Not even the right password passes before the wait is over: nothing is checked.
      expect((await attempt(email, 'tremplin-demo', address)).statusCode).toBe(429);
      advance(waits.at(-1)!);
      expect((await attempt(email, 'wrong-password', address)).statusCode).toBe(401);
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900]);

    advance(30);
    const french = await attempt(email, 'tremplin-demo', address);
    expect(french.json()).toEqual({
      code: 'TREMPLIN_ERR_TOO_MANY_ATTEMPTS',
      message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.',
    });
    advance(900 - 30 - 5);
    const english = await attempt(email, 'tremplin-demo', address, { 'accept-language': 'en' });
    expect(english.headers['retry-after']).toBe('5');
    expect(english.json().message).toBe('Too many sign-in attempts. Try again in 5 seconds.');
    advance(5);
    expect((await attempt(email, 'tremplin-demo', address)).statusCode).toBe(200);
  });

  it('is cleared by a success at that address', async () => {
    const email = 'etudiant12@tremplin.test';
    const address = '198.51.100.12';
    for (let i = 0; i < 3; i++) expect((await attempt(email, 'wrong', address)).statusCode).toBe(401);
    const delayed = await attempt(email, 'tremplin-demo', address);
    expect(delayed.headers['retry-after']).toBe('1');
    advance(1);
    expect((await attempt(email, 'tremplin-demo', address)).statusCode).toBe(200);

    // Three free failures again, and the first wait is one second again.
    for (let i = 0; i < 3; i++) expect((await attempt(email, 'wrong', address)).statusCode).toBe(401);
    expect((await attempt(email, 'tremplin-demo', address)).headers['retry-after']).toBe('1');
  });
});

describe('the ceiling per address', () => {
  it('lets a lab of 200 behind one address sign in, every student after a typo', async () => {
    const passwordHash = await hashPassword('labo-2026');
    const students = Array.from({ length: 200 }, (_, i) => `labo${i + 1}@univ-kara.tg`);
    await t.database.db
      .insert(schema.users)
      .values(students.map((email) => ({ email, displayName: email, passwordHash })));
    const lab = '192.0.2.200';
    // Everyone mistypes first, then everyone signs in: the worst moment for the address's count.
    const typos = await inBatches(students, (email) => attempt(email, 'labo-2025', lab));
    expect(typos.every((r) => r.statusCode === 401)).toBe(true);
    const signedIn = await inBatches(students, (email) => attempt(email, 'labo-2026', lab));
    expect(signedIn.map((r) => r.statusCode)).toEqual(students.map(() => 200));
  }, 120_000);

  it('stops a credential-stuffing run from one address, sparing who signed in there before', async () => {
    const strict = await buildTestApp({
      database: t.database,
      now: () => clock,
      env: { LOGIN_MAX_FAILING_ACCOUNTS_PER_ADDRESS: '10', LOGIN_ADDRESS_WINDOW_MINUTES: '15' },
    });
    try {
      const address = '192.0.2.99';
      const from = (email: string, password: string) =>
        strict.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { email, password },
          remoteAddress: address,
        });
      expect((await from('etudiant13@tremplin.test', 'tremplin-demo')).statusCode).toBe(200);
      const started = clock;
      for (let i = 0; i < 10; i++) {
        expect((await from(`victime${i}@example.org`, 'password123')).statusCode).toBe(401);
        advance(10);
      }
      const stopped = await from('victime10@example.org', 'password123');
      expect(stopped.statusCode).toBe(429);
      // Until the first of those failures is 15 minutes old.
      expect(Number(stopped.headers['retry-after'])).toBe(
        15 * 60 - (clock.getTime() - started.getTime()) / 1000,
      );
      // An account that signed in from this address before is not held by the run.
      expect((await from('etudiant13@tremplin.test', 'tremplin-demo')).statusCode).toBe(200);
      // Nor is the same account from elsewhere.
      const elsewhere = await strict.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'etudiant14@tremplin.test', password: 'tremplin-demo' },
        remoteAddress: '192.0.2.100',
      });
      expect(elsewhere.statusCode).toBe(200);
    } finally {
      await strict.app.close();
    }
  });
});

describe('the sign-in log', () => {
  it('records failures and successes with the address and the account, never the password', async () => {
    const secret = 'Mot-De-Passe-Tres-Secret-42';
    await attempt('etudiant15@tremplin.test', secret, '198.51.100.15');
    await attempt('etudiant15@tremplin.test', 'tremplin-demo', '198.51.100.15');
    const failed = logLines.find((l) => l.msg === 'sign-in failed' && l.email === 'etudiant15@tremplin.test');
    const succeeded = logLines.find((l) => l.msg === 'signed in' && l.email === 'etudiant15@tremplin.test');
    expect(failed).toMatchObject({ ip: '198.51.100.15', knownAccount: true });
    expect(succeeded).toMatchObject({ ip: '198.51.100.15', userId: expect.any(String) });
    const delayed = logLines.find((l) => l.msg === 'sign-in delayed');
    expect(delayed).toMatchObject({ ip: expect.any(String), email: expect.any(String) });
    expect(JSON.stringify(logLines)).not.toContain(secret);
    expect(JSON.stringify(logLines)).not.toContain('tremplin-demo');
  });
});

describe('the coordination’s view of an account’s failures', () => {
  const url = '/api/accounts/sign-in-failures?email=Etudiant16@tremplin.test';

  it('answers the failures per address, with when each may try again', async () => {
    const email = 'etudiant16@tremplin.test';
    await failWaiting(email, '198.51.100.16');
    const typoAt = clock.toISOString();
    advance(60);
    for (let i = 0; i < 4; i++) await failWaiting(email, '203.0.113.16');
    // Signing in at one address clears that address only.
    await failWaiting(email, '192.0.2.16');
    expect((await attempt(email, 'tremplin-demo', '192.0.2.16')).statusCode).toBe(200);

    const cookie = await signIn(t.app, 'coordination@tremplin.test');
    const response = await t.app.inject({ url, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.email).toBe(email);
    expect(body.addresses).toEqual([
      {
        address: '203.0.113.16',
        count: 4,
        firstAt: expect.any(String),
        lastAt: clock.toISOString(),
        retryAt: expect.any(String),
      },
      { address: '198.51.100.16', count: 1, firstAt: typoAt, lastAt: typoAt, retryAt: null },
    ]);
    const attacker = body.addresses[0];
    expect(new Date(attacker.retryAt).getTime() - new Date(attacker.lastAt).getTime()).toBe(2000);
  });

  it('is for the coordination only', async () => {
    expect((await t.app.inject({ url })).statusCode).toBe(401);
    for (const email of ['etudiant17@tremplin.test', 'tuteur1@tremplin.test', 'auteur@tremplin.test']) {
      const response = await t.app.inject({ url, headers: { cookie: await signIn(t.app, email) } });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('TREMPLIN_ERR_FORBIDDEN');
    }
  });

  it('refuses a malformed address with 400 naming the field', async () => {
    const cookie = await signIn(t.app, 'coordination@tremplin.test');
    const response = await t.app.inject({
      url: '/api/accounts/sign-in-failures?email=pas-une-adresse',
      headers: { cookie },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_VALIDATION', field: 'email' });
  });
});

async function inBatches<T, R>(items: T[], run: (item: T) => Promise<R>, size = 20): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size)
    results.push(...(await Promise.all(items.slice(i, i + size).map(run))));
  return results;
}
