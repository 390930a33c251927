import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, inArray, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../passwords.ts';
import { consumePasswordReset } from '../queries/password-resets.ts';
import { findUserByEmail } from '../queries/users.ts';
import {
  auditLog,
  enrolments,
  groupModules,
  groupMoves,
  groups,
  importBatches,
  memberships,
  modules,
  users,
} from '../schema/index.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { toCsv } from '../csv.ts';
import {
  applyImportBatch,
  checkImport,
  createImportBatch,
  decodeCsv,
  importMessage,
  issueActivationLinks,
  CsvReadError,
  ImportApplyError,
  type ImportKind,
} from './index.ts';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/imports');
const fixture = (name: string) => decodeCsv(readFileSync(join(FIXTURES, name)));

let database: TestDatabase;
let coordinatorId = '';
beforeAll(async () => {
  database = await createTestDatabase();
  coordinatorId = (await findUserByEmail(database.db, 'coordination@tremplin.test'))!.id;
});
afterAll(() => database.close());

const check = (kind: ImportKind, text: string) => checkImport(database.db, kind, text);
const errorsOf = async (kind: ImportKind, name: string) =>
  (await check(kind, fixture(name))).report.errors.map((e) => [e.line, e.column, e.code]);
const countUsers = async (pattern: string) =>
  (await database.db.select({ n: count() }).from(users).where(like(users.email, pattern)))[0]!.n;

describe('toCsv', () => {
  it('writes a BOM, CRLF and RFC 4180 quoting', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'il a dit "oui"'],
          ['é', null],
        ],
      ),
    ).toBe('\uFEFFa,b\r\n"x,y","il a dit ""oui"""\r\né,\r\n');
  });
});

describe('reading files', () => {
  it('refuses a file that is not UTF-8 with a clear message', () => {
    expect(() => fixture('latin1.csv')).toThrow(CsvReadError);
    expect(importMessage('not-utf8', {}, 'fr')).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 without a byte order mark, though its bytes are valid UTF-8', () => {
    const bytes = Buffer.from('email;nom\r\nama@exemple.tg;Ama\r\n', 'utf16le');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).not.toThrow();
    expect(() => decodeCsv(bytes)).toThrow(CsvReadError);
  });

  it('reads a file with a BOM and commas', async () => {
    const { report } = await check('students', fixture('bom.csv'));
    expect(report).toMatchObject({ rowsTotal: 2, rowsValid: 2, errors: [], groupsToCreate: [] });
    expect(report.preview[0]).toMatchObject({ line: 2, email: 'ama.bom@exemple.tg', name: 'Ama Bom' });
  });

  it('reads a French Excel export (semicolons, CRLF, headers with accents) and plans the new group', async () => {
    const { report } = await check('students', fixture('semicolons.csv'));
    expect(report).toMatchObject({ rowsTotal: 3, rowsValid: 3, errors: [] });
    expect(report.groupsToCreate).toEqual([
      { name: 'Groupe Lomé 2', university: 'Université de Lomé', cohort: 'Promotion 2026-2027' },
    ]);
    expect(report.preview.map((p) => [p.line, p.group, p.newGroup])).toEqual([
      [2, 'Groupe Lomé 1', false],
      [3, 'Groupe Kara 1', false],
      [4, 'Groupe Lomé 2', true],
    ]);
  });

  it('reads quoted fields holding separators, quotes and line breaks, and counts lines from the file', async () => {
    const { report } = await check('students', fixture('commas-quoted.csv'));
    expect(report.errors).toEqual([]);
    expect(report.preview.map((p) => [p.line, p.name])).toEqual([
      [2, 'Agbeko, Edem'],
      [3, 'Mawuli "Mawu" Dzidzor'],
      [4, 'Abla sur deux lignes'],
    ]);
  });

  it('keeps accents (in NFC) and matches headers, universities, cohorts and groups without accents or case', async () => {
    const { report } = await check('students', fixture('accents.csv'));
    expect(report.errors).toEqual([]);
    expect(report.groupsToCreate).toEqual([]);
    expect(report.preview.map((p) => [p.name, p.university, p.group])).toEqual([
      ['Élodie Kétéwa', 'Université de Lomé', 'Groupe Lomé 1'],
      ['Noé Adjoa-Mensâh', 'Université de Kara', 'Groupe Kara 1'],
    ]);
    expect(report.preview[0]!.name).toBe('Élodie Kétéwa'.normalize('NFC'));
  });

  it('skips blank lines in a CRLF file and keeps the file line numbers', async () => {
    const { report } = await check('students', fixture('crlf.csv'));
    expect(report.errors).toEqual([]);
    expect(report.preview.map((p) => p.line)).toEqual([2, 4]);
  });

  it('names the missing header column on line 1', async () => {
    expect(await errorsOf('students', 'missing-column.csv')).toEqual([
      [1, 'universite', 'missing-column'],
      [1, 'groupe', 'missing-column'],
    ]);
  });
});

