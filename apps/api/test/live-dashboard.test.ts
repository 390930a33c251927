// The tutor's live grid over /ws, driven by what students really do through the API: runs,
// help requests, messages, presence; snapshot then numbered events, and resume after a drop.
import { findUserByEmail, listAllGroups } from '@tremplin/db';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LearnerLive } from '../src/ws/learner-live.ts';
import { buildTestApp, demoExercise, signIn, type TestApp } from './helper.ts';
import { LiveClient } from './live-client.ts';

interface Tile {
  learnerId: string;
  presence: string;
  lastSeenAt: string | null;
  lastSyncedAt: string | null;
  exercise: { id: string; title: string } | null;
  last: { kind: string; passed: number | null; total: number | null; status: string } | null;
  attempts: number;
  timeOnTaskSec: number;
  stuck: boolean;
  stuckReason: string | null;
  hand: { helpRequestId: string; status: string } | null;
}

let t: TestApp;
let lome = '';
let somme = '';
const clients: LiveClient[] = [];
const cookies = new Map<string, string>();
const learnerIds = new Map<string, string>();
const STARTER = 'export function somme(nombres) {\n  return nombres.length;\n}\n';
const SOLUTION = 'export function somme(nombres) {\n  return nombres.reduce((a, b) => a + b, 0);\n}\n';

