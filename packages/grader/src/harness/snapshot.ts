/**
 * Snapshot matchers. Grading never writes snapshots, so only inline snapshots given in the test can pass;
 * values are serialized as Jest's pretty-format does for snapshots (Jest 29's format, and also the older
 * `Object {` / `Array [` one so that snapshots written by Jest 28 and before still match).
 */
import { asymmetricSpec } from './asymmetric.ts';
import { lineDiff } from './diff.ts';
import { equals } from './equals.ts';
import { className, errorLabel, format, sortedKeys } from './format.ts';
import { pair, usage } from './matcher-utils.ts';
import type { Matcher, MatcherContext, Outcome } from './matcher-utils.ts';
import {
  ArrayBufferIsView,
  ArrayIsArray,
  ArrayPrototypeJoin,
  BigIntPrototypeToString,
  DatePrototypeGetTime,
  DatePrototypeToISOString,
  MapPrototypeForEach,
  NumberIsNaN,
  ObjectCreate,
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectIs,
  ObjectKeys,
  ObjectPrototypeToString,
  ReflectApply,
  RegExpPrototypeExec,
  RegExpPrototypeFlags,
  RegExpPrototypeSource,
  SetPrototypeForEach,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
  StringPrototypeTrimEnd,
  SymbolPrototypeToString,
  TypedArrayLength,
  append,
  replaceAll,
  splitOn,
} from './primordials.ts';
import { rt } from './state.ts';

/** Past this many characters a value is not serialized (the comparison then fails). */
const MAX_CHARS = 200_000;
const MAX_DEPTH = 100;

interface Ctx {
  basic: boolean;
  stack: object[];
  budget: number;
}

class TooLarge {}

/** Serializes a value as a Jest snapshot (`basic`: print `Object {` and `Array [` as Jest 28 did). */
export function serialize(value: unknown, basic = false): string {
  const ctx = { __proto__: null, basic, stack: [], budget: MAX_CHARS } as unknown as Ctx;
  try {
    return replaceAll(print(value, ctx, ''), '\r\n', '\n');
  } catch (e) {
    if (e instanceof TooLarge) return rt.text.truncated;
    throw e;
  }
}

function spend(ctx: Ctx, text: string): string {
  ctx.budget -= text.length;
  if (ctx.budget < 0) throw new TooLarge();
  return text;
}

function print(value: unknown, ctx: Ctx, indent: string): string {
  switch (typeof value) {
    case 'string':
      return spend(ctx, '"' + value + '"');
    case 'number':
      return ObjectIs(value, -0) ? '-0' : '' + value;
    case 'bigint':
      return BigIntPrototypeToString(value) + 'n';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return SymbolPrototypeToString(value);
    case 'function':
      return '[Function]';
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (asymmetricSpec(obj)) return format(obj);
  const tag = ObjectPrototypeToString(obj);
  if (tag === '[object Date]')
    return NumberIsNaN(DatePrototypeGetTime(obj as Date))
      ? 'Date { NaN }'
      : DatePrototypeToISOString(obj as Date);
  if (tag === '[object RegExp]') return '/' + RegExpPrototypeSource(obj) + '/' + RegExpPrototypeFlags(obj);
  if (tag === '[object Error]') return spend(ctx, errorLabel(obj));
  for (let i = 0; i < ctx.stack.length; i++) if (ctx.stack[i] === obj) return '[Circular]';
  const name = className(obj);
  if (ctx.stack.length >= MAX_DEPTH) return '[' + name + ']';
  append(ctx.stack, obj);
  try {
    return complex(obj, tag, name, ctx, indent);
  } finally {
    ctx.stack.length -= 1;
  }
}

function complex(obj: object, tag: string, name: string, ctx: Ctx, indent: string): string {
  const inner = indent + '  ';
  const items: string[] = [];
  const sub = (v: unknown) => print(v, ctx, inner);
  const item = (text: string) => append(items, spend(ctx, text));
  if (ArrayIsArray(obj) || (ArrayBufferIsView(obj) && tag !== '[object DataView]')) {
    const len = ArrayIsArray(obj) ? obj.length : TypedArrayLength(obj);
    for (let i = 0; i < len; i++) {
      const d = ObjectGetOwnPropertyDescriptor(obj, '' + i);
      item(d === undefined ? 'undefined' : 'value' in d ? sub(d.value) : '[Getter]');
    }
    const prefix = name === 'Array' && !ctx.basic ? '' : name + ' ';
    return prefix + wrap('[', items, ']', indent);
  }
  if (tag === '[object Arguments]') {
    const list = obj as unknown as unknown[];
    for (let i = 0; i < list.length; i++) item(sub(list[i]));
    return 'Arguments ' + wrap('[', items, ']', indent);
  }
  if (tag === '[object Map]') {
    MapPrototypeForEach(obj as Map<unknown, unknown>, (v, k) => item(sub(k) + ' => ' + sub(v)));
    return name + ' ' + wrap('{', items, '}', indent);
  }
  if (tag === '[object Set]') {
    SetPrototypeForEach(obj as Set<unknown>, (v) => item(sub(v)));
    return name + ' ' + wrap('{', items, '}', indent);
  }
  const keys = sortedKeys(obj);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const d = ObjectGetOwnPropertyDescriptor(obj, key);
    if (d === undefined) continue;
    const label = typeof key === 'symbol' ? SymbolPrototypeToString(key) : '"' + key + '"';
    item(label + ': ' + ('value' in d ? sub(d.value) : d.set ? '[Getter/Setter]' : '[Getter]'));
  }
  const prefix = name === 'Object' && !ctx.basic ? '' : name + ' ';
  return prefix + wrap('{', items, '}', indent);
}

