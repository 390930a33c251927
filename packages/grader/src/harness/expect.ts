/** `expect(value)` with `.not`, `.resolves`, `.rejects`, the asymmetric helpers and assertion counting. */
import { makeAsymmetric } from './asymmetric.ts';
import { customAsymmetric, customMatcher } from './extend.ts';
import type { AsymmetricKind } from './asymmetric.ts';
import { format } from './format.ts';
import { MATCHERS, pair } from './matchers.ts';
import type { MatcherContext } from './matchers.ts';
import {
  ErrorCtor,
  ObjectCreate,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectKeys,
  PromiseCtor,
  PromisePrototypeThen,
  ReflectApply,
  ReflectOwnKeys,
  TypeErrorCtor,
} from './primordials.ts';
import { rt } from './state.ts';

interface Expectation {
  received: unknown;
  isNot: boolean;
  promise: '' | 'resolves' | 'rejects';
}

const originalThen = PromiseCtor.prototype.then;

/** A promise whose `then`/`constructor` are pinned, so `await` never goes through patched built-ins. */
export function pinnedPromise<T>(
  executor: (resolve: (v: T) => void, reject: (e: unknown) => void) => void,
): Promise<T> {
  const p = new PromiseCtor<T>(executor);
  ObjectDefineProperty(p, 'constructor', { value: PromiseCtor });
  ObjectDefineProperty(p, 'then', { value: originalThen });
  return p;
}

/** Records the failure on the running test (even if the thrown error gets caught) and throws it. */
export function failAssertion(message: string): never {
  if (rt.failure === null) rt.failure = message;
  const error = new ErrorCtor(message);
  throw error;
}

/** Waits for a promise or thenable using the original `then`. */
export function settle(value: unknown, ok: (v: unknown) => void, fail: (e: unknown) => void): boolean {
  if (value instanceof PromiseCtor) {
    try {
      PromisePrototypeThen(value, ok, fail);
      return true;
    } catch {
      // Not a real promise (forged prototype): treat it as a thenable below.
    }
  }
  const then =
    (typeof value === 'object' || typeof value === 'function') && value !== null
      ? (value as { then?: unknown }).then
      : undefined;
  if (typeof then !== 'function') return false;
  ReflectApply(then, value, [ok, fail]);
  return true;
}

function check(name: string, received: unknown, args: unknown[], ctx: MatcherContext): void {
  const outcome = MATCHERS[name]!(received, args, ctx);
  if (outcome.usage !== undefined) failAssertion(outcome.usage);
  if (outcome.pass === ctx.isNot) failAssertion(outcome.message());
}

function runMatcher(self: Expectation, name: string, args: unknown[]): unknown {
  rt.assertionCalls++;
  const ctx = { __proto__: null, isNot: self.isNot, promise: self.promise } as MatcherContext;
  if (self.promise === '') {
    check(name, self.received, args, ctx);
    return undefined;
  }
  return pinnedPromise<void>((resolve, reject) => {
    const attempt = (value: unknown, rejected: boolean) => {
      try {
        if (rejected !== (self.promise === 'rejects')) {
          const t = rt.text;
          const want = self.promise === 'rejects' ? t.rejected : t.resolved;
          const got = rejected ? t.rejectedWith(format(value)) : t.resolvedWith(format(value));
          failAssertion(pair(want, got, { __proto__: null, isNot: false, promise: '' } as MatcherContext));
        }
        check(name, value, args, ctx);
        resolve();
      } catch (e) {
        reject(e);
      }
    };
    const waiting = settle(
      self.received,
      (v) => attempt(v, false),
      (e) => attempt(e, true),
    );
    if (!waiting) {
      try {
        failAssertion(rt.text.notAPromise + '\n' + rt.text.received + format(self.received));
      } catch (e) {
        reject(e);
      }
    }
  });
}

const proto = ObjectCreate(null) as Record<string, unknown>;
function defineMethod(name: string): void {
  ObjectDefineProperty(proto, name, {
    value: function (this: Expectation, ...args: unknown[]) {
      return runMatcher(this, name, args);
    },
    writable: true,
    configurable: true,
  });
}
const names = ObjectKeys(MATCHERS);
for (let i = 0; i < names.length; i++) defineMethod(names[i]!);

