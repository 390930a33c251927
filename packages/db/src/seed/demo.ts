import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { hashPassword } from '../passwords.ts';
import { enrolUsers } from '../queries/content.ts';
import { publishModule } from '../queries/studio.ts';
import { countUsers } from '../queries/users.ts';
import {
  applications,
  cohorts,
  disciplines,
  groups,
  memberships,
  tutorCalls,
  universities,
  users,
} from '../schema/index.ts';
import { DEMO_CALL, DEMO_CANDIDATES } from './demo-call.ts';
import { demoModules } from './demo-content.ts';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_STUDENTS, type DemoPerson } from './demo-people.ts';

type Role = (typeof memberships.$inferInsert)['role'];

export const DISCIPLINES = [
  { id: 'programming', nameFr: 'Programmation', nameEn: 'Programming' },
  { id: 'ai', nameFr: 'Intelligence artificielle', nameEn: 'Artificial intelligence' },
  { id: 'english', nameFr: 'Anglais technique', nameEn: 'Technical English' },
  { id: 'tutoring', nameFr: 'Formation des tuteurs', nameEn: 'Tutor training' },
] as const;

/**
 * Seeds the demo programme: two universities, a cohort, two groups of 17 learners with their
 * tutors, the tutors' training group, an author, a grader and a coordinator, and every module of
 * the content package published: the students enrolled in the Licence modules (programming, AI,
 * technical English), the tutors in their training module (discipline tutoring); the call for 900
 * tutors (its training cohort: the tutors' training) and two candidates who applied to it.
 * Does nothing (and says so) when the database already holds users.
 */
