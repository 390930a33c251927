/** The Jest matchers by name. Each returns whether it passed and, lazily, the student-facing message. */
import { equals } from './equals.ts';
import { className, fnName, format, isStructured } from './format.ts';
import { diffOf, pair, short, usage } from './matcher-utils.ts';
import type { Matcher } from './matcher-utils.ts';
import { toContain, toContainEqual, toHaveProperty, toThrow } from './matchers-structural.ts';
import { MOCK_MATCHERS } from './mock.ts';
import { SNAPSHOT_MATCHERS } from './snapshot.ts';
import {
  MathAbs,
  MathPow,
  NumberIsNaN,
  ObjectIs,
  ObjectPrototypeToString,
  RegExpCtor,
  RegExpPrototypeExec,
  StringPrototypeIncludes,
} from './primordials.ts';
import { rt } from './state.ts';

export type { Matcher, MatcherContext, Outcome } from './matcher-utils.ts';
export { pair } from './matcher-utils.ts';

function equality(mode: 'equal' | 'strict'): Matcher {
  return (received, args, ctx) => {
    const expected = args[0];
    return {
      pass: equals(received, expected, mode),
      message: () =>
        pair(format(expected), format(received), ctx) + (ctx.isNot ? '' : diffOf(expected, received)),
    };
  };
}

function numeric(name: string, test: (a: number, b: number) => boolean, sign: string): Matcher {
  return (received, args, ctx) => {
    const expected = args[0];
    const okType = (v: unknown) => typeof v === 'number' || typeof v === 'bigint';
    if (!okType(received) || !okType(expected)) {
      return usage(
        `${name} : ${rt.text.expected}${sign} ${format(expected)}\n${rt.text.received}${format(received)}`,
      );
    }
    return {
      pass: test(received as number, expected as number),
      message: () => pair(sign + ' ' + format(expected), format(received), ctx),
    };
  };
}

const is = (name: string, test: (v: unknown) => boolean, want: () => string): Matcher => {
  void name;
  return (received, _args, ctx) => ({
    pass: test(received),
    message: () => pair(want(), format(received), ctx),
  });
};

/** All built-in matchers by name. */
export const MATCHERS: Record<string, Matcher> = {
  toBe: (received, args, ctx) => {
    const expected = args[0];
    return {
      pass: ObjectIs(received, expected),
      message: () => {
        const base = pair(format(expected), format(received), ctx);
        if (ctx.isNot) return base;
        if (isStructured(expected) && equals(received, expected, 'strict'))
          return base + '\n' + rt.text.sameStructure;
        return base + diffOf(expected, received);
      },
    };
  },
  toEqual: equality('equal'),
  toStrictEqual: equality('strict'),
  toMatchObject: (received, args, ctx) => {
    const expected = args[0];
    if (
      typeof received !== 'object' ||
      received === null ||
      typeof expected !== 'object' ||
      expected === null
    ) {
      return usage(rt.text.objectMatching + format(expected) + '\n' + rt.text.received + format(received));
    }
    return {
      pass: equals(received, expected, 'subset'),
      message: () =>
        pair(rt.text.objectMatching + format(expected), format(received), ctx) +
        (ctx.isNot ? '' : diffOf(expected, received)),
    };
  },
  toThrow,
  toThrowError: toThrow,
  toBeCloseTo: (received, args, ctx) => {
    const expected = args[0];
    const digits = args[1];
    const d = typeof digits === 'number' ? digits : 2;
    if (typeof received !== 'number' || typeof expected !== 'number') {
      return usage(rt.text.expected + format(expected) + '\n' + rt.text.received + format(received));
    }
    const pass =
      (received === Infinity && expected === Infinity) ||
      (received === -Infinity && expected === -Infinity) ||
      MathAbs(expected - received) < MathPow(10, -d) / 2;
    return {
      pass,
      message: () =>
        pair(format(expected) + rt.text.within(format(MathPow(10, -d) / 2)), format(received), ctx) +
        '\n' +
        rt.text.gap +
        format(MathAbs(expected - received)),
    };
  },
  toBeInstanceOf: (received, args, ctx) => {
    const ctor = args[0];
    if (typeof ctor !== 'function') return usage(rt.text.instanceOf(format(ctor)));
    const describe = (v: unknown) =>
      typeof v === 'object' && v !== null ? rt.text.instanceLabel(className(v)) : format(v);
    return {
      pass: received instanceof (ctor as new () => unknown),
      message: () => pair(rt.text.instanceOf(fnName(ctor)), describe(received), ctx),
    };
  },
  toMatch: (received, args, ctx) => {
    const expected = args[0];
    const regex = ObjectPrototypeToString(expected) === '[object RegExp]';
    if (typeof received !== 'string' || (!regex && typeof expected !== 'string')) {
      return usage(rt.text.matching(format(expected)) + '\n' + rt.text.received + format(received));
    }
    const pass = regex
      ? RegExpPrototypeExec(new RegExpCtor(expected as RegExp), received) !== null
      : StringPrototypeIncludes(received, expected as string);
    return { pass, message: () => pair(rt.text.matching(format(expected)), format(received), ctx) };
  },
  toContain,
  toContainEqual,
  toHaveLength: (received, args, ctx) => {
    const length = args[0];
    const t = rt.text;
    const actual =
      received !== null && received !== undefined ? (received as { length?: unknown }).length : undefined;
    if (typeof actual !== 'number')
      return usage(t.length + format(length) + '\n' + t.value + format(received));
    return {
      pass: actual === length,
      message: () =>
        t.length +
        (ctx.isNot ? t.not : '') +
        format(length) +
        '\n' +
        t.receivedLength +
        format(actual) +
        '\n' +
        t.value +
        short(format(received)),
    };
  },
  toHaveProperty,
  toBeNull: is(
    'toBeNull',
    (v) => v === null,
    () => 'null',
  ),
  toBeUndefined: is(
    'toBeUndefined',
    (v) => v === undefined,
    () => 'undefined',
  ),
  toBeDefined: is(
    'toBeDefined',
    (v) => v !== undefined,
    () => rt.text.defined,
  ),
  toBeTruthy: is(
    'toBeTruthy',
    (v) => !!v,
    () => rt.text.truthy,
  ),
  toBeFalsy: is(
    'toBeFalsy',
    (v) => !v,
    () => rt.text.falsy,
  ),
  toBeNaN: is(
    'toBeNaN',
    (v) => typeof v === 'number' && NumberIsNaN(v),
    () => 'NaN',
  ),
  toBeGreaterThan: numeric('toBeGreaterThan', (a, b) => a > b, '>'),
  toBeGreaterThanOrEqual: numeric('toBeGreaterThanOrEqual', (a, b) => a >= b, '>='),
  toBeLessThan: numeric('toBeLessThan', (a, b) => a < b, '<'),
  toBeLessThanOrEqual: numeric('toBeLessThanOrEqual', (a, b) => a <= b, '<='),
};

for (const group of [MOCK_MATCHERS, SNAPSHOT_MATCHERS]) {
  const names = Object.keys(group);
  for (let i = 0; i < names.length; i++) MATCHERS[names[i]!] = group[names[i]!]!;
}
