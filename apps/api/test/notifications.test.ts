// Notifications: listed newest first (50) in the reader's language with where they lead, an unread
// count, and marked read one by one or all at once, never someone else's.
import { findUserByEmail, insertNotifications, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';

let t: TestApp;
let somme: Awaited<ReturnType<typeof demoExercise>>;
const people = {} as Record<'learner' | 'tutor' | 'coordinator' | 'other', { id: string; cookie: string }>;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  somme = await demoExercise(t.database, 'somme');
  const emails = {
    learner: 'etudiant21@tremplin.test',
    tutor: 'tuteur2@tremplin.test',
    coordinator: 'coordination@tremplin.test',
    other: 'etudiant22@tremplin.test',
  };
  for (const [who, email] of Object.entries(emails) as Array<[keyof typeof people, string]>) {
    people[who] = {
      id: (await findUserByEmail(t.database.db, email))!.id,
      cookie: await signIn(t.app, email),
    };
  }
});
afterAll(() => t.close());

const list = async (cookie: string, locale = 'fr') => {
  const response = await t.app.inject({
    url: '/api/me/notifications',
    headers: { cookie, 'accept-language': locale },
  });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    notifications: Array<{
      id: string;
      kind: string;
      message: string;
      href: string | null;
      readAt: string | null;
    }>;
    unread: number;
  };
};

const markRead = (cookie: string, ids: string[]) =>
  t.app.inject({ method: 'POST', url: '/api/me/notifications/read', headers: { cookie }, payload: { ids } });

describe('notifications', () => {
  it("renders a learner's changed grade and decided appeal in their language, leading to the exercise", async () => {
    const { learner } = people;
    await insertNotifications(t.database.db, [
      {
        userId: learner.id,
        kind: 'grade.changed',
        data: {
          exerciseId: somme.id,
          submissionId: somme.id,
          before: 10,
          after: 7.5,
          maxScore: 10,
          comment: 'Copie partielle',
        },
      },
    ]);
    await t.database.db
      .update(schema.notifications)
      .set({ createdAt: new Date(Date.now() - 60_000) })
      .where(eq(schema.notifications.userId, learner.id));
    await insertNotifications(t.database.db, [
      {
        userId: learner.id,
        kind: 'review.decided',
        data: { exerciseId: somme.id, decision: 'confirmed', comment: '' },
      },
    ]);

    const fr = await list(learner.cookie);
    expect(fr.unread).toBe(2);
    expect(fr.notifications.map((n) => [n.kind, n.message, n.href, n.readAt])).toEqual([
      [
        'review.decided',
        "Votre contestation sur « La somme d'un tableau » a été examinée : note confirmée.",
        `/etudiant/exercices/${somme.id}`,
        null,
      ],
      [
        'grade.changed',
        "Votre note à « La somme d'un tableau » est passée de 10/10 à 7,5/10 : Copie partielle",
        `/etudiant/exercices/${somme.id}`,
        null,
      ],
    ]);
    const en = await list(learner.cookie, 'en');
    expect(en.notifications.map((n) => n.message)).toEqual([
      expect.stringMatching(/^Your appeal on “The sum of an array” was reviewed: grade confirmed\.$/),
      expect.stringMatching(
        /^Your grade on “The sum of an array” went from 10\/10 to 7\.5\/10: Copie partielle$/,
      ),
    ]);
  });

  it("leads a tutor to the learner's page and a coordinator to the journal on misconduct", async () => {
    const data = {
      exerciseId: somme.id,
      learnerId: people.other.id,
      learnerName: 'Kossi',
      comment: 'Même code',
    };
    await insertNotifications(t.database.db, [
      { userId: people.tutor.id, kind: 'misconduct', data },
      { userId: people.coordinator.id, kind: 'misconduct', data },
    ]);
    const [tutor] = (await list(people.tutor.cookie)).notifications;
    expect(tutor).toMatchObject({
      message: "Fraude retenue pour Kossi sur « La somme d'un tableau » : Même code",
      href: `/tuteur/apprenants/${people.other.id}`,
    });
    const [coordinator] = (await list(people.coordinator.cookie, 'en')).notifications;
    expect(coordinator).toMatchObject({
      message: expect.stringMatching(/^Misconduct found for Kossi on “.+”: Même code$/),
      href: '/coordination/journal',
    });
  });

  it('marks some read, ignores ids of others, then marks all read', async () => {
    const { learner, other } = people;
    const before = await list(learner.cookie);
    expect(before.unread).toBeGreaterThanOrEqual(2);
    const [first] = before.notifications;

    const foreign = await markRead(other.cookie, [first!.id]);
    expect(foreign.statusCode).toBe(200);
    expect(foreign.json()).toEqual({ marked: 0, unread: 0 });

    const one = await markRead(learner.cookie, [first!.id]);
    expect(one.json()).toEqual({ marked: 1, unread: before.unread - 1 });
    const after = await list(learner.cookie);
    expect(after.notifications.find((n) => n.id === first!.id)!.readAt).not.toBeNull();
    // Marking it again changes nothing.
    expect((await markRead(learner.cookie, [first!.id])).json()).toEqual({
      marked: 0,
      unread: before.unread - 1,
    });

    const all = await markRead(learner.cookie, []);
    expect(all.json()).toEqual({ marked: before.unread - 1, unread: 0 });
    expect((await list(learner.cookie)).notifications.every((n) => n.readAt !== null)).toBe(true);
  });

  it('lists the newest 50 and counts every unread one', async () => {
    const { other } = people;
    const start = Date.now() - 3_600_000;
    await t.database.db.insert(schema.notifications).values(
      Array.from({ length: 55 }, (_, i) => ({
        userId: other.id,
        kind: 'grade.changed' as const,
        data: { exerciseId: somme.id, before: i, after: i + 1 },
        createdAt: new Date(start + i * 1000),
      })),
    );
    const page = await list(other.cookie);
    expect(page.unread).toBe(55);
    expect(page.notifications).toHaveLength(50);
    expect(page.notifications[0]!.message).toContain('de 54 à 55');
    expect(page.notifications[49]!.message).toContain('de 5 à 6');
  });

  it('refuses ids that are not uuids, and an anonymous caller', async () => {
    const bad = await markRead(people.learner.cookie, ['nope']);
    expect(bad.statusCode).toBe(400);
    const anonymous = await t.app.inject({ url: '/api/me/notifications' });
    expect(anonymous.statusCode).toBe(401);
  });
});
