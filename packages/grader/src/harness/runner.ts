/**
 * Runs the collected suite as a flat list of actions (hooks and test bodies), one test per host call,
 * so the host can time each test and stop one that loops. Async work is settled by the host's microtask
 * checkpoint between calls and by fast-forwarding the virtual timers.
 */
import { DEFAULT_TIMEOUT, root, tests } from './collect.ts';
import type { Block, Fn, Hook, TestCase } from './collect.ts';
import { settle } from './expect.ts';
import { errorLabel } from './format.ts';
import { builtinsLookIntact, loadCheck, restoreBuiltins } from './integrity.ts';
import {
  ObjectGetOwnPropertyDescriptor,
  ObjectPrototypeToString,
  ReflectApply,
  StringCtor,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  append,
  JSONStringify,
  newList,
} from './primordials.ts';
import { rt } from './state.ts';
import { advanceTo, fireNextTimer, nextTimerAt, now, uncaught } from './timers.ts';

interface Action {
  kind: 'test' | Hook['kind'];
  fn: Fn | undefined;
  timeout: number;
  test: number;
  block: Block;
  /** Last action of its test: the test's result is final after it. */
  last: boolean;
}
interface Pending {
  settled: boolean;
  error: unknown;
  failed: boolean;
  deadline: number;
}
export interface Result {
  status: 'pass' | 'fail' | 'error';
  message: string;
  output: string;
}

const actions = newList<Action>();
let cursor = 0;
let pending: Pending | null = null;
let currentTest = -1;
let testError: string | null = null;
let brokenBuiltins = '';
/** A built-in changed while the solution loaded: every test fails, since the suite may have been altered. */
let loadTamper = '';

/** Checks built-ins after the solution (or the test file) ran its top-level code. */
export function checkAfterLoad(): void {
  let changed: string;
  try {
    changed = loadCheck();
  } catch {
    changed = brokenBuiltins = 'JavaScript';
  }
  if (loadTamper === '') loadTamper = changed;
}
export const results = newList<Result>();

function act(kind: Action['kind'], fn: Fn | undefined, timeout: number, test: number, block: Block): void {
  append(actions, { __proto__: null, kind, fn, timeout, test, block, last: false } as Action);
}

function countTests(block: Block): number {
  let n = 0;
  for (let i = 0; i < block.children.length; i++) {
    const c = block.children[i]!;
    n += 'children' in c ? countTests(c) : 1;
  }
  return n;
}

function planBlock(block: Block, index: { n: number }): void {
  if (countTests(block) === 0) return;
  const first = index.n;
  for (let i = 0; i < block.hooks.length; i++) {
    const h = block.hooks[i]!;
    if (h.kind === 'beforeAll') act('beforeAll', h.fn, h.timeout, first, block);
  }
  for (let i = 0; i < block.children.length; i++) {
    const c = block.children[i]!;
    if ('children' in c) planBlock(c, index);
    else planTest(c, index.n++);
  }
  for (let i = 0; i < block.hooks.length; i++) {
    const h = block.hooks[i]!;
    if (h.kind === 'afterAll') act('afterAll', h.fn, h.timeout, index.n - 1, block);
  }
}

function planTest(t: TestCase, index: number): void {
  const chain = newList<Block>();
  for (let b: Block | null = t.block; b !== null; b = b.parent) append(chain, b);
  for (let i = chain.length - 1; i >= 0; i--) {
    const hooks = chain[i]!.hooks;
    for (let k = 0; k < hooks.length; k++)
      if (hooks[k]!.kind === 'beforeEach') act('beforeEach', hooks[k]!.fn, hooks[k]!.timeout, index, t.block);
  }
  act('test', t.fn, t.timeout, index, t.block);
  for (let i = 0; i < chain.length; i++) {
    const hooks = chain[i]!.hooks;
    for (let k = 0; k < hooks.length; k++)
      if (hooks[k]!.kind === 'afterEach') act('afterEach', hooks[k]!.fn, hooks[k]!.timeout, index, t.block);
  }
}

/** Builds the action list once the test file has been evaluated. */
export function plan(): void {
  planBlock(root, { n: 0 });
  // The last action touching each test closes it (afterAll hooks report on the block's last test).
  for (let i = actions.length - 1, seen = -1; i >= 0; i--) {
    const a = actions[i]!;
    if (a.test !== seen) {
      a.last = true;
      seen = a.test;
    }
  }
}

/** Student-facing text of a thrown value: "TypeError: x is not a function (solution, ligne 3)". */
export function describeError(e: unknown): string {
  try {
    if (typeof e === 'object' && e !== null && ObjectPrototypeToString(e) === '[object Error]') {
      const label = errorLabel(e);
      return StringPrototypeSlice(label, 1, label.length - 1) + where(e);
    }
    if (typeof e === 'string') return JSONStringify(e);
    return typeof e === 'object' && e !== null ? errorLabel(e) : StringCtor(e);
  } catch {
    return rt.text.unreadable;
  }
}

function where(e: object): string {
  // V8 installs `stack` as an own accessor on errors; a solution may have replaced it (still sandboxed).
  const d = ObjectGetOwnPropertyDescriptor(e, 'stack');
  const raw = d === undefined ? '' : d.get ? ReflectApply(d.get, e, []) : d.value;
  const stack = typeof raw === 'string' ? raw : '';
  const at = StringPrototypeIndexOf(stack, 'solution.');
  if (at < 0) return '';
  const colon = StringPrototypeIndexOf(stack, ':', at);
  const end = StringPrototypeIndexOf(stack, ':', colon + 1);
  if (colon < 0 || end < 0) return '';
  return rt.text.atLine(StringPrototypeSlice(stack, colon + 1, end));
}

