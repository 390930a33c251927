// Who may follow which /ws channel, and how the socket answers what it cannot accept: a coded
// error, never a crash, and the socket stays usable.
import { findUserByEmail, listAllGroups } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from './helper.ts';
import { LiveClient } from './live-client.ts';

let t: TestApp;
const clients: LiveClient[] = [];
const ids = { lome: '', kara: '', training: '', student1: '', student20: '', tutor1: '' };
const unknownId = '00000000-0000-4000-8000-000000000000';

async function open(email: string, locale = 'fr'): Promise<LiveClient> {
  const client = await LiveClient.open(t.app, await signIn(t.app, email), locale);
  clients.push(client);
  return client;
}

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
  const groups = await listAllGroups(t.database.db);
  ids.lome = groups.find((g) => g.name === 'Groupe Lomé 1')!.id;
  ids.kara = groups.find((g) => g.name === 'Groupe Kara 1')!.id;
  ids.training = groups.find((g) => g.name === 'Formateurs Lomé-Kara')!.id;
  ids.student1 = (await findUserByEmail(t.database.db, 'etudiant1@tremplin.test'))!.id;
  ids.student20 = (await findUserByEmail(t.database.db, 'etudiant20@tremplin.test'))!.id;
  ids.tutor1 = (await findUserByEmail(t.database.db, 'tuteur1@tremplin.test'))!.id;
});
afterAll(async () => {
  for (const client of clients) {
    expect(client.invalid).toEqual([]);
    client.close();
  }
  await t.close();
});

type Expectation = 'snapshot' | 'refused';
const CHANNELS: Array<{ who: string; channel: () => string; label: string; expected: Expectation }> = [
  { who: 'tuteur1', channel: () => `group:${ids.lome}`, label: "Lomé's grid", expected: 'snapshot' },
  { who: 'tuteur1', channel: () => `group:${ids.kara}`, label: "Kara's grid", expected: 'refused' },
  { who: 'tuteur1', channel: () => `group:${unknownId}`, label: 'an unknown group', expected: 'refused' },
  {
    who: 'tuteur1',
    channel: () => `learner:${ids.student1}`,
    label: 'etudiant1 (Lomé)',
    expected: 'snapshot',
  },
  {
    who: 'tuteur1',
    channel: () => `learner:${ids.student20}`,
    label: 'etudiant20 (Kara)',
    expected: 'refused',
  },
  { who: 'tuteur1', channel: () => `feed:${ids.student1}`, label: "etudiant1's feed", expected: 'refused' },
  // A tutor is a learner of the tutors' training group: that feed is theirs.
  { who: 'tuteur1', channel: () => `feed:${ids.tutor1}`, label: "tuteur1's own feed", expected: 'snapshot' },
  { who: 'tuteur2', channel: () => `group:${ids.kara}`, label: "Kara's grid", expected: 'snapshot' },
  { who: 'tuteur2', channel: () => `group:${ids.lome}`, label: "Lomé's grid", expected: 'refused' },
  { who: 'coordination', channel: () => `group:${ids.lome}`, label: "Lomé's grid", expected: 'snapshot' },
  { who: 'coordination', channel: () => `group:${ids.kara}`, label: "Kara's grid", expected: 'snapshot' },
  {
    who: 'coordination',
    channel: () => `group:${unknownId}`,
    label: 'an unknown group',
    expected: 'refused',
  },
  {
    who: 'coordination',
    channel: () => `learner:${ids.student20}`,
    label: 'etudiant20 (Kara)',
    expected: 'snapshot',
  },
  {
    who: 'coordination',
    channel: () => `feed:${ids.student1}`,
    label: "etudiant1's feed",
    expected: 'refused',
  },
  {
    who: 'etudiant1',
    channel: () => `feed:${ids.student1}`,
    label: "etudiant1's feed",
    expected: 'snapshot',
  },
  {
    who: 'etudiant1',
    channel: () => `feed:${ids.student20}`,
    label: "etudiant20's feed",
    expected: 'refused',
  },
  { who: 'etudiant1', channel: () => `group:${ids.lome}`, label: "Lomé's grid", expected: 'refused' },
  {
    who: 'etudiant1',
    channel: () => `learner:${ids.student1}`,
    label: 'etudiant1 (Lomé)',
    expected: 'refused',
  },
  { who: 'auteur', channel: () => `group:${ids.lome}`, label: "Lomé's grid", expected: 'refused' },
  { who: 'auteur', channel: () => `feed:${ids.student1}`, label: "etudiant1's feed", expected: 'refused' },
  {
    who: 'correcteur',
    channel: () => `learner:${ids.student1}`,
    label: 'etudiant1 (Lomé)',
    expected: 'refused',
  },
];

