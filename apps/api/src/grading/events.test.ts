import type { NotifyChannel } from '@tremplin/db';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPostgresEventBus, NOTIFY_GAP_MS, type PlatformEvent } from './events.ts';

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

  it('sends an event after a quiet moment at once, and the events of the next gap in one NOTIFY', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    try {
      const { channel, sent } = memoryChannel();
      const a = createPostgresEventBus(channel, log);
      const b = createPostgresEventBus(channel, log);
      await Promise.all([a.start(), b.start()]);
      const gap = NOTIFY_GAP_MS;
      expect(gap).toBeGreaterThanOrEqual(2);
      const heard: number[] = [];
      b.subscribe((e) => e.type === 'run.completed' && heard.push(e.passed));
      const events = (payload: string) => (JSON.parse(payload) as { e: PlatformEvent[] }).e.length;

      a.publish(run(0));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent.map(events)).toEqual([1]);
      // One event a millisecond: those of the gap wait for its end, together.
      const within = Array.from({ length: gap - 1 }, (_, i) => i + 1);
      for (const i of within) {
        await vi.advanceTimersByTimeAsync(1);
        a.publish(run(i));
      }
      await vi.advanceTimersByTimeAsync(0);
      expect(sent.map(events)).toEqual([1]);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent.map(events)).toEqual([1, gap - 1]);
      expect(heard).toEqual([0, ...within]);
      // Quiet again for longer than the gap: the next event leaves at once.
      await vi.advanceTimersByTimeAsync(gap * 4);
      a.publish(run(gap));
      await vi.advanceTimersByTimeAsync(0);
      expect(sent.map(events)).toEqual([1, gap - 1, 1]);
      expect(heard).toEqual([0, ...within, gap]);
      await Promise.all([a.close(), b.close()]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('splits a batch too large for one NOTIFY into several, every event once and in order', async () => {
    const { channel, sent } = memoryChannel();
    const a = createPostgresEventBus(channel, log);
    const b = createPostgresEventBus(channel, log);
    await Promise.all([a.start(), b.start()]);
    const heard: number[] = [];
    b.subscribe((e) => e.type === 'run.completed' && heard.push(e.passed));
    // Published in one tick, they leave as one batch of about 11 KB.
    for (let i = 0; i < 120; i += 1) a.publish(run(i));
    await a.close();
    await b.close();
    const batches = sent.filter((p) => (JSON.parse(p) as { e: PlatformEvent[] }).e.length > 0);
    expect(batches.length).toBe(2);
    for (const payload of batches) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(7_500);
    expect(heard).toEqual(Array.from({ length: 120 }, (_, i) => i));
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

  describe('after a break', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** A channel that can be down (NOTIFY fails) and can drop one bus's LISTEN. */
    function fragileChannel() {
      const listeners = new Set<(payload: string) => void>();
      let down = false;
      const channel: NotifyChannel = {
        notify: async (payload) => {
          if (down) throw new Error('connection closed');
          // A round trip to the server: a LISTEN issued just before is in place by then.
          await new Promise((resolve) => setTimeout(resolve, 5));
          for (const listener of [...listeners]) listener(payload);
        },
        listen: async (onPayload) => {
          listeners.add(onPayload);
          return async () => {
            listeners.delete(onPayload);
          };
        },
      };
      return {
        channel,
        setDown: (value: boolean) => (down = value),
        /** The first bus to have listened stops hearing the channel. */
        deafen: () => listeners.delete([...listeners][0]!),
      };
    }

    const resumedOf = (bus: ReturnType<typeof createPostgresEventBus>) => {
      const heard: string[] = [];
      bus.subscribe((e) => {
        if (e.type === 'bus.resumed') heard.push(e.type);
      });
      return heard;
    };

    it('tells every instance to read its live state again once events it sent were lost', async () => {
      vi.useFakeTimers();
      const { channel, setDown } = fragileChannel();
      const a = createPostgresEventBus(channel, log);
      const b = createPostgresEventBus(channel, log);
      await Promise.all([a.start(), b.start()]);
      const [resumedA, resumedB] = [resumedOf(a), resumedOf(b)];
      setDown(true);
      a.publish(run(1));
      await vi.advanceTimersByTimeAsync(15_000);
      // Still down: its ping is lost too, nothing is whole yet.
      expect(resumedA).toEqual([]);
      setDown(false);
      await vi.advanceTimersByTimeAsync(30_000);
      expect(resumedA).toEqual(['bus.resumed']);
      // B lost its pings too (deaf), and is told besides that A's events were lost.
      expect(resumedB).toEqual(['bus.resumed', 'bus.resumed']);
      // Whole again: no more of them.
      await vi.advanceTimersByTimeAsync(30_000);
      expect([resumedA.length, resumedB.length]).toEqual([1, 2]);
      await Promise.all([a.close(), b.close()]);
    });

    it('reads its own live state again, alone, after it was deaf for a while', async () => {
      vi.useFakeTimers();
      const { channel, deafen } = fragileChannel();
      const a = createPostgresEventBus(channel, log);
      const b = createPostgresEventBus(channel, log);
      await Promise.all([a.start(), b.start()]);
      const [resumedA, resumedB] = [resumedOf(a), resumedOf(b)];
      await vi.advanceTimersByTimeAsync(15_000);
      deafen();
      // The ping after the break is not heard; the next round listens again and hears it.
      await vi.advanceTimersByTimeAsync(45_000);
      expect(resumedA).toEqual(['bus.resumed']);
      // It missed others' events, but they missed none of its: they keep their state.
      expect(resumedB).toEqual([]);
      await Promise.all([a.close(), b.close()]);
    });
  });
});
