/** Matchers on exceptions, collections and paths: toThrow, toContain, toContainEqual, toHaveProperty. */
import { asymmetricMatch, equals } from './equals.ts';
import { asymmetricSpec } from './asymmetric.ts';
import { fnName, format } from './format.ts';
import { diffOf, pair, usage } from './matcher-utils.ts';
import type { Matcher } from './matcher-utils.ts';
import {
  ArrayIsArray,
  ArrayPrototypeJoin,
  ObjectPrototypeToString,
  RegExpCtor,
  RegExpPrototypeExec,
  ReflectApply,
  SetPrototypeHas,
  StringCtor,
  StringPrototypeIncludes,
  SymbolIterator,
  append,
} from './primordials.ts';
import { rt } from './state.ts';

function thrownMessage(thrown: unknown): string {
  if (typeof thrown === 'object' && thrown !== null) {
    const m = (thrown as { message?: unknown }).message;
    return typeof m === 'string' ? m : StringCtor(m);
  }
  return typeof thrown === 'symbol' ? '' : StringCtor(thrown);
}

export const toThrow: Matcher = (received, args, ctx) => {
  const expected = args[0];
  const t = rt.text;
  let threw = false;
  let thrown: unknown;
  if (ctx.promise === 'rejects') {
    threw = true;
    thrown = received;
  } else if (typeof received !== 'function') {
    return usage(t.notAFunction + '\n' + t.received + format(received));
  } else {
    try {
      ReflectApply(received, undefined, []);
    } catch (e) {
      threw = true;
      thrown = e;
    }
  }
  let pass = threw;
  let want = t.aThrow;
  if (threw && expected !== undefined) {
    const spec = asymmetricSpec(expected);
    if (spec) {
      pass = asymmetricMatch(spec, thrown);
      want = t.throwMatching(format(expected));
    } else if (typeof expected === 'string') {
      pass = StringPrototypeIncludes(thrownMessage(thrown), expected);
      want = t.throwMatching(format(expected));
    } else if (ObjectPrototypeToString(expected) === '[object RegExp]') {
      pass = RegExpPrototypeExec(new RegExpCtor(expected as RegExp), thrownMessage(thrown)) !== null;
      want = t.throwMatching(format(expected));
    } else if (typeof expected === 'function') {
      pass = thrown instanceof (expected as new () => unknown);
      want = t.instanceOf(fnName(expected));
    } else if (typeof expected === 'object' && expected !== null) {
      pass = thrownMessage(thrown) === thrownMessage(expected);
      want = t.throwMatching(format(thrownMessage(expected)));
    }
  } else if (expected !== undefined) {
    want = t.throwMatching(format(expected));
  }
  const got = threw ? t.thrown(format(thrown)) : t.noThrow;
  return { pass, message: () => pair(want, got, ctx) };
};

function iterate(value: unknown, visit: (item: unknown) => boolean): boolean | undefined {
  if (
    ArrayIsArray(value) ||
    (typeof value === 'object' && value !== null && 'length' in value && !(SymbolIterator in value))
  ) {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) if (visit(list[i])) return true;
    return false;
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as Iterable<unknown>)[SymbolIterator] !== 'function'
  ) {
    return undefined;
  }
  const it = ReflectApply((value as Iterable<unknown>)[SymbolIterator], value, []) as Iterator<unknown>;
  for (let step = it.next(); !step.done; step = it.next()) if (visit(step.value)) return true;
  return false;
}

export const toContain: Matcher = (received, args, ctx) => {
  const item = args[0];
  const t = rt.text;
  let found: boolean | undefined;
  if (typeof received === 'string')
    found = typeof item === 'string' && StringPrototypeIncludes(received, item);
  else if (ObjectPrototypeToString(received) === '[object Set]')
    found = SetPrototypeHas(received as Set<unknown>, item);
  else found = iterate(received, (x) => x === item);
  if (found === undefined) return usage(t.containing(format(item)) + '\n' + t.received + format(received));
  return { pass: found, message: () => pair(t.containing(format(item)), format(received), ctx) };
};

export const toContainEqual: Matcher = (received, args, ctx) => {
  const item = args[0];
  const t = rt.text;
  const found = iterate(received, (x) => equals(x, item));
  if (found === undefined)
    return usage(t.containingEqual(format(item)) + '\n' + t.received + format(received));
  return { pass: found, message: () => pair(t.containingEqual(format(item)), format(received), ctx) };
};

function parsePath(path: unknown): PropertyKey[] {
  if (ArrayIsArray(path)) return path as PropertyKey[];
  const keys: PropertyKey[] = [];
  let cur = '';
  const text = StringCtor(path);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.' || c === '[' || c === ']') {
      if (cur !== '') append(keys, cur);
      cur = '';
    } else cur += c;
  }
  if (cur !== '') append(keys, cur);
  return keys;
}

export const toHaveProperty: Matcher = (received, args, ctx) => {
  const t = rt.text;
  const keys = parsePath(args[0]);
  const label = ArrayIsArray(args[0]) ? ArrayPrototypeJoin(args[0] as unknown[], '.') : StringCtor(args[0]);
  let cur: unknown = received;
  let found = received !== null && received !== undefined;
  for (let i = 0; i < keys.length && found; i++) {
    const holder = cur as Record<PropertyKey, unknown>;
    found =
      (typeof holder === 'object' || typeof holder === 'function' || typeof holder === 'string') &&
      holder !== null &&
      (typeof holder === 'string'
        ? keys[i] === 'length' || keys[i]! in new StringCtor(holder)
        : keys[i]! in holder);
    if (found) cur = holder[keys[i]!];
  }
  const withValue = args.length > 1;
  const pass = found && (!withValue || equals(cur, args[1]));
  return {
    pass,
    message: () => {
      const want = t.property(label) + (withValue ? ' = ' + format(args[1]) : '');
      const got = found ? t.property(label) + ' = ' + format(cur) : t.missingProperty(label);
      return pair(want, got, ctx) + (withValue && found && !ctx.isNot ? diffOf(args[1], cur) : '');
    },
  };
};