describe('channel authorization', () => {
  it.each(CHANNELS)('$who → $expected on $label', async ({ who, channel, expected }) => {
    const client = await open(`${who}@tremplin.test`);
    const name = channel();
    const answer = await client.subscribe(name);
    if (expected === 'snapshot') {
      expect(answer).toMatchObject({ type: 'snapshot', channel: name, seq: expect.any(Number) });
    } else {
      expect(answer).toMatchObject({
        type: 'error',
        code: 'TREMPLIN_ERR_WS_CHANNEL_FORBIDDEN',
        channel: name,
      });
      // Refused, the socket stays open and usable.
      await client.ping();
      expect(client.closed).toBeUndefined();
    }
  });

  it('gives a tutor the whole grid of their group in the snapshot', async () => {
    await open('etudiant1@tremplin.test');
    const client = await open('tuteur1@tremplin.test');
    const snapshot = await client.subscribe(`group:${ids.lome}`);
    const data = snapshot.data as {
      kind: string;
      group: { name: string };
      tiles: Array<{ learnerId: string; displayName: string; presence: string }>;
    };
    expect(data.kind).toBe('group');
    expect(data.group.name).toBe('Groupe Lomé 1');
    expect(data.tiles).toHaveLength(17);
    expect(data.tiles.find((tile) => tile.learnerId === ids.student1)?.presence).toBe('online');
    expect(data.tiles.find((tile) => tile.displayName === 'Afi Mensah')?.presence).toBe('offline');
  });

  it('refuses in the language of the client', async () => {
    const client = await open('etudiant1@tremplin.test', 'en');
    const answer = await client.subscribe(`group:${ids.lome}`);
    expect(answer.message).toBe(`You cannot follow this channel: group:${ids.lome}`);
  });

  it('limits the channels one socket follows', async () => {
    const client = await open('coordination@tremplin.test');
    const { live } = t.app;
    const max = live.options.maxSubscriptions;
    const learners = await t.app.inject({
      url: `/api/groups/${ids.kara}/learners`,
      headers: { cookie: await signIn(t.app, 'coordination@tremplin.test') },
    });
    const channels = [
      `group:${ids.lome}`,
      `group:${ids.kara}`,
      `group:${ids.training}`,
      ...learners.json().learners.map((l: { id: string }) => `learner:${l.id}`),
    ];
    const lome = await t.app.inject({
      url: `/api/groups/${ids.lome}/learners`,
      headers: { cookie: await signIn(t.app, 'coordination@tremplin.test') },
    });
    channels.push(...lome.json().learners.map((l: { id: string }) => `learner:${l.id}`));
    expect(channels.length).toBeGreaterThan(max);
    for (const channel of channels.slice(0, max))
      expect((await client.subscribe(channel)).type).toBe('snapshot');
    const refused = await client.subscribe(channels[max]!);
    expect(refused).toMatchObject({ type: 'error', code: 'TREMPLIN_ERR_WS_TOO_MANY_CHANNELS' });
    // Following one again is not one more.
    expect((await client.subscribe(channels[0]!)).type).toBe('snapshot');
  });
});

describe('message validation', () => {
  const INVALID: Array<[string, unknown]> = [
    ['not JSON', '{"type":'],
    ['an unknown type', { type: 'subscribe-everything' }],
    ['a malformed channel', { type: 'subscribe', channel: 'group:lome' }],
    ['an unknown channel kind', { type: 'subscribe', channel: `school:${unknownId}` }],
    ['an extra property', { type: 'subscribe', channel: `group:${unknownId}`, everything: true }],
    ['a resume without seq', { type: 'subscribe', channel: `group:${unknownId}`, resume: { epoch: 'x' } }],
    ['a negative seq', { type: 'subscribe', channel: `group:${unknownId}`, resume: { epoch: 'x', seq: -1 } }],
    ['a focus on a non-id', { type: 'focus', exerciseId: 'somme' }],
    ['an array', [{ type: 'ping' }]],
    ['null', 'null'],
  ];

  it.each(INVALID)('answers %s with an error and keeps the socket', async (_name, message) => {
    const client = await open('etudiant1@tremplin.test');
    const answer = client.upcoming((m) => m.type === 'error');
    client.send(message);
    expect(await answer).toMatchObject({ type: 'error', code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE' });
    await client.ping();
    expect(client.closed).toBeUndefined();
  });

  it('tells a client that floods it to slow down, once, without closing it', async () => {
    const client = await open('etudiant2@tremplin.test');
    const from = client.messages.length;
    for (let i = 0; i < 100; i += 1) client.send({ type: 'ping', id: `flood-${i}` });
    await client.next((m) => m.type === 'pong' && m.id === 'flood-59', { from });
    const limited = await client.next((m) => m.type === 'error', { from });
    expect(limited.code).toBe('TREMPLIN_ERR_WS_RATE_LIMITED');
    const received = client.messages.slice(from);
    expect(received.filter((m) => m.type === 'error')).toHaveLength(1);
    expect(
      received.filter((m) => m.type === 'pong' && String(m.id).startsWith('flood-')).length,
    ).toBeLessThan(100);
    expect(client.closed).toBeUndefined();
  });

  it('refuses a focus from someone who is no one’s learner', async () => {
    const client = await open('auteur@tremplin.test');
    const answer = client.upcoming((m) => m.type === 'error');
    client.send({ type: 'focus', exerciseId: null });
    expect(await answer).toMatchObject({ code: 'TREMPLIN_ERR_FORBIDDEN' });
  });

  it('answers unsubscribe, after which no event of the channel arrives', async () => {
    const channel = `group:${ids.lome}`;
    const leaving = await open('tuteur1@tremplin.test');
    const staying = await open('tuteur1@tremplin.test');
    await leaving.subscribe(channel);
    await staying.subscribe(channel);
    const done = leaving.upcoming((m) => m.type === 'unsubscribed');
    leaving.send({ type: 'unsubscribe', channel });
    expect(await done).toEqual({ type: 'unsubscribed', channel });
    const after = leaving.messages.length;
    const tile = staying.upcoming(
      (m) => m.type === 'tile' && (m.tile as { learnerId: string }).learnerId === ids.student1,
    );
    await open('etudiant1@tremplin.test');
    await tile;
    await leaving.ping();
    expect(leaving.messages.slice(after).filter((m) => m.channel === channel)).toEqual([]);
  });
});