export async function seedDemoProgramme(db: Db): Promise<{ seeded: boolean }> {
  const [passwordHash, modules] = await Promise.all([hashPassword(DEMO_PASSWORD), demoModules()]);
  return db.transaction(async (tx) => {
    // Two instances starting together on one empty database must not both seed it.
    await tx.execute(sql`lock table ${users} in exclusive mode`);
    if ((await countUsers(tx)) > 0) return { seeded: false };

    await tx
      .insert(disciplines)
      .values([...DISCIPLINES])
      .onConflictDoNothing();
    const [lome, kara] = await tx
      .insert(universities)
      .values([
        { slug: 'univ-lome', name: 'Université de Lomé', city: 'Lomé' },
        { slug: 'univ-kara', name: 'Université de Kara', city: 'Kara' },
      ])
      .returning();
    const [students, training] = await tx
      .insert(cohorts)
      .values([
        {
          slug: 'promotion-2026',
          name: 'Promotion 2026-2027',
          kind: 'students',
          startsOn: '2026-10-01',
          endsOn: '2027-07-31',
        },
        {
          slug: 'formation-formateurs-2026',
          name: 'Formation des formateurs 2026',
          kind: 'tutor-training',
          startsOn: '2026-07-01',
          endsOn: '2026-09-30',
        },
      ])
      .returning();
    if (!lome || !kara || !students || !training) throw new Error('demo seed: inserts returned nothing');

    const [groupLome, groupKara, groupTraining] = await tx
      .insert(groups)
      .values([
        { name: 'Groupe Lomé 1', universityId: lome.id, cohortId: students.id },
        { name: 'Groupe Kara 1', universityId: kara.id, cohortId: students.id },
        { name: 'Formateurs Lomé-Kara', universityId: lome.id, cohortId: training.id },
      ])
      .returning();
    if (!groupLome || !groupKara || !groupTraining) throw new Error('demo seed: groups not created');

    const people: DemoPerson[] = [
      ...DEMO_STUDENTS.lome,
      ...DEMO_STUDENTS.kara,
      ...Object.values(DEMO_STAFF),
      ...DEMO_CANDIDATES,
    ];
    const inserted = await tx
      .insert(users)
      .values(people.map((p) => ({ email: p.email, displayName: p.displayName, passwordHash })))
      .returning({ id: users.id, email: users.email });
    const idOf = new Map(inserted.map((u) => [u.email, u.id]));
    const id = (person: DemoPerson): string => {
      const found = idOf.get(person.email);
      if (!found) throw new Error(`demo seed: ${person.email} not created`);
      return found;
    };

    const grants: Array<{ userId: string; role: Role; groupId: string | null }> = [
      ...DEMO_STUDENTS.lome.map((p) => ({ userId: id(p), role: 'student' as const, groupId: groupLome.id })),
      ...DEMO_STUDENTS.kara.map((p) => ({ userId: id(p), role: 'student' as const, groupId: groupKara.id })),
      { userId: id(DEMO_STAFF.tutorLome), role: 'tutor', groupId: groupLome.id },
      { userId: id(DEMO_STAFF.tutorKara), role: 'tutor', groupId: groupKara.id },
      // Tutors are learners first: the three-month training, run by the coordination.
      { userId: id(DEMO_STAFF.tutorLome), role: 'student', groupId: groupTraining.id },
      { userId: id(DEMO_STAFF.tutorKara), role: 'student', groupId: groupTraining.id },
      { userId: id(DEMO_STAFF.coordinator), role: 'tutor', groupId: groupTraining.id },
      { userId: id(DEMO_STAFF.author), role: 'author', groupId: null },
      { userId: id(DEMO_STAFF.grader), role: 'grader', groupId: null },
      { userId: id(DEMO_STAFF.coordinator), role: 'coordinator', groupId: null },
      ...DEMO_CANDIDATES.map((p) => ({ userId: id(p), role: 'candidate' as const, groupId: null })),
    ];
    await tx.insert(memberships).values(grants);

    // The modules, published through the studio's own path (content, hashes, an event: an immutable
    // version 1). The Licence students follow the Licence modules; the tutors' training module is for the
    // training group's learners (the tutors), in the training cohort, and only them.
    const author = id(DEMO_STAFF.author);
    const learners = [...DEMO_STUDENTS.lome, ...DEMO_STUDENTS.kara].map(id);
    const trainees = [DEMO_STAFF.tutorLome, DEMO_STAFF.tutorKara].map(id);
    for (const module of modules) {
      const { moduleId } = await publishModule(tx, module, { actorId: author, note: 'Première version.' });
      if (module.discipline === 'tutoring') await enrolUsers(tx, moduleId, trainees, training.id);
      else await enrolUsers(tx, moduleId, learners, students.id);
    }

    const universityOf = new Map([
      ['univ-lome', lome],
      ['univ-kara', kara],
    ]);
    const { universitySlugs, ...call } = DEMO_CALL;
    const [tutorCall] = await tx
      .insert(tutorCalls)
      .values({
        ...call,
        universityIds: universitySlugs.map((slug) => universityOf.get(slug)!.id),
        trainingCohortId: training.id,
        createdBy: id(DEMO_STAFF.coordinator),
      })
      .returning();
    // Eligibility as the API checks it (university, level, field of the call).
    await tx.insert(applications).values(
      DEMO_CANDIDATES.map((c) => {
        const reasons = [
          ...(universitySlugs.includes(c.university) ? [] : ['university']),
          ...(call.levels.includes(c.level) ? [] : ['level']),
          ...(call.fields.some((f) => f.id === c.field) ? [] : ['field']),
        ];
        return {
          callId: tutorCall!.id,
          userId: id(c),
          universityId: universityOf.get(c.university)!.id,
          level: c.level,
          field: c.field,
          studentNumber: c.studentNumber,
          motivation: c.motivation,
          eligible: reasons.length === 0,
          ineligibleReasons: reasons,
          submittedAt: new Date('2026-11-20T10:00:00Z'),
          updatedAt: new Date('2026-11-20T10:00:00Z'),
        };
      }),
    );
    return { seeded: true };
  });
}