function recordError(a: Action, e: unknown): void {
  if (testError !== null) return;
  const text = rt.failure ?? rt.text.errorThrown(describeError(e));
  testError = a.kind === 'test' ? text : rt.text.inHook(a.kind, text);
  if (a.kind === 'beforeAll') a.block.failure = testError;
}

function startTest(index: number): void {
  currentTest = index;
  testError = null;
  rt.failure = null;
  rt.assertionCalls = 0;
  rt.expectedAssertions = -1;
  rt.requireAssertions = false;
  uncaught.length = 0;
  for (let b: Block | null = tests[index]!.block; b !== null; b = b.parent) {
    if (b.failure !== null) testError = b.failure;
  }
}

function finishTest(): void {
  const t = rt.text;
  if (testError === null && rt.failure !== null) testError = rt.failure;
  if (testError === null && rt.expectedAssertions >= 0 && rt.assertionCalls !== rt.expectedAssertions) {
    testError =
      t.expected + t.assertions(rt.expectedAssertions) + '\n' + t.received + t.assertions(rt.assertionCalls);
  }
  if (testError === null && rt.requireAssertions && rt.assertionCalls === 0) {
    testError = t.expected + t.atLeastOneAssertion + '\n' + t.received + t.assertions(0);
  }
  let status: Result['status'] = testError === null ? 'pass' : 'fail';
  // A quick read of the built-ins the test file names after each test, of all of them after the last one;
  // the full descriptor check (which also restores) only runs when something looks changed.
  const last = cursor >= actions.length;
  const changed = loadTamper !== '' ? loadTamper : builtinsLookIntact(last) ? '' : checkBuiltins();
  if (changed !== '') {
    status = 'fail';
    testError = t.tampered(changed);
  }
  append(results, { __proto__: null, status, message: testError ?? '', output: rt.output } as Result);
  rt.output = '';
  rt.outputFull = false;
  currentTest = -1;
}

/** Restores tampered built-ins; returns what was changed ('' if nothing). Unfixable changes stick. */
export function checkBuiltins(): string {
  if (brokenBuiltins !== '') return brokenBuiltins;
  try {
    return restoreBuiltins();
  } catch {
    brokenBuiltins = 'JavaScript';
    return brokenBuiltins;
  }
}

function begin(a: Action): void {
  if (currentTest !== a.test) startTest(a.test);
  const deadline = now() + (a.timeout || DEFAULT_TIMEOUT);
  const p = { __proto__: null, settled: false, error: undefined, failed: false, deadline } as Pending;
  // Tests of a block whose beforeAll failed, and bodies after a failed beforeEach, are not run.
  const skip = a.fn === undefined || (testError !== null && (a.kind === 'test' || a.kind === 'beforeEach'));
  if (!skip) run(a.fn!, p);
  if (pending === null) end(a, p);
}

function run(fn: Fn, p: Pending): void {
  rt.inTest = true;
  const ok = () => {
    p.settled = true;
  };
  const fail = (e: unknown) => {
    if (p.settled) return;
    p.settled = true;
    p.failed = true;
    p.error = e;
  };
  try {
    if (fn.length > 0) {
      const done = (err?: unknown) => (err === undefined || err === null ? ok() : fail(err));
      (done as unknown as Record<string, unknown>).fail = (err?: unknown) => fail(err ?? 'done.fail()');
      ReflectApply(fn, undefined, [done]);
      if (!p.settled) pending = p;
    } else {
      const value = ReflectApply(fn, undefined, []);
      if (settle(value, ok, fail)) pending = p;
    }
  } catch (e) {
    fail(e);
  }
}

function end(a: Action, p: Pending): void {
  rt.inTest = false;
  if (p.failed) recordError(a, p.error);
  if (uncaught.length > 0) recordError(a, uncaught[0]);
  cursor++;
  if (a.last) finishTest();
}

/** Runs until a test finishes or async work must be flushed. Returns true when everything has run. */
export function step(): boolean {
  for (;;) {
    const a = actions[cursor];
    if (a === undefined) return true;
    if (pending !== null) {
      const p = pending;
      if (!p.settled && uncaught.length === 0) {
        const next = nextTimerAt();
        if (next <= p.deadline) {
          fireNextTimer();
          return false;
        }
        p.settled = true;
        p.failed = true;
        p.error = undefined;
        rt.failure ??= next === Infinity ? rt.text.neverSettled : rt.text.timedOut(a.timeout);
        if (next !== Infinity) advanceTo(p.deadline);
      }
      pending = null;
      end(a, p);
      if (a.last) return cursor >= actions.length;
      continue;
    }
    begin(a);
    if (pending !== null) return false;
    if (a.last) return cursor >= actions.length;
  }
}

/** Marks the running test as stopped by the host (time limit) and moves past its actions. */
export function abortCurrent(message: string): void {
  rt.inTest = false;
  pending = null;
  const index = currentTest >= 0 ? currentTest : (actions[cursor]?.test ?? -1);
  if (index < 0) return;
  while (actions[cursor] !== undefined && actions[cursor]!.test <= index) cursor++;
  if (results.length > index) return;
  if (currentTest !== index) startTest(index);
  finishTest();
  const r = results[results.length - 1]!;
  r.status = 'error';
  r.message = message;
}

/** Index of the test the next step will work on, or -1. */
export function currentIndex(): number {
  const a = actions[cursor];
  return a === undefined ? -1 : a.test;
}
