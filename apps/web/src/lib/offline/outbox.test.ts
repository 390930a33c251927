import { describe, expect, it } from 'vitest';
import type { SubmissionAccepted } from '#lib/api/types.ts';
import { memoryStore, type OutboxRecord } from './idb.ts';
import { Outbox, outboxRetryDelay, type Settled } from './outbox.ts';

class Network extends Error {}

function setup(responses: Array<'ok' | 'network' | 'refused'>) {
  const store = memoryStore();
  let clock = 1_000_000;
  const sends: string[] = [];
  const server = new Map<string, string>();
  let n = 0;
  const outbox = new Outbox({
    store,
    isTransient: (error) => error instanceof Network,
    now: () => clock,
    send: async (record: OutboxRecord): Promise<SubmissionAccepted> => {
      sends.push(record.key);
      const response = responses[n++] ?? 'ok';
      if (response === 'network') throw new Network('offline');
      if (response === 'refused') throw new Error('400');
      // The API: one submission per key.
      if (!server.has(record.key)) server.set(record.key, `sub-${server.size + 1}`);
      return { id: server.get(record.key)!, status: 'queued' };
    },
  });
  const settled: Array<[string, Settled]> = [];
  const records: OutboxRecord[] = [];
  outbox.onSettled((key, outcome, record) => {
    settled.push([key, outcome]);
    records.push(record);
  });
  const enqueue = (key: string, exerciseId = 'ex') =>
    outbox.enqueue({ key, exerciseId, payload: { code: key }, createdAt: new Date(clock).toISOString() });
  return { store, outbox, sends, server, settled, records, enqueue, tick: (ms: number) => (clock += ms) };
}

describe('the outbox', () => {
  it('sends in the order the submissions were made, each once', async () => {
    const { outbox, enqueue, sends, settled, store } = setup([]);
    await enqueue('a');
    await enqueue('b');
    await enqueue('c');
    expect(await outbox.drain()).toEqual({ sent: 3, left: 0, nextAttemptAt: null });
    expect(sends).toEqual(['a', 'b', 'c']);
    expect(settled.map(([key]) => key)).toEqual(['a', 'b', 'c']);
    expect(await store.outbox()).toEqual([]);
  });

  it('queues a key once, however often it is queued', async () => {
    const { outbox, enqueue, sends } = setup([]);
    await enqueue('a');
    await enqueue('a');
    await outbox.drain();
    expect(sends).toEqual(['a']);
  });

  it('stops at a network failure (order kept) and waits longer after each failure', async () => {
    const { outbox, enqueue, sends, tick } = setup(['network', 'network', 'ok', 'ok']);
    await enqueue('a');
    await enqueue('b');
    const first = await outbox.drain();
    expect(first).toMatchObject({ sent: 0, left: 2 });
    expect(sends).toEqual(['a']);
    const wait1 = first.nextAttemptAt! - 1_000_000;
    expect(wait1).toBe(outboxRetryDelay(1));

    // Too early: nothing is sent.
    expect(await outbox.drain()).toMatchObject({ sent: 0, left: 2 });
    expect(sends).toEqual(['a']);

    tick(wait1);
    const second = await outbox.drain();
    expect(second.nextAttemptAt! - (1_000_000 + wait1)).toBe(outboxRetryDelay(2));
    expect(outboxRetryDelay(2)).toBeGreaterThan(outboxRetryDelay(1));

    // The link returns: sent at once, whatever the backoff says.
    expect(await outbox.drain({ force: true })).toEqual({ sent: 2, left: 0, nextAttemptAt: null });
    expect(sends).toEqual(['a', 'a', 'a', 'b']);
  });

  it('resends with the same key after a lost acknowledgement: one submission on the server', async () => {
    const { outbox, enqueue, server, settled } = setup([]);
    await enqueue('k');
    // The first send reached the server, its answer was lost: the device still holds it.
    server.set('k', 'sub-1');
    await outbox.drain();
    expect(server.size).toBe(1);
    expect(settled).toEqual([['k', { accepted: { id: 'sub-1', status: 'queued' } }]]);
  });

  it('drops a refused submission, tells who waits (with what it was), and goes on with the next', async () => {
    const { outbox, enqueue, sends, settled, records } = setup(['refused', 'ok']);
    await enqueue('bad');
    await enqueue('good');
    expect(await outbox.drain()).toMatchObject({ sent: 1, left: 0 });
    expect(sends).toEqual(['bad', 'good']);
    expect('error' in settled[0]![1]).toBe(true);
    expect(records[0]).toMatchObject({ key: 'bad', payload: { code: 'bad' } });
    expect(settled[1]![0]).toBe('good');
  });

  it('runs one round at a time: two calls together send once', async () => {
    const { outbox, enqueue, sends } = setup([]);
    await enqueue('a');
    await Promise.all([outbox.drain(), outbox.drain()]);
    expect(sends).toEqual(['a']);
  });

  it('never waits more than five minutes', () => {
    expect(outboxRetryDelay(1)).toBe(2000);
    expect(outboxRetryDelay(30)).toBe(5 * 60_000);
  });
});
