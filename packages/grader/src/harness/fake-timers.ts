/**
 * Jest's modern fake timers (`jest.useFakeTimers()`, `vi.useFakeTimers()`): a second timer queue on a clock
 * that only moves when the test says so. The runner never fires these timers by itself.
 */
import {
  DateCtor,
  DatePrototypeGetTime,
  ErrorCtor,
  NumberIsNaN,
  ObjectPrototypeToString,
  ReflectApply,
  TypeErrorCtor,
} from './primordials.ts';
import { pinnedPromise } from './expect.ts';
import { rt } from './state.ts';
import { fireNextTimer, nextTimerAt, now, realClock, schedule, uncaught, useClock } from './timers.ts';
import type { Clock } from './timers.ts';

/** Jest stops runAllTimers after this many timers ("assuming an infinite loop"). */
export const MAX_FAKE_TIMERS_RUN = 100000;

const fake = { __proto__: null, now: 0 } as { now: number };
const fakeClock: Clock = {
  __proto__: null,
  queue: [],
  time: () => fake.now,
  moveTo: (at: number) => {
    if (at > fake.now) fake.now = at;
  },
} as Clock;
let installed = false;

/** Throws the first error a fired fake timer threw, as Jest does from advanceTimersByTime. */
function rethrow(): void {
  if (uncaught.length === 0) return;
  const e = uncaught[0];
  uncaught.length = 0;
  throw e;
}

function requireFake(): void {
  if (!installed) throw new ErrorCtor(rt.text.fakeTimersOff);
}

function toMs(value: unknown): number {
  if (typeof value === 'object' && value !== null && ObjectPrototypeToString(value) === '[object Date]')
    return DatePrototypeGetTime(value as Date);
  const n = typeof value === 'number' ? value : +(value as number);
  if (NumberIsNaN(n)) throw new TypeErrorCtor(rt.text.invalidTime);
  return n;
}

/** Fires every fake timer due by `target`, then leaves the clock at `target`. */
function tick(target: number): void {
  while (nextTimerAt(fakeClock) <= target) {
    fireNextTimer(fakeClock);
    rethrow();
  }
  fakeClock.moveTo(target);
}

function useFakeTimers(config?: unknown): void {
  if (!installed) {
    fake.now = now();
    fakeClock.queue.length = 0;
  }
  installed = true;
  useClock(fakeClock);
  const start = typeof config === 'object' && config !== null ? (config as { now?: unknown }).now : undefined;
  if (start !== undefined) setSystemTime(start);
}

function useRealTimers(): void {
  installed = false;
  fakeClock.queue.length = 0;
  useClock(null);
}

function advanceTimersByTime(ms?: unknown): void {
  requireFake();
  tick(fake.now + (ms === undefined ? 0 : toMs(ms)));
}

function runAllTimers(): void {
  requireFake();
  for (let i = 0; i < MAX_FAKE_TIMERS_RUN; i++) {
    if (!fireNextTimer(fakeClock)) return;
    rethrow();
  }
  throw new ErrorCtor(rt.text.tooManyFakeTimers(MAX_FAKE_TIMERS_RUN));
}

function runOnlyPendingTimers(): void {
  requireFake();
  const queue = fakeClock.queue;
  // Like @sinonjs/fake-timers' runToLast: up to the last timer pending now (intervals fire once per period).
  if (queue.length > 0) tick(queue[queue.length - 1]!.at);
}

function advanceTimersToNextTimer(steps?: unknown): void {
  requireFake();
  const n = steps === undefined ? 1 : toMs(steps);
  for (let i = 0; i < n && fakeClock.queue.length > 0; i++) tick(nextTimerAt(fakeClock));
}

function setSystemTime(time?: unknown): void {
  const at = time === undefined ? now() : toMs(time);
  if (!installed) return;
  // Pending timers keep their remaining delay, as in @sinonjs/fake-timers.
  const shift = at - fake.now;
  const queue = fakeClock.queue;
  for (let i = 0; i < queue.length; i++) queue[i]!.at += shift;
  fake.now = at;
}

/**
 * Async variants: fire due timers one at a time, yielding to the runner's event loop (a real-clock timer)
 * between them so that promise callbacks settle, as @sinonjs/fake-timers' tickAsync does.
 */
function asyncUntil(target: () => number): Promise<void> {
  requireFake();
  let budget = MAX_FAKE_TIMERS_RUN;
  return pinnedPromise<void>((resolve, reject) => {
    const next = (): void => {
      try {
        if (nextTimerAt(fakeClock) > target()) {
          fakeClock.moveTo(target());
          resolve();
          return;
        }
        if (budget-- <= 0) throw new ErrorCtor(rt.text.tooManyFakeTimers(MAX_FAKE_TIMERS_RUN));
        fireNextTimer(fakeClock);
        rethrow();
        schedule(realClock, next, 0, [], false);
      } catch (e) {
        reject(e);
      }
    };
    schedule(realClock, next, 0, [], false);
  });
}

/** The fake-timer part of the `jest` / `vi` object. */
export function fakeTimerApi(self: () => unknown): Record<string, unknown> {
  const chain =
    <A extends unknown[]>(f: (...args: A) => void) =>
    (...args: A) => {
      ReflectApply(f, undefined, args);
      return self();
    };
  return {
    __proto__: null,
    useFakeTimers: chain(useFakeTimers),
    useRealTimers: chain(useRealTimers),
    isFakeTimers: () => installed,
    advanceTimersByTime: chain(advanceTimersByTime),
    runAllTimers: chain(runAllTimers),
    runOnlyPendingTimers: chain(runOnlyPendingTimers),
    advanceTimersToNextTimer: chain(advanceTimersToNextTimer),
    runAllTicks: chain(() => undefined),
    clearAllTimers: chain(() => {
      fakeClock.queue.length = 0;
    }),
    getTimerCount: () => (installed ? fakeClock.queue.length : 0),
    setSystemTime: chain(setSystemTime),
    now: () => (installed ? fake.now : now()),
    getRealSystemTime: () => now(),
    getMockedSystemTime: () => (installed ? new DateCtor(fake.now) : null),
    advanceTimersByTimeAsync: (ms?: unknown) => {
      const target = fake.now + (ms === undefined ? 0 : toMs(ms));
      return asyncUntil(() => target);
    },
    runAllTimersAsync: () => asyncUntil(() => (fakeClock.queue.length > 0 ? nextTimerAt(fakeClock) : -1)),
    runOnlyPendingTimersAsync: () => {
      const queue = fakeClock.queue;
      const target = queue.length > 0 ? queue[queue.length - 1]!.at : fake.now;
      return asyncUntil(() => target);
    },
    advanceTimersToNextTimerAsync: () => {
      const target = nextTimerAt(fakeClock);
      return asyncUntil(() => (target === Infinity ? fake.now : target));
    },
  };
}