function derive(self: Expectation, isNot: boolean, promise: Expectation['promise']): Expectation {
  const next = ObjectCreate(proto) as Expectation;
  next.received = self.received;
  next.isNot = isNot;
  next.promise = promise;
  return next;
}
ObjectDefineProperty(proto, 'not', {
  get(this: Expectation) {
    return derive(this, !this.isNot, this.promise);
  },
});
ObjectDefineProperty(proto, 'resolves', {
  get(this: Expectation) {
    return derive(this, this.isNot, 'resolves');
  },
});
ObjectDefineProperty(proto, 'rejects', {
  get(this: Expectation) {
    return derive(this, this.isNot, 'rejects');
  },
});

/** Jest's `expect`. */
export function expect(received: unknown): unknown {
  const e = ObjectCreate(proto) as Expectation;
  e.received = received;
  e.isNot = false;
  e.promise = '';
  return e;
}

const asym = (kind: AsymmetricKind, inverse: boolean) => (sample: unknown, digits?: number) =>
  makeAsymmetric(kind, sample, inverse, digits);

const statics = expect as unknown as Record<string, unknown>;
statics.any = asym('any', false);
statics.anything = () => makeAsymmetric('anything', undefined, false);
statics.arrayContaining = asym('arrayContaining', false);
statics.objectContaining = asym('objectContaining', false);
statics.stringContaining = asym('stringContaining', false);
statics.stringMatching = asym('stringMatching', false);
statics.closeTo = asym('closeTo', false);
const notStatics = {
  __proto__: null,
  arrayContaining: asym('arrayContaining', true),
  objectContaining: asym('objectContaining', true),
  stringContaining: asym('stringContaining', true),
  stringMatching: asym('stringMatching', true),
  closeTo: asym('closeTo', true),
} as unknown as Record<string, unknown>;
statics.not = notStatics;
statics.assertions = (n: number) => {
  rt.expectedAssertions = n;
};
statics.hasAssertions = () => {
  rt.requireAssertions = true;
};
statics.extend = extend;

/** Makes the existing properties read-only while leaving room for the matchers expect.extend adds. */
function lock(target: object): void {
  const keys = ReflectOwnKeys(target);
  for (let i = 0; i < keys.length; i++)
    ObjectDefineProperty(target, keys[i]!, { writable: false, configurable: false });
}
lock(expect);
lock(notStatics);

const RESERVED: Record<string, true> = {
  __proto__: null,
  not: true,
  resolves: true,
  rejects: true,
  then: true,
} as unknown as Record<string, true>;

/** Defines a static asymmetric helper unless a built-in one has that name. */
function defineStatic(target: object, name: string, value: unknown): void {
  if (ObjectGetOwnPropertyDescriptor(target, name)?.configurable === false) return;
  ObjectDefineProperty(target, name, { value, writable: true, enumerable: true, configurable: true });
}

/** `expect.extend({ name(received, ...args) { return { pass, message } } })`. */
function extend(matchers: unknown): void {
  if (typeof matchers !== 'object' || matchers === null) throw new TypeErrorCtor(rt.text.badExtend);
  const keys = ObjectKeys(matchers);
  for (let i = 0; i < keys.length; i++) {
    const name = keys[i]!;
    const fn = (matchers as Record<string, unknown>)[name];
    if (typeof fn !== 'function' || RESERVED[name] === true || name === '__proto__')
      throw new TypeErrorCtor(rt.text.badExtend);
    const matcher = fn as (this: unknown, received: unknown, ...args: unknown[]) => unknown;
    ObjectDefineProperty(MATCHERS, name, {
      value: customMatcher(name, matcher),
      writable: true,
      enumerable: true,
      configurable: true,
    });
    defineMethod(name);
    defineStatic(expect, name, customAsymmetric(name, matcher, false));
    defineStatic(notStatics, name, customAsymmetric(name, matcher, true));
  }
}
