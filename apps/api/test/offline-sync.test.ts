// Work made offline and sent later: draft saves based on a version (two devices never overwrite
// each other), submissions carrying when they were made and resent with the same key after a lost
// acknowledgement, and the learner's "last synced" on their tutor's tile.
import { findUserByEmail, listAllGroups, schema } from '@tremplin/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, demoExercise, signIn, submitAndWait, type TestApp } from './helper.ts';
import { LiveClient } from './live-client.ts';

let t: TestApp;
let cookie: string;
let somme = '';
let choice = '';

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  cookie = await signIn(t.app, 'etudiant2@tremplin.test');
  somme = (await demoExercise(t.database, 'somme')).id;
  choice = (await demoExercise(t.database, 'const-ou-let')).id;
});
afterAll(() => t.close());

const saveDraft = (payload: object) =>
  t.app.inject({ method: 'PUT', url: `/api/exercises/${somme}/draft`, headers: { cookie }, payload });
const submit = (exerciseId: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/exercises/${exerciseId}/submissions`,
    headers: { cookie },
    payload,
  });

describe('a draft saved from two devices', () => {
  it('keeps the server draft when a save was based on an older one, and answers it', async () => {
    // Device A saves the first draft (it had none: base null).
    const first = await saveDraft({ code: '// A1', baseUpdatedAt: null });
    expect(first.statusCode).toBe(200);
    const a1 = first.json().updatedAt as string;

    // Device B, offline, had started from no draft too: its save does not overwrite A's.
    const fromNothing = await saveDraft({ code: '// B1', baseUpdatedAt: null });
    expect(fromNothing.statusCode).toBe(409);
    expect(fromNothing.json()).toMatchObject({
      code: 'TREMPLIN_ERR_DRAFT_CONFLICT',
      server: { code: '// A1', updatedAt: a1 },
    });
    expect(fromNothing.json().message).toMatch(/autre appareil/);

    // A goes on from its own save.
    const second = await saveDraft({ code: '// A2', baseUpdatedAt: a1 });
    expect(second.statusCode).toBe(200);
    const a2 = second.json().updatedAt as string;

    // B's save based on A1 is stale now.
    const stale = await saveDraft({ code: '// B2', baseUpdatedAt: a1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().server).toEqual({ code: '// A2', updatedAt: a2 });

    // The learner chose B's text: saved with the server's version as its base.
    const chosen = await saveDraft({ code: '// B2', baseUpdatedAt: a2 });
    expect(chosen.statusCode).toBe(200);
    const exercise = await t.app.inject({ url: `/api/exercises/${somme}`, headers: { cookie } });
    expect(exercise.json().draft).toEqual({ code: '// B2', updatedAt: chosen.json().updatedAt });
  });

  it('lets the last save win for a client that sends no base (as before)', async () => {
    const saved = await saveDraft({ code: '// ancien client' });
    expect(saved.statusCode).toBe(200);
    const exercise = await t.app.inject({ url: `/api/exercises/${somme}`, headers: { cookie } });
    expect(exercise.json().draft.code).toBe('// ancien client');
  });
});

describe('a submission made offline', () => {
  it('is stored once with the time it was made, even when resent after a lost acknowledgement', async () => {
    const madeAt = new Date(Date.now() - 3 * 3600_000).toISOString();
    const payload = {
      idempotencyKey: 'offline-resend-0001',
      answer: { kind: 'choice', selected: ['const'] },
      clientCreatedAt: madeAt,
    };
    const { id } = await submitAndWait(t.app, cookie, choice, payload);

    // The answer never reached the device: it sends the same submission again, graded or not.
    const resent = await submit(choice, payload);
    expect(resent.statusCode).toBe(202);
    expect(resent.json()).toEqual({ id, status: 'graded' });

    const rows = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.idempotencyKey, 'offline-resend-0001'));
    expect(rows).toHaveLength(1);
    const jobs = await t.database.db
      .select()
      .from(schema.gradingJobs)
      .where(eq(schema.gradingJobs.submissionId, id));
    expect(jobs).toHaveLength(1);

    const history = await t.app.inject({ url: `/api/exercises/${choice}/submissions`, headers: { cookie } });
    const shown = history.json().submissions.find((s: { id: string }) => s.id === id);
    expect(shown.madeOfflineAt).toBe(madeAt);
    expect(Date.parse(shown.createdAt)).toBeGreaterThan(Date.parse(madeAt));

    // Their tutor sees it too.
    const learnerId = (await findUserByEmail(t.database.db, 'etudiant2@tremplin.test'))!.id;
    const tutor = await signIn(t.app, 'tuteur1@tremplin.test');
    const read = await t.app.inject({
      url: `/api/learners/${learnerId}/submissions/${id}`,
      headers: { cookie: tutor },
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().madeOfflineAt).toBe(madeAt);
  });

  it('is refused when its time is in the future or more than 7 days old; a sent one has none', async () => {
    const ahead = await submit(choice, {
      idempotencyKey: 'offline-future-0001',
      answer: { kind: 'choice', selected: [] },
      clientCreatedAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    expect(ahead.statusCode).toBe(400);
    expect(ahead.json()).toMatchObject({ code: 'TREMPLIN_ERR_OFFLINE_TIME', field: 'clientCreatedAt' });
    const old = await submit(choice, {
      idempotencyKey: 'offline-old-00001',
      answer: { kind: 'choice', selected: [] },
      clientCreatedAt: new Date(Date.now() - 8 * 24 * 3600_000).toISOString(),
    });
    expect(old.statusCode).toBe(400);
    expect(old.json().message).toMatch(/7 jours/);

    // A device clock a little ahead is taken as "now".
    const skewed = await submit(choice, {
      idempotencyKey: 'offline-skew-00001',
      answer: { kind: 'choice', selected: [] },
      clientCreatedAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(skewed.statusCode).toBe(202);
    const [row] = await t.database.db
      .select()
      .from(schema.submissions)
      .where(eq(schema.submissions.id, skewed.json().id));
    expect(row!.clientCreatedAt!.getTime()).toBeLessThanOrEqual(row!.createdAt.getTime());

    const online = await submit(choice, {
      idempotencyKey: 'online-0000001',
      answer: { kind: 'choice', selected: [] },
    });
    const read = await t.app.inject({ url: `/api/submissions/${online.json().id}`, headers: { cookie } });
    expect(read.json()).not.toHaveProperty('madeOfflineAt');
  });
});

describe("the learner's last sync", () => {
  it('is recorded and shown on their tile at once', async () => {
    const lome = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
    const learnerId = (await findUserByEmail(t.database.db, 'etudiant2@tremplin.test'))!.id;
    const tutor = await LiveClient.open(t.app, await signIn(t.app, 'tuteur1@tremplin.test'));
    try {
      const snapshot = await tutor.subscribe(`group:${lome}`);
      const tiles = (snapshot.data as { tiles: Array<{ learnerId: string; lastSyncedAt: string | null }> })
        .tiles;
      expect(tiles.find((tile) => tile.learnerId === learnerId)!.lastSyncedAt).toBeNull();

      const updated = tutor.next(
        (m) =>
          m.type === 'tile' &&
          (m.tile as { learnerId: string; lastSyncedAt: string | null }).learnerId === learnerId &&
          (m.tile as { lastSyncedAt: string | null }).lastSyncedAt !== null,
      );
      const synced = await t.app.inject({ method: 'POST', url: '/api/me/synced', headers: { cookie } });
      expect(synced.statusCode).toBe(200);
      const { syncedAt } = synced.json() as { syncedAt: string };
      expect((await updated).tile).toMatchObject({ lastSyncedAt: syncedAt });
      expect(tutor.invalid).toEqual([]);

      const [user] = await t.database.db.select().from(schema.users).where(eq(schema.users.id, learnerId));
      expect(user!.lastSyncedAt!.toISOString()).toBe(syncedAt);
    } finally {
      tutor.socket.close();
    }
  });
});
