/**
 * Sandboxed timers on a virtual clock. Nothing runs by itself: the runner fires the earliest timer only while
 * a test waits, jumping the clock forward, so timer tests are fast and a timer storm dies with the job.
 */
import {
  DateCtor,
  DateNow,
  ObjectDefineProperty,
  ObjectFreeze,
  PromiseCtor,
  PromisePrototypeThen,
  ReflectApply,
  ReflectConstruct,
  SymbolToPrimitive,
  TypeErrorCtor,
  append,
} from './primordials.ts';
import { rt } from './state.ts';

const MAX_TIMERS = 10000;

interface Timer {
  id: number;
  at: number;
  seq: number;
  fn: (...args: unknown[]) => unknown;
  args: unknown[];
  interval: number;
  handle: object;
}

/** A timer queue on its own clock: the runner's virtual clock, or the test's fake clock (fake-timers.ts). */
export interface Clock {
  queue: Timer[];
  time: () => number;
  /** Moves the clock forward to `at` (never backward). */
  moveTo: (at: number) => void;
}

let nextId = 1;
let seq = 0;
/** Errors thrown by timer callbacks or microtasks, reported against the running test. */
export const uncaught: unknown[] = [];

/** Virtual now, in ms since the epoch: the real clock plus the time skipped by fast-forwarding. */
export function now(): number {
  return DateNow() + rt.skippedMs;
}

/** The clock the runner drives while a test waits. */
export const realClock: Clock = {
  __proto__: null,
  queue: [],
  time: now,
  moveTo: (at: number) => advanceTo(at),
} as Clock;

/** Clock that setTimeout & co. and Date use: the fake one while a test has called useFakeTimers(). */
let activeClock: Clock = realClock;

/** Switches the clock behind the timer globals and Date (null: back to the real one). */
export function useClock(clock: Clock | null): void {
  activeClock = clock ?? realClock;
}

/** Now on the clock Date and performance follow. */
function wallNow(): number {
  return activeClock.time();
}

function insert(clock: Clock, timer: Timer): void {
  const queue = clock.queue;
  if (queue.length >= MAX_TIMERS) throw new TypeErrorCtor(rt.text.tooManyTimers);
  let i = queue.length;
  append(queue, timer);
  while (
    i > 0 &&
    (queue[i - 1]!.at > timer.at || (queue[i - 1]!.at === timer.at && queue[i - 1]!.seq > timer.seq))
  ) {
    queue[i] = queue[i - 1]!;
    i--;
  }
  queue[i] = timer;
}

function removeAt(queue: Timer[], i: number): void {
  for (let j = i; j < queue.length - 1; j++) queue[j] = queue[j + 1]!;
  queue.length -= 1;
}

function remove(handle: unknown): void {
  const clocks = activeClock === realClock ? [realClock] : [activeClock, realClock];
  for (let c = 0; c < clocks.length; c++) {
    const queue = clocks[c]!.queue;
    for (let i = 0; i < queue.length; i++) {
      const t = queue[i]!;
      if (t.handle === handle || t.id === handle) return removeAt(queue, i);
    }
  }
}

/** Queues a timer on a clock; returns its Node-like handle. */
export function schedule(clock: Clock, fn: unknown, ms: unknown, args: unknown[], repeat: boolean): object {
  if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
  let delay = typeof ms === 'number' ? ms : +(ms as number);
  if (!(delay >= 1 && delay <= 2147483647)) delay = 1;
  const id = nextId++;
  const handle = {
    __proto__: null,
    ref: () => handle,
    unref: () => handle,
    hasRef: () => true,
    refresh: () => handle,
    [SymbolToPrimitive]: () => id,
  };
  const at = clock.time() + delay;
  insert(clock, {
    __proto__: null,
    id,
    at,
    seq: seq++,
    fn,
    args,
    interval: repeat ? delay : -1,
    handle,
  } as unknown as Timer);
  return handle;
}

/** Virtual time at which the next timer of the runner's clock fires, or Infinity. */
export function nextTimerAt(clock: Clock = realClock): number {
  return clock.queue.length > 0 ? clock.queue[0]!.at : Infinity;
}

