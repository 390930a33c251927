import { describe, expect, it, vi } from 'vitest';
import { PollTimeoutError, backoffDelay, pollUntil } from './poll.ts';

describe('backoffDelay', () => {
  it('starts at 300 ms, stays within 300–500 ms for the first checks, then backs off to a cap', () => {
    const delays = Array.from({ length: 12 }, (_, i) => backoffDelay(i));
    expect(delays[0]).toBe(300);
    expect(delays[1]).toBeGreaterThan(300);
    expect(delays[2]).toBeLessThanOrEqual(500);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(Math.max(...delays)).toBe(2000);
    expect(backoffDelay(100)).toBe(2000);
  });

  it('takes options', () => {
    expect(backoffDelay(0, { initialMs: 100 })).toBe(100);
    expect(backoffDelay(3, { initialMs: 100, factor: 2, maxMs: 500 })).toBe(500);
    expect(backoffDelay(-1)).toBe(300);
  });
});

describe('pollUntil', () => {
  function fakeClock() {
    let now = 0;
    const waits: number[] = [];
    return {
      waits,
      now: () => now,
      sleep: vi.fn(async (ms: number) => {
        waits.push(ms);
        now += ms;
      }),
    };
  }

  it('checks after growing delays until done, reporting each value', async () => {
    const clock = fakeClock();
    const states = ['queued', 'grading', 'grading', 'graded'];
    let calls = 0;
    const seen: string[] = [];
    const result = await pollUntil(async () => states[calls++]!, {
      isDone: (s) => s === 'graded',
      onValue: (s) => seen.push(s),
      sleep: clock.sleep,
      now: clock.now,
    });
    expect(result).toBe('graded');
    expect(calls).toBe(4);
    expect(seen).toEqual(states);
    expect(clock.waits).toEqual([0, 1, 2, 3].map((i) => backoffDelay(i)));
  });

  it('checks at once when woken (the live feed heard the grade), and is woken once', async () => {
    let heard!: () => void;
    const wake = new Promise<void>((resolve) => (heard = resolve));
    const waits: number[] = [];
    // Waits that never end by themselves: only the wake can end one.
    const sleep = vi.fn(async (ms: number) => {
      waits.push(ms);
      await new Promise<never>(() => {});
    });
    let calls = 0;
    void pollUntil(
      async () => {
        calls += 1;
        return 'grading';
      },
      { isDone: (s) => s === 'graded', wake, sleep },
    );
    await vi.waitFor(() => expect(waits).toEqual([backoffDelay(0)]));
    expect(calls).toBe(0);
    heard();
    await vi.waitFor(() => expect(waits).toEqual([backoffDelay(0), backoffDelay(1)]));
    // One check, then a wait that the wake, already heard, no longer cuts short.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(calls).toBe(1);
    expect(waits).toHaveLength(2);
  });

  it('retries transient errors, but not others', async () => {
    const clock = fakeClock();
    let calls = 0;
    const transient = new Error('network');
    const value = await pollUntil(
      async () => {
        calls++;
        if (calls < 3) throw transient;
        return 'done';
      },
      { isDone: () => true, isTransient: (e) => e === transient, sleep: clock.sleep, now: clock.now },
    );
    expect(value).toBe('done');
    expect(calls).toBe(3);

    const fatal = new Error('404');
    await expect(
      pollUntil(
        async () => {
          throw fatal;
        },
        { isDone: () => true, isTransient: (e) => e === transient, sleep: clock.sleep, now: clock.now },
      ),
    ).rejects.toBe(fatal);
  });

  it('gives up on too many transient errors in a row', async () => {
    const clock = fakeClock();
    const transient = new Error('network');
    let calls = 0;
    await expect(
      pollUntil(
        async () => {
          calls++;
          throw transient;
        },
        { isDone: () => true, isTransient: () => true, maxErrors: 2, sleep: clock.sleep, now: clock.now },
      ),
    ).rejects.toBe(transient);
    expect(calls).toBe(3);
  });

  it('times out', async () => {
    const clock = fakeClock();
    await expect(
      pollUntil(async () => 'grading', {
        isDone: () => false,
        timeoutMs: 5000,
        sleep: clock.sleep,
        now: clock.now,
      }),
    ).rejects.toBeInstanceOf(PollTimeoutError);
    expect(clock.now()).toBeGreaterThanOrEqual(5000);
    expect(clock.now()).toBeLessThan(8000);
  });

  it('stops when aborted, with real timers', async () => {
    vi.useFakeTimers();
    try {
      const controller = new AbortController();
      const check = vi.fn(async () => 'grading');
      const polling = pollUntil(check, { isDone: () => false, signal: controller.signal });
      const outcome = expect(polling).rejects.toMatchObject({ name: 'AbortError' });
      await vi.advanceTimersByTimeAsync(300);
      expect(check).toHaveBeenCalledTimes(1);
      controller.abort();
      await outcome;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(check).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