async function cookie(who: string): Promise<string> {
  if (!cookies.has(who)) cookies.set(who, await signIn(t.app, `${who}@tremplin.test`));
  return cookies.get(who)!;
}
async function learner(who: string): Promise<string> {
  if (!learnerIds.has(who))
    learnerIds.set(who, (await findUserByEmail(t.database.db, `${who}@tremplin.test`))!.id);
  return learnerIds.get(who)!;
}
async function open(who: string): Promise<LiveClient> {
  const client = await LiveClient.open(t.app, await cookie(who));
  clients.push(client);
  return client;
}
async function tutorOnGrid(): Promise<{ tutor: LiveClient; seq: number; epoch: string; tiles: Tile[] }> {
  const tutor = await open('tuteur1');
  const snapshot = await tutor.subscribe(`group:${lome}`);
  const data = snapshot.data as { tiles: Tile[] };
  return { tutor, seq: snapshot.seq as number, epoch: snapshot.epoch as string, tiles: data.tiles };
}
function tileOf(client: LiveClient, learnerId: string, match: (tile: Tile) => boolean = () => true) {
  return client.next<{ seq: number; tile: Tile }>(
    (m) => m.type === 'tile' && (m.tile as Tile).learnerId === learnerId && match(m.tile as Tile),
  );
}
async function run(who: string, code: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/exercises/${somme}/runs`,
    headers: { cookie: await cookie(who) },
    payload: { code },
  });
  expect(response.statusCode).toBe(200);
  return response.json();
}
async function post(who: string, url: string, payload?: object) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await cookie(who) },
    ...(payload ? { payload } : {}),
  });
}
/** Seqs must be consecutive after the snapshot: nothing lost, nothing twice. */
function expectConsecutive(client: LiveClient, channel: string, after: number): void {
  const seqs = client.events(channel).map((e) => e.seq);
  expect(seqs).toEqual(seqs.map((_, i) => after + 1 + i));
}

beforeAll(async () => {
  // One minute without progress marks a learner stuck here, so a sweep an hour-free test can see it.
  t = await buildTestApp({ env: { LIVE_STUCK_MINUTES: '1' } });
  await t.app.ready();
  lome = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
  somme = (await demoExercise(t.database, 'somme')).id;
});
afterAll(async () => {
  for (const client of clients) {
    expect(client.invalid).toEqual([]);
    client.close();
  }
  await t.close();
});

describe('the group grid', () => {
  it('computes no tile in a sweep after a group loads, until time may change one', async () => {
    const { tutor } = await tutorOnGrid();
    // A sweep walks every learner of every loaded group: 15,000 tiles computed at once held the
    // event loop for tens of milliseconds, for tiles identical to the snapshot.
    const computed = vi.spyOn(LearnerLive.prototype, 'tile');
    try {
      t.app.live.sweep(Date.now());
      expect(computed).not.toHaveBeenCalled();
      // A learner online now is idle in five minutes: that sweep looks at their tile.
      const id = await learner('etudiant2');
      const student = await open('etudiant2');
      await tileOf(tutor, id, (tile) => tile.presence === 'online');
      computed.mockClear();
      t.app.live.sweep(Date.now() + 6 * 60_000);
      expect(computed).toHaveBeenCalled();
      expect((await tileOf(tutor, id, (tile) => tile.presence === 'idle')).tile.learnerId).toBe(id);
      student.close();
    } finally {
      computed.mockRestore();
    }
  });

  it('changes a tile when the student runs code, in numbered events after the snapshot', async () => {
    const { tutor, seq, tiles } = await tutorOnGrid();
    const id = await learner('etudiant1');
    expect(tiles.find((tile) => tile.learnerId === id)).toMatchObject({
      exercise: null,
      attempts: 0,
      last: null,
    });

    await run('etudiant1', STARTER);
    const failed = await tileOf(tutor, id, (tile) => tile.attempts === 1);
    expect(failed.seq).toBeGreaterThan(seq);
    expect(failed.tile).toMatchObject({
      exercise: { id: somme },
      last: { kind: 'run', passed: 1, total: 3, status: 'fail' },
      stuck: false,
    });

    await run('etudiant1', SOLUTION);
    const passed = await tileOf(tutor, id, (tile) => tile.attempts === 2);
    expect(passed.tile.last).toMatchObject({ passed: 3, total: 3, status: 'pass' });
    expectConsecutive(tutor, `group:${lome}`, seq);
  });

  it('sends a tile again only when it changed', async () => {
    const { tutor } = await tutorOnGrid();
    const id = await learner('etudiant5');
    const at = Date.now();
    const synced = (when: number) =>
      t.app.grading.bus.publish({ type: 'learner.synced', userId: id, at: when });
    const iso = (when: number) => new Date(when).toISOString();
    synced(at);
    await tileOf(tutor, id, (tile) => tile.lastSyncedAt === iso(at));
    // The same sync again, twice: the same tile, nothing sent; then a later one, sent. Each is let
    // out before the next (a round trip), or the socket's queue would keep only the last.
    for (const when of [at, at, at + 1000]) {
      synced(when);
      await tutor.ping();
    }
    await tileOf(tutor, id, (tile) => tile.lastSyncedAt === iso(at + 1000));
    const sent = tutor
      .events(`group:${lome}`)
      .filter((e) => e.type === 'tile' && (e.tile as Tile).learnerId === id)
      .map((e) => (e.tile as Tile).lastSyncedAt);
    expect(sent).toEqual([iso(at), iso(at + 1000)]);
  });

  it('marks a learner stuck after three failing runs in a row, and clears it when they pass', async () => {
    const { tutor } = await tutorOnGrid();
    const id = await learner('etudiant3');
    for (let i = 0; i < 3; i += 1) await run('etudiant3', STARTER);
    const stuck = await tileOf(tutor, id, (tile) => tile.stuck);
    expect(stuck.tile).toMatchObject({ attempts: 3, stuckReason: 'failing-streak' });
    await run('etudiant3', SOLUTION);
    expect((await tileOf(tutor, id, (tile) => tile.attempts === 4)).tile).toMatchObject({
      stuck: false,
      stuckReason: null,
    });
  });

  it('shows presence from the socket, the exercise from focus, idle and no-progress markers over time', async () => {
    const { tutor, tiles } = await tutorOnGrid();
    const id = await learner('etudiant4');
    expect(tiles.find((tile) => tile.learnerId === id)?.presence).toBe('offline');

    const student = await open('etudiant4');
    await tileOf(tutor, id, (tile) => tile.presence === 'online');
    student.send({ type: 'focus', exerciseId: somme });
    await tileOf(tutor, id, (tile) => tile.exercise?.id === somme);

    // Time passes without progress: a minute later stuck (threshold of this app), five idle.
    const now = Date.now();
    t.app.live.sweep(now + 61_000);
    expect((await tileOf(tutor, id, (tile) => tile.stuck)).tile).toMatchObject({
      presence: 'online',
      stuckReason: 'no-progress',
    });
    t.app.live.sweep(now + 6 * 60_000);
    expect((await tileOf(tutor, id, (tile) => tile.presence === 'idle')).tile.stuck).toBe(false);

    student.close();
    const gone = await tileOf(tutor, id, (tile) => tile.presence === 'offline');
    expect(Date.parse(gone.tile.lastSeenAt!)).toBeGreaterThanOrEqual(now);
  });
});

describe('the help queue', () => {
  it('raises a hand, tells the student their tutor is coming, carries a hint and clears when resolved', async () => {
    const { tutor } = await tutorOnGrid();
    const id = await learner('etudiant6');
    const student = await open('etudiant6');
    const feed = await student.subscribe(`feed:${id}`);
    expect(feed).toMatchObject({ type: 'snapshot', data: { kind: 'feed', help: [], unread: 0 } });

    // The request travels with its event: neither the grid nor the feed reads it back.
    const viewReads: string[] = [];
    const unwatch = t.database.watchStatements((statement) => {
      if (statement.startsWith('select "help_requests"."id"')) viewReads.push(statement);
    });
    const asked = await post('etudiant6', `/api/exercises/${somme}/help-requests`, {
      message: 'Je bloque sur la boucle',
    });
    expect(asked.statusCode).toBe(201);
    const requestId = asked.json().id as string;
    const queued = await tutor.next(
      (m) => m.type === 'help' && (m.request as { id: string }).id === requestId,
    );
    expect(queued.request).toMatchObject({
      status: 'open',
      learnerId: id,
      message: 'Je bloque sur la boucle',
      exercise: { id: somme },
    });
    const mine = await student.next(
      (m) => m.type === 'help' && (m.request as { id: string }).id === requestId,
    );
    await tileOf(tutor, id, (tile) => tile.hand?.helpRequestId === requestId && tile.hand.status === 'open');
    unwatch();
    expect(viewReads).toEqual([]);
    // And it is the view the tutors' list reads from the database.
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/groups/${lome}/help-requests`,
      headers: { cookie: await cookie('tuteur1') },
    });
    const read = (listed.json().requests as Array<{ id: string }>).find((r) => r.id === requestId);
    expect(queued.request).toEqual(read);
    expect(mine.request).toEqual(read);

    const taken = await post('tuteur1', `/api/help-requests/${requestId}/take`);
    expect(taken.statusCode).toBe(200);
    const coming = await student.next(
      (m) => m.type === 'help' && (m.request as { status: string }).status === 'taken',
    );
    expect(coming.request).toMatchObject({ id: requestId, takenBy: { displayName: 'Kodjo Amenyo' } });

    const replied = await post('tuteur1', `/api/help-requests/${requestId}/reply`, {
      body: 'Additionne au lieu de compter.',
      kind: 'hint',
    });
    expect(replied.statusCode).toBe(201);
    const hint = await student.next((m) => m.type === 'message');
    expect(hint.message).toMatchObject({
      kind: 'hint',
      helpRequestId: requestId,
      body: 'Additionne au lieu de compter.',
      readAt: null,
    });

    expect((await post('tuteur1', `/api/help-requests/${requestId}/resolve`)).statusCode).toBe(200);
    await tutor.next((m) => m.type === 'help' && (m.request as { status: string }).status === 'resolved');
    await tileOf(tutor, id, (tile) => tile.hand === null && tile.attempts === 0);
    await student.next((m) => m.type === 'help' && (m.request as { status: string }).status === 'resolved');

    const again = await post('etudiant6', `/api/help-requests/${requestId}/cancel`);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TREMPLIN_ERR_HELP_REQUEST_CLOSED');
    const queue = await t.app.inject({
      url: `/api/groups/${lome}/help-requests`,
      headers: { cookie: await cookie('tuteur1') },
    });
    expect(queue.json().requests.filter((r: { id: string }) => r.id === requestId)).toEqual([]);
  });

  it('lets the student lower their hand', async () => {
    const { tutor } = await tutorOnGrid();
    const id = await learner('etudiant7');
    const asked = await post('etudiant7', `/api/exercises/${somme}/help-requests`, { message: '' });
    const requestId = asked.json().id as string;
    await tileOf(tutor, id, (tile) => tile.hand?.helpRequestId === requestId);
    const cancelled = await post('etudiant7', `/api/help-requests/${requestId}/cancel`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    await tileOf(tutor, id, (tile) => tile.hand === null);
  });
});

