import type { NotifyChannel } from '@tremplin/db';
import { describe, expect, it } from 'vitest';
import { createPostgresEventBus, type PlatformEvent } from './events.ts';

/** One NOTIFY channel in memory, heard by every bus that listens on it. */
function memoryChannel() {
  const listeners = new Set<(payload: string) => void>();
  const sent: string[] = [];
  const channel: NotifyChannel = {
    notify: async (payload) => {
      sent.push(payload);
      await Promise.resolve();
      for (const listener of listeners) listener(payload);
    },
    listen: async (onPayload) => {
      listeners.add(onPayload);
      return async () => {
        listeners.delete(onPayload);
      };
    },
  };
  return { channel, sent };
}
const log = { warn: () => {} };
const run = (i: number): PlatformEvent => ({
  type: 'run.completed',
  runId: `r${i}`,
  userId: 'u',
  exerciseId: 'e',
  passed: i,
  total: 9,
});

describe('the PostgreSQL event bus', () => {
  it('delivers at once locally, to other instances in order, and never back to the sender', async () => {
    const { channel, sent } = memoryChannel();
    const a = createPostgresEventBus(channel, log);
    const b = createPostgresEventBus(channel, log);
    await Promise.all([a.start(), b.start()]);
    const heardA: PlatformEvent[] = [];
    const heardB: PlatformEvent[] = [];
    a.subscribe((e) => heardA.push(e));
    const allHeard = new Promise<void>((resolve) =>
      b.subscribe((e) => {
        heardB.push(e);
        if (heardB.length === 50) resolve();
      }),
    );
    for (let i = 0; i < 50; i += 1) a.publish(run(i));
    expect(heardA).toHaveLength(50);
    await allHeard;
    expect(heardB).toEqual(heardA);
    // Published in one burst: batched into few NOTIFYs, each under the size limit.
    expect(sent.length).toBeLessThan(10);
    for (const payload of sent) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(heardA).toHaveLength(50);
    await Promise.all([a.close(), b.close()]);
  });

  it('tells how long after its publication each event of another instance arrived', async () => {
    const { channel } = memoryChannel();
    const lags: number[] = [];
    const a = createPostgresEventBus(channel, log, { onLag: (ms) => lags.push(ms) });
    const b = createPostgresEventBus(channel, log);
    await Promise.all([a.start(), b.start()]);
    const heard = new Promise<void>((resolve) =>
      a.subscribe((e) => e.type === 'run.completed' && e.passed === 2 && resolve()),
    );
    const before = Date.now();
    for (let i = 0; i < 3; i += 1) b.publish(run(i));
    await heard;
    // Its own events are not measured: they reached it at once, without the channel.
    a.publish(run(9));
    expect(lags).toHaveLength(3);
    for (const lag of lags) expect(lag).toBeGreaterThanOrEqual(0);
    for (const lag of lags) expect(lag).toBeLessThanOrEqual(Date.now() - before);
    await Promise.all([a.close(), b.close()]);
    expect(lags).toHaveLength(3);
  });

  it('drops an event too large for NOTIFY instead of failing the batch', async () => {
    const { channel, sent } = memoryChannel();
    const warnings: string[] = [];
    const bus = createPostgresEventBus(channel, { warn: (_obj, msg) => warnings.push(msg) });
    await bus.start();
    bus.publish({
      type: 'help.requested',
      helpRequestId: 'x'.repeat(9000),
      userId: 'u',
      groupId: 'g',
      exerciseId: null,
    });
    bus.publish(run(1));
    await bus.close();
    expect(warnings).toEqual(['live event too large for NOTIFY: dropped']);
    expect(sent.map((p) => JSON.parse(p).e.length)).toEqual([1]);
  });
});