/** Moves the virtual clock forward (never backward). */
export function advanceTo(at: number): void {
  const gap = at - now();
  if (gap > 0) rt.skippedMs += gap;
}

/** Fires the earliest timer of a clock, moving the clock to it; returns false when none is left. */
export function fireNextTimer(clock: Clock = realClock): boolean {
  const queue = clock.queue;
  const timer = queue[0];
  if (timer === undefined) return false;
  removeAt(queue, 0);
  clock.moveTo(timer.at);
  if (timer.interval > 0) {
    timer.at += timer.interval;
    timer.seq = seq++;
    insert(clock, timer);
  }
  try {
    ReflectApply(timer.fn, undefined, timer.args);
  } catch (e) {
    append(uncaught, e);
  }
  return true;
}

const resolved = PromiseCtor.resolve();
let clockStart = 0;

/** Starts the job's clock (the harness is loaded from a snapshot taken long before). */
export function resetClock(): void {
  clockStart = DateNow();
  rt.skippedMs = 0;
}

/** Installs setTimeout & co., queueMicrotask, a virtual-clock Date and performance.now on the global. */
export function installTimers(global: Record<string, unknown>): void {
  const api = {
    setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(activeClock, fn, ms, args, false),
    setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(activeClock, fn, ms, args, true),
    setImmediate: (fn: unknown, ...args: unknown[]) => schedule(activeClock, fn, 0, args, false),
    clearTimeout: remove,
    clearInterval: remove,
    clearImmediate: remove,
    queueMicrotask: (fn: unknown) => {
      if (typeof fn !== 'function')
        throw new TypeErrorCtor('The "callback" argument must be of type function');
      PromisePrototypeThen(
        resolved,
        () => {
          try {
            ReflectApply(fn, undefined, []);
          } catch (e) {
            append(uncaught, e);
          }
        },
        () => undefined,
      );
    },
  };
  const names = [
    'setTimeout',
    'setInterval',
    'setImmediate',
    'clearTimeout',
    'clearInterval',
    'clearImmediate',
    'queueMicrotask',
  ] as const;
  for (let i = 0; i < names.length; i++) {
    ObjectDefineProperty(global, names[i]!, { value: api[names[i]!], writable: true, configurable: true });
  }
  ObjectDefineProperty(global, 'performance', {
    value: ObjectFreeze({ __proto__: null, now: () => wallNow() - clockStart, timeOrigin: 0 }),
    writable: true,
    configurable: true,
  });
  installDate(global);
}

/** Date follows the virtual clock (`new Date()`, `Date()`, `Date.now()`), otherwise it is the real Date. */
function installDate(global: Record<string, unknown>): void {
  const RealDate = DateCtor;
  const toString = RealDate.prototype.toString;
  const VirtualDate = function (this: unknown, ...args: unknown[]) {
    if (new.target === undefined) return ReflectApply(toString, ReflectConstruct(RealDate, [wallNow()]), []);
    return ReflectConstruct(RealDate, args.length === 0 ? [wallNow()] : args, new.target);
  } as unknown as DateConstructor;
  ObjectDefineProperty(VirtualDate, 'prototype', { value: RealDate.prototype, writable: false });
  ObjectDefineProperty(VirtualDate, 'name', { value: 'Date' });
  ObjectDefineProperty(VirtualDate, 'length', { value: 7 });
  ObjectDefineProperty(VirtualDate, 'now', { value: () => wallNow(), writable: true, configurable: true });
  ObjectDefineProperty(VirtualDate, 'parse', { value: RealDate.parse, writable: true, configurable: true });
  ObjectDefineProperty(VirtualDate, 'UTC', { value: RealDate.UTC, writable: true, configurable: true });
  ObjectDefineProperty(RealDate.prototype, 'constructor', {
    value: VirtualDate,
    writable: true,
    configurable: true,
  });
  ObjectDefineProperty(global, 'Date', { value: VirtualDate, writable: true, configurable: true });
}