describe('checking rows', () => {
  it('reports a duplicate on both lines and an address already in the database', async () => {
    const { report } = await check('students', fixture('duplicates.csv'));
    expect(report.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'email', 'duplicate-in-file'],
      [3, 'email', 'already-exists'],
      [5, 'email', 'duplicate-in-file'],
    ]);
    expect(report.rowsValid).toBe(1);
    const [first] = report.errors;
    expect(importMessage(first!.code, first!.params, 'fr')).toBe(
      'L’adresse dodzi.dup@exemple.tg apparaît aussi ligne 5.',
    );
    expect(importMessage(first!.code, first!.params, 'en')).toBe(
      'The address dodzi.dup@exemple.tg also appears on line 5.',
    );
  });

  it('reports each bad row by line and column', async () => {
    expect(await errorsOf('students', 'bad-rows.csv')).toEqual([
      [2, 'email', 'invalid-email'],
      [3, 'universite', 'unknown-university'],
      [4, 'nom', 'missing-field'],
      [5, 'cohorte', 'unknown-cohort'],
      [6, 'groupe', 'group-other-university'],
    ]);
    const { report } = await check('students', fixture('bad-rows.csv'));
    expect(report.rowsValid).toBe(1);
    const university = report.errors[1]!;
    expect(importMessage(university.code, university.params, 'en')).toBe(
      'Unknown university: "Université de Sokodé" (expected: univ-lome, univ-kara).',
    );
  });

  it('checks assignments: unknown account, another university, already in the group', async () => {
    expect(await errorsOf('assignments', 'assignments.csv')).toEqual([
      [3, 'groupe', 'group-other-university'],
      [5, 'email', 'unknown-account'],
      [6, 'groupe', 'already-in-group'],
    ]);
    const { report } = await check('assignments', fixture('assignments.csv'));
    expect(report.preview.map((p) => [p.email, p.action, p.group, p.newGroup])).toEqual([
      ['etudiant2@tremplin.test', 'move', 'Groupe Lomé 3', true],
      ['tuteur2@tremplin.test', 'assign-tutor', 'Groupe Kara 3', true],
    ]);
  });
});