describe('messages', () => {
  it('reach one learner or the whole group live, and are listed later with their read state', async () => {
    const [eight, nine] = await Promise.all([open('etudiant8'), open('etudiant9')]);
    await eight.subscribe(`feed:${await learner('etudiant8')}`);
    await nine.subscribe(`feed:${await learner('etudiant9')}`);

    const direct = await post('tuteur1', `/api/learners/${await learner('etudiant8')}/messages`, {
      body: 'Bravo pour la somme !',
    });
    expect(direct.statusCode).toBe(201);
    expect((await eight.next((m) => m.type === 'message')).message).toMatchObject({
      body: 'Bravo pour la somme !',
      kind: 'message',
    });

    const broadcast = await post('tuteur1', `/api/groups/${lome}/messages`, { body: 'Pause de 10 minutes.' });
    expect(broadcast.json()).toMatchObject({ recipientId: null, from: { displayName: 'Kodjo Amenyo' } });
    for (const client of [eight, nine]) {
      await client.next(
        (m) => m.type === 'message' && (m.message as { body: string }).body === 'Pause de 10 minutes.',
      );
    }
    // Only etudiant8 received the direct message.
    expect(nine.messages.filter((m) => m.type === 'message')).toHaveLength(1);

    // A device connecting now gets them in its snapshot, read state included.
    const later = await open('etudiant8');
    const snapshot = await later.subscribe(`feed:${await learner('etudiant8')}`);
    expect(snapshot.data).toMatchObject({
      unread: 2,
      messages: [{ body: 'Pause de 10 minutes.' }, { body: 'Bravo pour la somme !' }],
    });
    const other = await (await open('etudiant9')).subscribe(`feed:${await learner('etudiant9')}`);
    expect(other.data).toMatchObject({
      unread: 1,
      messages: [{ body: 'Pause de 10 minutes.', readAt: null }],
    });

    const mine = await t.app.inject({
      url: '/api/me/messages',
      headers: { cookie: await cookie('etudiant8') },
    });
    expect(mine.json()).toMatchObject({ unread: 2 });
    expect(mine.json().messages.map((m: { body: string }) => m.body)).toEqual([
      'Pause de 10 minutes.',
      'Bravo pour la somme !',
    ]);
    const read = await post('etudiant8', '/api/me/messages/read', {
      ids: mine.json().messages.map((m: { id: string }) => m.id),
    });
    expect(read.json()).toEqual({ unread: 0 });
    expect((await eight.next((m) => m.type === 'unread')).unread).toBe(0);
    const fresh = await (await open('etudiant8')).subscribe(`feed:${await learner('etudiant8')}`);
    expect(fresh.data).toMatchObject({ unread: 0 });
    const messages = (fresh.data as { messages: Array<{ readAt: string | null }> }).messages;
    expect(messages).toHaveLength(2);
    expect(messages.every((m) => m.readAt !== null)).toBe(true);
  });
});

