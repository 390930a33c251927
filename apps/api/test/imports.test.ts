// The CSV import over HTTP: upload (text/csv or JSON), the report in the caller's language, the
// apply's modes, the activation links as a CSV download.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consumePasswordReset, findUserByEmail } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

const FIXTURES = join(import.meta.dirname, '../../../packages/db/test/fixtures/imports');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

let t: TestApp;
let cookie = '';
beforeAll(async () => {
  t = await buildTestApp();
  cookie = await signIn(t.app, 'coordination@tremplin.test');
});
afterAll(() => t.close());

const upload = (kind: string, body: Buffer, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'POST',
    url: `/api/imports?kind=${kind}&fileName=fichier.csv`,
    headers: { cookie, 'content-type': 'text/csv', ...headers },
    payload: body,
  });

describe('POST /api/imports', () => {
  it('answers the dry-run report of a text/csv upload, errors in French by line and column', async () => {
    const response = await upload('students', fixture('bad-rows.csv'));
    expect(response.statusCode).toBe(201);
    const report = response.json();
    expect(report).toMatchObject({
      kind: 'students',
      status: 'checked',
      rowsTotal: 6,
      rowsValid: 1,
      errorsTotal: 5,
    });
    expect(report.errors[0]).toEqual({
      line: 2,
      column: 'email',
      code: 'invalid-email',
      message: '« pas-une-adresse » n’est pas une adresse e-mail valide.',
    });
    const again = await t.app.inject({
      url: `/api/imports/${report.id}`,
      headers: { cookie, 'accept-language': 'en' },
    });
    expect(again.json().errors[0].message).toBe('"pas-une-adresse" is not a valid e-mail address.');
  });

  it('takes the same file as base64 in JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=students',
      headers: { cookie },
      payload: { csvBase64: fixture('bom.csv').toString('base64') },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ fileName: 'students.csv', rowsValid: 2, errors: [] });
  });

  it('refuses a file over 10 MB, and answers a report for a file without rows', async () => {
    const big = await upload('students', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'));
    expect(big.statusCode).toBe(413);
    const empty = await upload('tutors', Buffer.from('email;nom;universite;cohorte;groupe\r\n'));
    expect(empty.json()).toMatchObject({ kind: 'tutors', rowsTotal: 0, rowsValid: 0, errors: [] });
  });

  it('refuses a file that is not UTF-8 with a clear message', async () => {
    const response = await upload('students', fixture('latin1.csv'));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_IMPORT_ENCODING' });
    expect(response.json().message).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 without a byte order mark (valid UTF-8 full of NUL bytes), storing nothing', async () => {
    const before = (await t.app.inject({ url: '/api/imports', headers: { cookie } })).json().imports.length;
    const utf16 = Buffer.from('email;nom\r\nama@exemple.tg;Ama\r\n', 'utf16le');
    const raw = await upload('tutors', utf16);
    expect(raw.statusCode).toBe(400);
    expect(raw.json()).toMatchObject({ code: 'TREMPLIN_ERR_IMPORT_ENCODING' });
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=tutors',
      headers: { cookie },
      payload: { csvBase64: Buffer.from([0]).toString('base64') },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'TREMPLIN_ERR_IMPORT_ENCODING' });
    const after = (await t.app.inject({ url: '/api/imports', headers: { cookie } })).json().imports.length;
    expect(after).toBe(before);
  });

  it('takes base64 wrapped in lines, as the base64 tool writes it', async () => {
    const wrapped = `${fixture('bom.csv').toString('base64').replace(/.{76}/g, '$&\n')}\n`;
    expect(wrapped.split('\n').length).toBeGreaterThan(2);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/imports?kind=students',
      headers: { cookie },
      payload: { csvBase64: wrapped },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ rowsTotal: 2, rowsValid: 2 });
  });

  it('refuses JSON whose csvBase64 is not base64, rather than decoding what is left', async () => {
    for (const csvBase64 of ['򠟐󢂴', 'ZW1h aWw=', 'ZW1haWw=!']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/imports?kind=tutors',
        headers: { cookie, 'accept-language': 'fr' },
        payload: { csvBase64 },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'TREMPLIN_ERR_VALIDATION' });
    }
  });
});

describe('applying over HTTP', () => {
  it('refuses all-or-nothing on errors, then imports, once, and gives the activation links as CSV', async () => {
    const id = (await upload('students', fixture('duplicates.csv'))).json().id;
    const apply = (mode: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/imports/${id}/apply`,
        headers: { cookie },
        payload: { mode },
      });
    const refused = await apply('all');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'TREMPLIN_ERR_IMPORT_HAS_ERRORS' });
    expect(await findUserByEmail(t.database.db, 'folly.ok@exemple.tg')).toBeUndefined();
    const notYet = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/activation-links`,
      headers: { cookie },
    });
    expect(notYet.statusCode).toBe(409);

    const applied = await apply('valid');
    expect(applied.statusCode).toBe(200);
    expect(applied.json()).toMatchObject({ status: 'applied', mode: 'valid', rowsImported: 1 });
    expect((await apply('valid')).json()).toMatchObject({ code: 'TREMPLIN_ERR_IMPORT_APPLIED' });

    const links = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${id}/activation-links`,
      headers: { cookie },
    });
    expect(links.statusCode).toBe(200);
    expect(links.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(links.headers['content-disposition']).toMatch(/^attachment; filename="liens-activation-/);
    const lines = links.body.replace('\uFEFF', '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^folly\.ok@exemple\.tg,Folly Ok,http:\/\/[^,]+\/reinitialisation\/[\w-]+$/);
    const token = lines[1]!.split('/reinitialisation/')[1]!;
    const folly = (await findUserByEmail(t.database.db, 'folly.ok@exemple.tg'))!;
    expect(await consumePasswordReset(t.database.db, token, new Date())).toBe(folly.id);

    const list = await t.app.inject({ url: '/api/imports', headers: { cookie } });
    expect(list.json().imports.find((i: { id: string }) => i.id === id)).toMatchObject({ status: 'applied' });
  });
});