describe('applying', () => {
  const batch = (kind: ImportKind, content: string, fileName = 'test.csv') =>
    createImportBatch(database.db, { kind, fileName, content, createdBy: coordinatorId });
  const apply = (batchId: string, mode: 'all' | 'valid') =>
    applyImportBatch(database.db, { batchId, mode, actorId: coordinatorId });

  it('all or nothing: a file with an error writes nothing', async () => {
    const stored = await batch('students', fixture('bad-rows.csv'));
    const groupsBefore = (await database.db.select({ n: count() }).from(groups))[0]!.n;
    const outcome = await apply(stored.id, 'all');
    expect(outcome.applied).toBe(false);
    expect(outcome.batch.status).toBe('checked');
    expect(await countUsers('%@exemple.tg')).toBe(0);
    expect((await database.db.select({ n: count() }).from(groups))[0]!.n).toBe(groupsBefore);
  });

  it('valid rows only: writes exactly the valid rows, once', async () => {
    const stored = await batch('students', fixture('bad-rows.csv'));
    const outcome = await apply(stored.id, 'valid');
    expect(outcome).toMatchObject({
      applied: true,
      batch: { status: 'applied', mode: 'valid', rowsImported: 1 },
    });
    expect(await countUsers('%@exemple.tg')).toBe(1);
    const fafa = (await findUserByEmail(database.db, 'fafa.ok@exemple.tg'))!;
    expect(fafa).toMatchObject({ displayName: 'Fafa Ok', passwordHash: '!' });
    await expect(verifyPassword(fafa.passwordHash, '!')).resolves.toBe(false);
    await expect(apply(stored.id, 'valid')).rejects.toThrow(ImportApplyError);
    expect(await countUsers('%@exemple.tg')).toBe(1);
  });

  it('creates the group, the accounts, their memberships and enrolments, and the audit lines', async () => {
    const lome1 = (await database.db.select().from(groups).where(eq(groups.name, 'Groupe Lomé 1')))[0]!;
    const [module] = await database.db.select().from(modules).limit(1);
    await database.db.insert(groupModules).values({ groupId: lome1.id, moduleId: module!.id });
    const stored = await batch('students', fixture('semicolons.csv'), 'excel.csv');
    const outcome = await apply(stored.id, 'all');
    expect(outcome.applied).toBe(true);
    const [lome2] = await database.db.select().from(groups).where(eq(groups.name, 'Groupe Lomé 2'));
    expect(lome2).toBeDefined();
    const afi = (await findUserByEmail(database.db, 'afi.excel@exemple.tg'))!;
    const sena = (await findUserByEmail(database.db, 'sena.excel@exemple.tg'))!;
    expect(
      await database.db
        .select({ groupId: memberships.groupId, role: memberships.role })
        .from(memberships)
        .where(eq(memberships.userId, sena.id)),
    ).toEqual([{ groupId: lome2!.id, role: 'student' }]);
    expect(
      await database.db
        .select({ moduleId: enrolments.moduleId })
        .from(enrolments)
        .where(eq(enrolments.userId, afi.id)),
    ).toEqual([{ moduleId: module!.id }]);
    const audits = await database.db
      .select({ action: auditLog.action, subjectId: auditLog.subjectId })
      .from(auditLog)
      .where(inArray(auditLog.action, ['import.apply', 'group.create']));
    expect(audits).toEqual(
      expect.arrayContaining([
        { action: 'group.create', subjectId: lome2!.id },
        { action: 'import.apply', subjectId: stored.id },
      ]),
    );
  });

  it('checks again at apply time: a row that became a duplicate since the dry run is refused', async () => {
    const stored = await batch('students', fixture('crlf.csv'));
    expect(stored.rowsValid).toBe(2);
    await database.db
      .insert(users)
      .values({ email: 'komi.crlf@exemple.tg', displayName: 'Komi Avant', passwordHash: '!' });
    const outcome = await apply(stored.id, 'all');
    expect(outcome.applied).toBe(false);
    expect(outcome.batch.rowsValid).toBe(1);
    expect(await findUserByEmail(database.db, 'essi.crlf@exemple.tg')).toBeUndefined();
    const valid = await apply(stored.id, 'valid');
    expect(valid.batch.rowsImported).toBe(1);
    expect(await findUserByEmail(database.db, 'essi.crlf@exemple.tg')).toBeDefined();
  });

  it('two imports of the same people at once: one writes them, the other writes nothing', async () => {
    const text =
      'email,nom,universite,cohorte,groupe\nrace.un@exemple.tg,Course Un,univ-lome,promotion-2026,Groupe Course\n';
    const [one, two] = [await batch('students', text), await batch('students', text)];
    const outcomes = await Promise.allSettled([apply(one.id, 'all'), apply(two.id, 'all')]);
    const applied = outcomes.filter((o) => o.status === 'fulfilled' && o.value.applied);
    expect(applied).toHaveLength(1);
    // The other was refused: checked again after the first committed, or stopped by the unique key.
    for (const o of outcomes.filter((o) => !(o.status === 'fulfilled' && o.value.applied)))
      if (o.status === 'rejected') expect((o.reason as ImportApplyError).code).toBe('conflict');
      else expect(o.value.applied).toBe(false);
    expect(await countUsers('race.%')).toBe(1);
    expect(await database.db.select().from(groups).where(eq(groups.name, 'Groupe Course'))).toHaveLength(1);
  });

  it('gives activation links that let each new account set its password once', async () => {
    const stored = await batch('tutors', fixture('tutors.csv'));
    await apply(stored.id, 'all');
    const { csv, count: links } = await issueActivationLinks(database.db, {
      batchId: stored.id,
      actorId: coordinatorId,
      linkBase: 'https://tremplin.test/',
    });
    expect(links).toBe(1);
    const [header, line] = csv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header).toBe('email,nom,lien');
    const token = /reinitialisation\/([\w-]+)$/.exec(line!)![1]!;
    expect(line).toMatch(
      /^kafui\.tuteur@exemple\.tg,Kafui Tuteur,https:\/\/tremplin\.test\/reinitialisation\//,
    );
    const kafui = (await findUserByEmail(database.db, 'kafui.tuteur@exemple.tg'))!;
    expect(await consumePasswordReset(database.db, token, new Date())).toBe(kafui.id);
    expect(await consumePasswordReset(database.db, token, new Date())).toBeNull();
    const inFifteenDays = new Date(Date.now() + 15 * 24 * 3600 * 1000);
    const again = await issueActivationLinks(database.db, {
      batchId: stored.id,
      actorId: null,
      linkBase: 'x',
    });
    const later = /reinitialisation\/([\w-]+)/.exec(again.csv)![1]!;
    expect(await consumePasswordReset(database.db, later, inFifteenDays)).toBeNull();
    const [tutor] = await database.db
      .select({ role: memberships.role })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(and(eq(memberships.userId, kafui.id), eq(groups.name, 'Groupe Kara 2')));
    expect(tutor).toEqual({ role: 'tutor' });
  });

  it('applies assignments: moves a learner (history kept) and assigns a tutor', async () => {
    const stored = await batch('assignments', fixture('assignments.csv'));
    const outcome = await apply(stored.id, 'valid');
    expect(outcome.batch.rowsImported).toBe(2);
    const learner = (await findUserByEmail(database.db, 'etudiant2@tremplin.test'))!;
    const [lome3] = await database.db.select().from(groups).where(eq(groups.name, 'Groupe Lomé 3'));
    expect(
      await database.db
        .select({ groupId: memberships.groupId })
        .from(memberships)
        .where(and(eq(memberships.userId, learner.id), eq(memberships.role, 'student'))),
    ).toEqual([{ groupId: lome3!.id }]);
    expect(
      await database.db
        .select({ to: groupMoves.toGroupId })
        .from(groupMoves)
        .where(eq(groupMoves.userId, learner.id)),
    ).toEqual([{ to: lome3!.id }]);
    const tutor = (await findUserByEmail(database.db, 'tuteur2@tremplin.test'))!;
    const held = await database.db
      .select({ name: groups.name })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(and(eq(memberships.userId, tutor.id), eq(memberships.role, 'tutor')));
    expect(held.map((g) => g.name).sort()).toEqual(['Groupe Kara 1', 'Groupe Kara 3']);
  });

  it('imports 15,000 generated rows', async () => {
    const lines = ['email;nom;universite;cohorte;groupe'];
    for (let i = 0; i < 15_000; i += 1)
      lines.push(
        `masse${i}@exemple.tg;Apprenant·e N°${i};${i % 2 ? 'univ-kara' : 'univ-lome'};promotion-2026;Masse ${i % 2 ? 'Kara' : 'Lomé'} ${Math.floor(i / 34)}`,
      );
    const stored = await batch('students', lines.join('\n'));
    expect(stored).toMatchObject({ rowsTotal: 15_000, rowsValid: 15_000 });
    const outcome = await apply(stored.id, 'all');
    expect(outcome.batch.rowsImported).toBe(15_000);
    expect(await countUsers('masse%@exemple.tg')).toBe(15_000);
    const [batchRow] = await database.db.select().from(importBatches).where(eq(importBatches.id, stored.id));
    expect(batchRow!.status).toBe('applied');
  }, 120_000);
});
