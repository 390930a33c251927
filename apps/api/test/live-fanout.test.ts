// Two API instances on one database: what happens on one reaches a dashboard connected to the
// other. On PostgreSQL each instance has its own connections and its own LISTEN/NOTIFY bus; the
// embedded engine lives in one process, where the two instances share the in-process bus.
import { findUserByEmail, listAllGroups, openDatabase, type Database } from '@tremplin/db';
import { createTestDatabase, type TestDatabase } from '@tremplin/db/test-support';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createLocalEventBus } from '../src/grading/events.ts';
import { demoExercise, signIn, testConfig } from './helper.ts';
import { LiveClient } from './live-client.ts';

let database: TestDatabase;
let second: Database | undefined;
let a: FastifyInstance;
let b: FastifyInstance;
const clients: LiveClient[] = [];
let lome = '';
let kara = '';
let somme = '';

async function open(app: FastifyInstance, who: string): Promise<LiveClient> {
  const client = await LiveClient.open(app, await signIn(app, `${who}@tremplin.test`));
  clients.push(client);
  return client;
}
const idOf = async (who: string) => (await findUserByEmail(database.db, `${who}@tremplin.test`))!.id;

beforeAll(async () => {
  database = await createTestDatabase();
  if (database.url) {
    // Each instance is configured with the shared server: that is what makes it use NOTIFY.
    const config = testConfig({ DATABASE_URL: database.url });
    second = await openDatabase({ url: database.url, poolSize: 4 });
    a = await buildApp({ config, database });
    b = await buildApp({ config, database: second });
  } else {
    const bus = createLocalEventBus();
    a = await buildApp({ config: testConfig(), database, grading: { bus } });
    b = await buildApp({ config: testConfig(), database, grading: { bus } });
  }
  await Promise.all([a.ready(), b.ready()]);
  const groups = await listAllGroups(database.db);
  lome = groups.find((g) => g.name === 'Groupe Lomé 1')!.id;
  kara = groups.find((g) => g.name === 'Groupe Kara 1')!.id;
  somme = (await demoExercise(database, 'somme')).id;
});
afterAll(async () => {
  for (const client of clients) {
    expect(client.invalid).toEqual([]);
    client.close();
  }
  await a.close();
  await b.close();
  await second?.close();
  await database.close();
});

describe('two instances on one database', () => {
  it('use the bus of their engine', () => {
    if (database.url) {
      // Separate buses: only NOTIFY links them.
      expect(a.grading.bus).not.toBe(b.grading.bus);
      expect(a.grading.bus.instanceId).not.toBe(b.grading.bus.instanceId);
    } else {
      expect(a.grading.bus).toBe(b.grading.bus);
    }
  });

  it('bring a run on one instance to a tutor connected to the other', async () => {
    const tutor = await open(b, 'tuteur1');
    await tutor.subscribe(`group:${lome}`);
    const learnerId = await idOf('etudiant2');
    const ran = await a.inject({
      method: 'POST',
      url: `/api/exercises/${somme}/runs`,
      headers: { cookie: await signIn(a, 'etudiant2@tremplin.test') },
      payload: { code: 'export function somme(n) { return n.length; }' },
    });
    expect(ran.statusCode).toBe(200);
    const tile = await tutor.next(
      (m) => m.type === 'tile' && (m.tile as { learnerId: string; attempts: number }).learnerId === learnerId,
    );
    expect(tile.tile).toMatchObject({ exercise: { id: somme }, attempts: 1, last: { passed: 1, total: 3 } });
    if (database.url) {
      // Events crossed NOTIFY (the run's, the other instance's beats): this one measured their lag.
      const scraped = (await b.inject({ url: '/metrics' })).body;
      expect(Number(/^tremplin_bus_lag_seconds_count (\d+)/m.exec(scraped)?.[1])).toBeGreaterThan(0);
    }
  });

  it('carry a help request and its handling both ways', async () => {
    const tutor = await open(b, 'tuteur1');
    await tutor.subscribe(`group:${lome}`);
    const learnerId = await idOf('etudiant5');
    const student = await open(a, 'etudiant5');
    await student.subscribe(`feed:${learnerId}`);

    const asked = await a.inject({
      method: 'POST',
      url: `/api/exercises/${somme}/help-requests`,
      headers: { cookie: await signIn(a, 'etudiant5@tremplin.test') },
      payload: { message: 'Une instance, puis l’autre' },
    });
    const id = asked.json().id as string;
    await tutor.next((m) => m.type === 'help' && (m.request as { id: string }).id === id);

    const taken = await b.inject({
      method: 'POST',
      url: `/api/help-requests/${id}/take`,
      headers: { cookie: await signIn(b, 'tuteur1@tremplin.test') },
    });
    expect(taken.statusCode).toBe(200);
    const told = await student.next(
      (m) => m.type === 'help' && (m.request as { status: string }).status === 'taken',
    );
    expect(told.request).toMatchObject({ id, takenBy: { displayName: 'Kodjo Amenyo' } });
  });

  it('show a learner connected to one instance as online on the other, and offline when they leave', async () => {
    const tutor = await open(b, 'tuteur1');
    await tutor.subscribe(`group:${lome}`);
    const learnerId = await idOf('etudiant15');
    const isTile = (presence: string) => (m: Record<string, unknown>) =>
      m.type === 'tile' &&
      (m.tile as { learnerId: string }).learnerId === learnerId &&
      (m.tile as { presence: string }).presence === presence;
    const student = await open(a, 'etudiant15');
    await tutor.next(isTile('online'));
    student.close();
    await tutor.next(isTile('offline'));
  });

  it('build a fresh snapshot on one instance that knows who is connected to the other', async () => {
    const learnerId = await idOf('etudiant20');
    await open(a, 'etudiant20');
    await a.live.flushPresence();
    const tutor = await open(b, 'tuteur2');
    const snapshot = await tutor.subscribe(`group:${kara}`);
    const tiles = (snapshot.data as { tiles: Array<{ learnerId: string; presence: string }> }).tiles;
    expect(tiles.find((tile) => tile.learnerId === learnerId)?.presence).toBe('online');
  });
});