function wrap(open: string, items: string[], close: string, indent: string): string {
  if (items.length === 0) return open + close;
  const inner = indent + '  ';
  return open + '\n' + inner + ArrayPrototypeJoin(items, ',\n' + inner) + ',\n' + indent + close;
}

const INDENTATION = /^([^\S\n]*)\S/m;

/** Jest's stripAddedIndentation: removes the indentation an inline snapshot gets inside the test source. */
export function stripIndentation(snapshot: string): string {
  const match = RegExpPrototypeExec(INDENTATION, snapshot);
  const indentation = match?.[1];
  if (!indentation) return snapshot;
  const lines = splitOn(snapshot, '\n');
  if (lines.length <= 2) return snapshot;
  if (isBlank(lines[0]!) === false || isBlank(lines[lines.length - 1]!) === false) return snapshot;
  for (let i = 1; i < lines.length - 1; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    if (StringPrototypeIndexOf(line, indentation) !== 0) return snapshot;
    lines[i] = StringPrototypeSlice(line, indentation.length);
  }
  lines[lines.length - 1] = '';
  return ArrayPrototypeJoin(lines, '\n');
}

function isBlank(line: string): boolean {
  return RegExpPrototypeExec(/^\s*$/, line) !== null;
}

/** Drops the line breaks Jest adds around multi-line snapshots. */
function trimBreaks(text: string): string {
  const t = replaceAll(text, '\r\n', '\n');
  if (t.length > 2 && t[0] === '\n' && t[t.length - 1] === '\n') return StringPrototypeSlice(t, 1, -1);
  return t;
}

/** Copy of `received` with the property matchers in place of the values they matched (Jest's deepMerge). */
function withMatchers(received: unknown, props: unknown): unknown {
  if (typeof received !== 'object' || received === null || typeof props !== 'object' || props === null)
    return props;
  if (asymmetricSpec(props) || ArrayIsArray(received) || ArrayIsArray(props)) return props;
  const copy = ObjectCreate(ObjectGetPrototypeOf(received) as object | null) as Record<string, unknown>;
  const put = (k: string, value: unknown) =>
    ObjectDefineProperty(copy, k, { value, writable: true, enumerable: true, configurable: true });
  const keys = ObjectKeys(received);
  for (let i = 0; i < keys.length; i++) put(keys[i]!, (received as Record<string, unknown>)[keys[i]!]);
  const over = ObjectKeys(props);
  for (let i = 0; i < over.length; i++) {
    const k = over[i]!;
    put(k, withMatchers(copy[k], (props as Record<string, unknown>)[k]));
  }
  return copy;
}

/** Compares a value with an inline snapshot; `snapshot === undefined` is a snapshot grading cannot write. */
function compare(value: unknown, props: unknown, snapshot: unknown, ctx: MatcherContext): Outcome {
  const t = rt.text;
  if (ctx.isNot) return usage(t.snapshotWithNot);
  if (props !== undefined) {
    if (typeof value !== 'object' || value === null || !equals(value, props, 'subset')) {
      const want = t.snapshotProperties + format(props);
      return { pass: false, message: () => pair(want, format(value), ctx) };
    }
    value = withMatchers(value, props);
  }
  if (typeof snapshot !== 'string') return { pass: false, message: () => t.snapshotNotWritten };
  const expected = trimBreaks(stripIndentation(snapshot));
  const legacy =
    StringPrototypeIndexOf(expected, 'Object {') >= 0 || StringPrototypeIndexOf(expected, 'Array [') >= 0;
  const received = serialize(value, legacy);
  const pass = expected === received || expected === serialize(value, !legacy);
  return {
    pass,
    message: () => {
      const diff = lineDiff(expected, received);
      if (diff === '') return pair(t.snapshotLabel + expected, received, ctx);
      return t.snapshotDiff + '\n' + StringPrototypeTrimEnd(diff);
    },
  };
}

function thrownBy(received: unknown, ctx: MatcherContext): { threw: boolean; error: unknown } {
  if (ctx.promise === 'rejects') return { threw: true, error: received };
  try {
    ReflectApply(received as () => unknown, undefined, []);
  } catch (e) {
    return { threw: true, error: e };
  }
  return { threw: false, error: undefined };
}

/** Jest serializes a thrown error's message in the toThrowError…Snapshot matchers. */
function throwing(snapshotArg: (args: unknown[]) => unknown): Matcher {
  return (received, args, ctx) => {
    const t = rt.text;
    if (ctx.isNot) return usage(t.snapshotWithNot);
    if (ctx.promise !== 'rejects' && typeof received !== 'function')
      return usage(t.notAFunction + '\n' + t.received + format(received));
    const { threw, error } = thrownBy(received, ctx);
    if (!threw) return { pass: false, message: () => pair(t.aThrow, t.noThrow, ctx) };
    const message =
      typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : error;
    return compare(message, undefined, snapshotArg(args), ctx);
  };
}

/** The snapshot matchers by name. */
export const SNAPSHOT_MATCHERS: Record<string, Matcher> = {
  toMatchSnapshot: (received, args, ctx) => {
    const props = typeof args[0] === 'object' && args[0] !== null ? args[0] : undefined;
    return compare(received, props, undefined, ctx);
  },
  toMatchInlineSnapshot: (received, args, ctx) =>
    typeof args[0] === 'string' || args.length === 0
      ? compare(received, undefined, args[0], ctx)
      : compare(received, args[0], args[1], ctx),
  toThrowErrorMatchingSnapshot: throwing(() => undefined),
  toThrowErrorMatchingInlineSnapshot: throwing((args) => args[0]),
};
