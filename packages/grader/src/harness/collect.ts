/** Test registration: describe/test/it/hooks with their Jest aliases, building the suite tree. */
import { expandEach } from './each.ts';
import {
  ObjectDefineProperty,
  ObjectFreeze,
  ReflectApply,
  StringCtor,
  TypeErrorCtor,
  append,
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
}
export interface TestCase {
  name: string;
  fullName: string;
  fn: Fn | undefined;
  timeout: number;
  block: Block;
}

export const DEFAULT_TIMEOUT = 5000;

function newBlock(name: string, parent: Block | null): Block {
  return { __proto__: null, name, parent, children: [], hooks: [], failure: null } as Block;
}

export const root = newBlock('', null);
let current = root;
export const tests: TestCase[] = [];
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

function addTest(name: unknown, fn: unknown, timeout: unknown): void {
  guard();
  const parts: string[] = [];
  for (let b: Block | null = current; b !== null && b !== root; b = b.parent) append(parts, b.name);
  let full = '';
  for (let i = parts.length - 1; i >= 0; i--) full += parts[i] + ' ';
  const t = title(name);
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

function addDescribe(name: unknown, fn: unknown): void {
  guard();
  const block = newBlock(title(name), current);
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

type Register = (name: unknown, fn: unknown, timeout?: unknown) => void;

function withEach(register: Register): Register & Record<string, unknown> {
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
        register(c.name, body, timeout);
      }
    };
  const api = ((name: unknown, fn: unknown, timeout?: unknown) => register(name, fn, timeout)) as Register &
    Record<string, unknown>;
  api.each = each;
  // Grading runs every test: .only is ignored and skipped tests run, as public track autograders do.
  const plain = ((n: unknown, f: unknown, t?: unknown) => register(n, f, t)) as Register &
    Record<string, unknown>;
  plain.each = each;
  api.only = ObjectFreeze(plain);
  api.skip = api.only;
  api.concurrent = api.only;
  api.todo = () => undefined;
  return ObjectFreeze(api);
}

export const test = withEach(addTest);
export const describe = withEach((name, fn) => addDescribe(name, fn));
export const beforeAll = hook('beforeAll');
export const afterAll = hook('afterAll');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

/** Full names of the registered tests, in file order. */
export function testNames(): string[] {
  const names: string[] = [];
  for (let i = 0; i < tests.length; i++) append(names, tests[i]!.fullName);
  return names;
}
