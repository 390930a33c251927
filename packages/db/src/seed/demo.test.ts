import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { countUsers, findUserByEmail, listUserMemberships } from '../queries/users.ts';
import { listAllGroups, listGroupLearners, tutorFollowsLearner } from '../queries/groups.ts';
import { listEnrolledModules } from '../queries/content.ts';
import { verifyPassword } from '../passwords.ts';
import { seedDemoProgramme } from './demo.ts';
import { contentHash, type ModuleDefinition } from '@tremplin/content';
import { applications, exercises, moduleVersionEvents, moduleVersions, tutorCalls } from '../schema/index.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
});
afterAll(() => database.close());

describe('the demo programme', () => {
  it('seeds an empty database: two groups of 17 learners with their tutors, and the staff', async () => {
    expect(await seedDemoProgramme(database.db)).toEqual({ seeded: true });
    expect(await countUsers(database.db)).toBe(34 + 5 + 2);
    const groups = await listAllGroups(database.db);
    const lome = groups.find((g) => g.name === 'Groupe Lomé 1')!;
    const kara = groups.find((g) => g.name === 'Groupe Kara 1')!;
    expect(lome).toMatchObject({
      universityName: 'Université de Lomé',
      learnerCount: 17,
      tutorName: 'Kodjo Amenyo',
    });
    expect(kara).toMatchObject({ universityName: 'Université de Kara', learnerCount: 17 });
    const learners = await listGroupLearners(database.db, kara.id);
    expect(learners.map((l) => l.email)).toContain('etudiant34@tremplin.test');
  });

  it('hashes the demo password with argon2id', async () => {
    const user = await findUserByEmail(database.db, 'etudiant1@tremplin.test');
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user!.passwordHash, 'tremplin-demo')).toBe(true);
    expect(await verifyPassword(user!.passwordHash, 'tremplin-demo ')).toBe(false);
  });

  it('makes each tutor a learner of the tutors’ training too', async () => {
    const tutor = await findUserByEmail(database.db, 'tuteur1@tremplin.test');
    const roles = (await listUserMemberships(database.db, tutor!.id)).map((m) => `${m.role}:${m.groupName}`);
    expect(roles.sort()).toEqual(['student:Formateurs Lomé-Kara', 'tutor:Groupe Lomé 1']);
    const learner = await findUserByEmail(database.db, 'etudiant2@tremplin.test');
    const karaLearner = await findUserByEmail(database.db, 'etudiant20@tremplin.test');
    expect(await tutorFollowsLearner(database.db, tutor!.id, learner!.id)).toBe(true);
    expect(await tutorFollowsLearner(database.db, tutor!.id, karaLearner!.id)).toBe(false);
  });

  it('enrols the students in the three Licence modules and the tutors in their training module only', async () => {
    const slugsOf = async (email: string) => {
      const user = await findUserByEmail(database.db, email);
      return (await listEnrolledModules(database.db, user!.id)).map((m) => m.slug);
    };
    const licence = ['programmation-js', 'ia-fondamentaux', 'anglais-technique'];
    expect(await slugsOf('etudiant1@tremplin.test')).toEqual(licence);
    expect(await slugsOf('etudiant34@tremplin.test')).toEqual(licence);
    expect(await slugsOf('tuteur1@tremplin.test')).toEqual(['formation-tuteurs']);
    expect(await slugsOf('tuteur2@tremplin.test')).toEqual(['formation-tuteurs']);
    const tutor = await findUserByEmail(database.db, 'tuteur1@tremplin.test');
    expect(await listEnrolledModules(database.db, tutor!.id)).toEqual([
      expect.objectContaining({ discipline: 'tutoring', title: 'Formation des tuteurs' }),
    ]);
    for (const staff of ['auteur', 'correcteur', 'coordination']) {
      expect(await slugsOf(`${staff}@tremplin.test`), staff).toEqual([]);
    }
  });

  it('publishes each module as an immutable version 1 with its content, hashes and event', async () => {
    const versions = await database.db.select().from(moduleVersions);
    expect(versions.length).toBeGreaterThanOrEqual(3);
    for (const v of versions) {
      expect(v).toMatchObject({ version: 1, status: 'published' });
      expect(v.contentHash).toBe(contentHash(v.content as ModuleDefinition));
    }
    const events = await database.db.select().from(moduleVersionEvents);
    expect(events.filter((e) => e.toStatus === 'published')).toHaveLength(versions.length);
    const rows = await database.db.select({ hash: exercises.contentHash }).from(exercises);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.hash ?? ''))).toBe(true);
  });

  it('opens the call for 900 tutors, with two demo candidates who applied (one not eligible)', async () => {
    const [call] = await database.db.select().from(tutorCalls);
    expect(call).toMatchObject({ seats: 900, closesAt: new Date('2027-06-30T23:59:00Z') });
    expect(call!.levels).toEqual(['master', 'doctorate']);
    expect(call!.universityIds).toHaveLength(2);
    const rows = await database.db.select().from(applications);
    expect(rows.map((r) => [r.eligible, r.ineligibleReasons]).sort()).toEqual([
      [false, ['level']],
      [true, []],
    ]);
    const candidate = await findUserByEmail(database.db, 'candidat1@tremplin.test');
    expect((await listUserMemberships(database.db, candidate!.id)).map((m) => m.role)).toEqual(['candidate']);
  });

  it('never runs against a database that already holds users', async () => {
    expect(await seedDemoProgramme(database.db)).toEqual({ seeded: false });
    expect(await countUsers(database.db)).toBe(41);
  });
});
