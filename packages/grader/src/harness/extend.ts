/** Matchers added by `expect.extend`: the `this` Jest gives them, and their outcome read defensively. */
import { makeAsymmetric } from './asymmetric.ts';
import { equals } from './equals.ts';
import { format } from './format.ts';
import { diffOf, pair } from './matcher-utils.ts';
import type { Matcher, MatcherContext } from './matcher-utils.ts';
import {
  ObjectFreeze,
  ReflectApply,
  StringCtor,
  StringPrototypeSlice,
  TypeErrorCtor,
  append,
} from './primordials.ts';
import { rt } from './state.ts';

type UserMatcher = (this: unknown, received: unknown, ...args: unknown[]) => unknown;

const utils = ObjectFreeze({
  __proto__: null,
  printReceived: (v: unknown) => format(v),
  printExpected: (v: unknown) => format(v),
  stringify: (v: unknown) => format(v),
  diff: (a: unknown, b: unknown) => diffOf(a, b),
  matcherHint: (name: unknown, received = 'received', expected = 'expected') =>
    `expect(${StringCtor(received)}).${StringCtor(name)}(${StringCtor(expected)})`,
  EXPECTED_COLOR: (s: unknown) => StringCtor(s),
  RECEIVED_COLOR: (s: unknown) => StringCtor(s),
});

/** The `this` of a custom matcher: isNot, promise, equals and the printing utils. */
function contextFor(isNot: boolean, promise: string): object {
  return ObjectFreeze({
    __proto__: null,
    isNot,
    promise,
    expand: false,
    equals: (a: unknown, b: unknown) => equals(a, b),
    utils,
  });
}

/** [first, ...rest] without the (patchable) array iterator. */
function withFirst(first: unknown, rest: unknown[]): unknown[] {
  const out = [first];
  for (let i = 0; i < rest.length; i++) append(out, rest[i]);
  return out;
}

function outcomeOf(name: string, result: unknown): { pass: boolean; message: unknown } {
  if (typeof result !== 'object' || result === null) throw new TypeErrorCtor(rt.text.badCustomMatcher(name));
  return { pass: !!(result as { pass?: unknown }).pass, message: (result as { message?: unknown }).message };
}

/** Wraps a user matcher as a harness matcher. */
export function customMatcher(name: string, fn: UserMatcher): Matcher {
  return (received, args, ctx: MatcherContext) => {
    const { pass, message } = outcomeOf(
      name,
      ReflectApply(fn, contextFor(ctx.isNot, ctx.promise), withFirst(received, args)),
    );
    return {
      pass,
      message: () => {
        const text = typeof message === 'function' ? ReflectApply(message, undefined, []) : message;
        if (text !== undefined && text !== null && text !== '') return StringCtor(text);
        return pair(name + '(' + StringPrototypeSlice(format(args), 1, -1) + ')', format(received), ctx);
      },
    };
  };
}

/** `expect.<name>(...args)`: the custom matcher used inside toEqual & co. */
export function customAsymmetric(name: string, fn: UserMatcher, inverse: boolean) {
  return (...args: unknown[]) =>
    makeAsymmetric(
      'custom',
      {
        __proto__: null,
        name,
        args,
        match: (other: unknown) =>
          outcomeOf(name, ReflectApply(fn, contextFor(false, ''), withFirst(other, args))).pass,
      },
      inverse,
    );
}
