/** Test registration: describe/test/it/hooks with their Jest aliases, building the suite tree. */
import { expandEach } from './each.ts';
import {
  ObjectDefineProperty,
  ObjectFreeze,
  ReflectApply,
  StringCtor,
  TypeErrorCtor,
  append,
  newList,
} from './primordials.ts';
import { rt } from './state.ts';

export type Fn = (...args: unknown[]) => unknown;
export interface Hook {
  fn: Fn;
  timeout: number;
  kind: 'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach';
}
export interface Block {
  name: string;
  parent: Block | null;
  children: (Block | TestCase)[];
  hooks: Hook[];
  /** Failure of one of this block's beforeAll hooks, applied to all its tests. */
  failure: string | null;
  /** Inside a describe.skip: its tests are listed, never run. */
  skipped: boolean;
}
export interface TestCase {
  name: string;
  fullName: string;
  fn: Fn | undefined;
  timeout: number;
  block: Block;
}

/** What grading does with a registered test: run and grade it, or only list it. */
export type Mode = 'run' | 'skipped' | 'todo';
/** A registered test as the result lists it, in file order. */
export interface Listed {
  fullName: string;
  mode: Mode;
}

export const DEFAULT_TIMEOUT = 5000;

function newBlock(name: string, parent: Block | null, skipped: boolean): Block {
  const children = newList<Block | TestCase>();
  return { __proto__: null, name, parent, children, hooks: newList<Hook>(), failure: null, skipped } as Block;
}

export const root = newBlock('', null, false);
let current = root;
/** The tests that run, in file order (the runner's test indexes). */
export const tests = newList<TestCase>();
/** Every registered test, skipped and to-do ones included, in file order. */
export const listed = newList<Listed>();
/** First error thrown while the test file's describe callbacks ran. */
export const collectErrors: unknown[] = [];

function guard(): void {
  if (rt.inTest) throw new TypeErrorCtor(rt.text.nested);
}

function title(name: unknown): string {
  if (typeof name === 'function') {
    const n = (name as { name?: unknown }).name;
    return typeof n === 'string' ? n : '';
  }
  return typeof name === 'string' ? name : StringCtor(name);
}

function addTest(name: unknown, fn: unknown, timeout: unknown, mode: Mode): void {
  guard();
  const parts = newList<string>();
  for (let b: Block | null = current; b !== null && b !== root; b = b.parent) append(parts, b.name);
  let full = '';
  for (let i = parts.length - 1; i >= 0; i--) full += parts[i] + ' ';
  const t = title(name);
  const kept: Mode = mode === 'run' && current.skipped ? 'skipped' : mode;
  append(listed, { __proto__: null, fullName: full + t, mode: kept } as Listed);
  // Skipped and to-do tests stay out of the tree: they run no hook and no body.
  if (kept !== 'run') return;
  append(tests, {
    __proto__: null,
    name: t,
    fullName: full + t,
    fn: typeof fn === 'function' ? (fn as Fn) : undefined,
    timeout: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT,
    block: current,
  } as TestCase);
  append(current.children, tests[tests.length - 1]!);
}

function addDescribe(name: unknown, fn: unknown, mode: Mode): void {
  guard();
  const block = newBlock(title(name), current, mode !== 'run' || current.skipped);
  append(current.children, block);
  const parent = current;
  current = block;
  try {
    if (typeof fn === 'function') ReflectApply(fn, undefined, []);
  } catch (e) {
    append(collectErrors, e);
  } finally {
    current = parent;
  }
}

function hook(kind: Hook['kind']) {
  return (fn: unknown, timeout?: unknown) => {
    guard();
    if (typeof fn !== 'function') return;
    append(current.hooks, {
      __proto__: null,
      fn: fn as Fn,
      timeout: typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_TIMEOUT,
      kind,
    } as Hook);
  };
}

type Register = (name: unknown, fn: unknown, timeout: unknown, mode: Mode) => void;
type Api = ((name: unknown, fn: unknown, timeout?: unknown) => void) & Record<string, unknown>;

/** `test`, `test.skip`... in one mode, with its `.each`. */
function inMode(register: Register, mode: Mode): Api {
  const each =
    (table: unknown, ...values: unknown[]) =>
    (name: unknown, fn: unknown, timeout?: unknown) => {
      const cases = expandEach(table, values, title(name));
      for (let i = 0; i < cases.length; i++) {
        const c = cases[i]!;
        const body =
          typeof fn === 'function'
            ? (...extra: unknown[]) => {
                const args: unknown[] = [];
                for (let k = 0; k < c.args.length; k++) append(args, c.args[k]);
                for (let k = 0; k < extra.length; k++) append(args, extra[k]);
                return ReflectApply(fn, undefined, args);
              }
            : undefined;
        // Keep done-callback detection working: the wrapper reports the original arity.
        if (body) ObjectDefineProperty(body, 'length', { value: (fn as Fn).length - c.args.length });
        register(c.name, body, timeout, mode);
      }
    };
  const api = ((name: unknown, fn: unknown, timeout?: unknown) => register(name, fn, timeout, mode)) as Api;
  api.each = each;
  return api;
}

/**
 * The public API of `test` or `describe`. Grading follows the public Jest tracks: `.skip` is listed as
 * skipped and not run, `.only` and `.concurrent` run like plain tests, and `test.todo` is listed as to-do.
 */
function withModes(register: Register, todo: boolean): Api {
  const api = inMode(register, 'run');
  api.only = ObjectFreeze(inMode(register, 'run'));
  api.concurrent = api.only;
  api.skip = ObjectFreeze(inMode(register, 'skipped'));
  api.todo = todo ? (name: unknown) => register(name, undefined, undefined, 'todo') : () => undefined;
  return ObjectFreeze(api);
}

export const test = withModes(addTest, true);
export const describe = withModes((name, fn, _timeout, mode) => addDescribe(name, fn, mode), false);
export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');