describe('resume after a drop', () => {
  it('replays exactly the missed events, in order, then continues', async () => {
    const channel = `group:${lome}`;
    const observer = (await tutorOnGrid()).tutor;
    const { tutor, epoch } = await tutorOnGrid();
    const id = await learner('etudiant10');

    await run('etudiant10', STARTER);
    const seen = await tileOf(tutor, id, (tile) => tile.attempts === 1);
    tutor.close();

    // While the dashboard is away: another run and a raised hand.
    await run('etudiant10', STARTER);
    const asked = await post('etudiant10', `/api/exercises/${somme}/help-requests`, { message: 'Aide' });
    await tileOf(observer, id, (tile) => tile.hand?.helpRequestId === asked.json().id);

    const back = await open('tuteur1');
    const resumed = await back.subscribe(channel, { epoch, seq: seen.seq });
    expect(resumed).toMatchObject({ type: 'resumed', epoch, seq: seen.seq });
    const missed = observer.events(channel).filter((e) => e.seq > seen.seq);
    await back.next((m) => m.channel === channel && m.seq === missed.at(-1)!.seq);
    // The same events, same numbers, same content, none twice; a tile superseded by a later one
    // of the same learner is not sent (the latest state per learner wins).
    const keyOf = (e: Record<string, unknown>) =>
      e.type === 'tile'
        ? `tile:${(e.tile as Tile).learnerId}`
        : e.type === 'help'
          ? `help:${(e.request as { id: string }).id}`
          : `#${e.seq}`;
    const latest = missed.filter((e, i) => !missed.slice(i + 1).some((later) => keyOf(later) === keyOf(e)));
    expect(back.events(channel)).toEqual(latest);

    await run('etudiant10', SOLUTION);
    const next = await tileOf(back, id, (tile) => tile.attempts === 3);
    expect(next.seq).toBe(missed.at(-1)!.seq + 1);
    const seqs = back.events(channel).map((e) => e.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it('answers a fresh snapshot reflecting the missed changes when it cannot replay', async () => {
    const id = await learner('etudiant11');
    const { tutor } = await tutorOnGrid();
    await run('etudiant11', STARTER);
    await tileOf(tutor, id, (tile) => tile.attempts === 1);
    const back = await open('tuteur1');
    const snapshot = await back.subscribe(`group:${lome}`, { epoch: 'an-epoch-long-gone', seq: 3 });
    expect(snapshot.type).toBe('snapshot');
    const tile = (snapshot.data as { tiles: Tile[] }).tiles.find((x) => x.learnerId === id);
    expect(tile).toMatchObject({ attempts: 1, last: { passed: 1, total: 3 } });
    await run('etudiant11', SOLUTION);
    const after = await tileOf(back, id, (x) => x.attempts === 2);
    expect(after.seq).toBe((snapshot.seq as number) + 1);
  });
});

describe('the learner page', () => {
  it('mirrors the code being written, throttled, and the learner’s tile', async () => {
    const id = await learner('etudiant12');
    const tutor = await open('tuteur1');
    const snapshot = await tutor.subscribe(`learner:${id}`);
    expect(snapshot.data).toMatchObject({ kind: 'learner', learnerId: id, groupId: lome, draft: null });

    for (const code of ['// 1', '// 1 2', '// 1 2 3']) {
      const saved = await t.app.inject({
        method: 'PUT',
        url: `/api/exercises/${somme}/draft`,
        headers: { cookie: await cookie('etudiant12') },
        payload: { code },
      });
      expect(saved.statusCode).toBe(200);
    }
    const latest = await tutor.next(
      (m) => m.type === 'draft' && (m.draft as { code: string }).code === '// 1 2 3',
    );
    expect(latest.draft).toMatchObject({ exercise: { id: somme } });
    // Three saves in a burst: at most two mirrors (the first, then the latest).
    expect(tutor.messages.filter((m) => m.type === 'draft').length).toBeLessThanOrEqual(2);
    await tutor.next((m) => m.type === 'tile' && (m.tile as Tile).exercise?.id === somme);
  });
});

describe('connection upkeep', () => {
  it('closes a socket that follows nothing for too long', async () => {
    const client = await open('etudiant13');
    t.app.live.heartbeat(Date.now() + t.app.live.options.idleTimeoutMs + 1_000);
    expect((await client.waitClosed()).code).toBe(4000);
  });

  it('drops a socket that did not answer the last ping', async () => {
    const client = await open('etudiant14');
    await client.subscribe(`feed:${await learner('etudiant14')}`);
    const userId = await learner('etudiant14');
    for (const live of t.app.live.sockets) if (live.actor.user.id === userId) live.alive = false;
    t.app.live.heartbeat();
    expect((await client.waitClosed()).code).toBe(1006);
  });
});
