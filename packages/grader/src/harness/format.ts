/**
 * Jest-like pretty printer for student-facing messages. It reads own data properties through descriptors,
 * never calls getters, caps depth and size, and turns anything that throws into a placeholder.
 */
import { asymmetricSpec } from './asymmetric.ts';
import type { CustomSample } from './asymmetric.ts';
import {
  ArrayBufferByteLength,
  ArrayBufferIsView,
  ArrayIsArray,
  ArrayPrototypeJoin,
  BigIntPrototypeToString,
  DatePrototypeGetTime,
  DatePrototypeToISOString,
  FunctionPrototypeToString,
  JSONStringify,
  MapPrototypeForEach,
  NumberIsNaN,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectKeys,
  ObjectGetOwnPropertySymbols,
  ObjectPrototypePropertyIsEnumerable,
  ObjectPrototypeToString,
  ObjectIs,
  RegExpPrototypeFlags,
  RegExpPrototypeSource,
  SetPrototypeForEach,
  StringPrototypeStartsWith,
  SymbolPrototypeToString,
  TypedArrayLength,
  Uint8ArrayCtor,
  append,
} from './primordials.ts';
import { rt } from './state.ts';

const MAX_ITEMS = 50;
const LABELS = {
  __proto__: null,
  any: 'Any',
  anything: 'Anything',
  arrayContaining: 'ArrayContaining',
  objectContaining: 'ObjectContaining',
  stringContaining: 'StringContaining',
  stringMatching: 'StringMatching',
  closeTo: 'CloseTo',
} as unknown as Record<string, string>;
const MAX_DEPTH = 8;
const MAX_CHARS = 4000;

interface Ctx {
  multiline: boolean;
  stack: unknown[];
  budget: number;
}

/** Formats any value on one line (or indented over several lines when `multiline`). */
export function format(value: unknown, multiline = false): string {
  const ctx: Ctx = { __proto__: null, multiline, stack: [], budget: MAX_CHARS } as Ctx;
  try {
    return fmt(value, ctx, '', 0);
  } catch {
    return rt.text.unreadable;
  }
}

function own(obj: object, key: PropertyKey): { value?: unknown; get?: unknown; set?: unknown } | undefined {
  return ObjectGetOwnPropertyDescriptor(obj, key);
}

/** Name of a value's class read from its prototype's constructor, without calling getters. */
export function className(value: object): string {
  try {
    const proto: unknown = ObjectGetPrototypeOf(value);
    if (proto === null) return 'Object';
    const ctor = own(proto as object, 'constructor')?.value;
    if (typeof ctor === 'function') {
      const name = own(ctor, 'name')?.value;
      if (typeof name === 'string' && name !== '') return name;
    }
  } catch {
    // A Proxy may throw from getPrototypeOf: fall through to the generic name.
  }
  return 'Object';
}

/** A function's own `name`, read without calling getters ('anonymous' when missing). */
export function fnName(fn: unknown): string {
  try {
    const name = own(fn as object, 'name')?.value;
    return typeof name === 'string' && name !== '' ? name : 'anonymous';
  } catch {
    return 'anonymous';
  }
}

function primitive(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSONStringify(value);
    case 'number':
      return ObjectIs(value, -0) ? '-0' : '' + value;
    case 'bigint':
      return BigIntPrototypeToString(value) + 'n';
    case 'symbol':
      return SymbolPrototypeToString(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'function': {
      let src = '';
      try {
        src = FunctionPrototypeToString(value);
      } catch {
        // Not every callable can be printed (e.g. revoked Proxy).
      }
      return (StringPrototypeStartsWith(src, 'class') ? '[class ' : '[Function ') + fnName(value) + ']';
    }
  }
  return value === null ? 'null' : undefined;
}

function fmt(value: unknown, ctx: Ctx, indent: string, depth: number): string {
  const simple = primitive(value);
  if (simple !== undefined) return simple;
  const obj = value as object;
  const spec = asymmetricSpec(obj);
  if (spec?.kind === 'custom') {
    const sample = spec.sample as CustomSample;
    const args: string[] = [];
    for (let i = 0; i < sample.args.length; i++) append(args, fmt(sample.args[i], ctx, indent, depth + 1));
    return (spec.inverse ? 'not.' : '') + sample.name + '<' + ArrayPrototypeJoin(args, ', ') + '>';
  }
  if (spec) {
    const label = spec.kind === 'any' ? 'Any<' + fnName(spec.sample) + '>' : LABELS[spec.kind];
    const name = (spec.inverse ? 'Not' : '') + label;
    return spec.kind === 'anything' || spec.kind === 'any'
      ? name
      : name + ' ' + fmt(spec.sample, ctx, indent, depth);
  }
  const tag = ObjectPrototypeToString(obj);
  if (tag === '[object Date]') {
    const t = DatePrototypeGetTime(obj as Date);
    return NumberIsNaN(t) ? 'Invalid Date' : DatePrototypeToISOString(obj as Date);
  }
  if (tag === '[object RegExp]') return '/' + RegExpPrototypeSource(obj) + '/' + RegExpPrototypeFlags(obj);
  if (tag === '[object Error]') return errorLabel(obj);
  if (tag === '[object Promise]') return 'Promise {}';
  if (tag === '[object WeakMap]' || tag === '[object WeakSet]') return className(obj) + ' {}';
  for (let i = 0; i < ctx.stack.length; i++) if (ctx.stack[i] === obj) return '[Circular]';
  const name = className(obj);
  if (depth >= MAX_DEPTH) return '[' + name + ']';
  append(ctx.stack, obj);
  try {
    return body(obj, tag, name, ctx, indent, depth);
  } finally {
    ctx.stack.length -= 1;
  }
}

/** "[TypeError: message]" read through descriptors only. */
export function errorLabel(err: object): string {
  let name = 'Error';
  let message = '';
  try {
    for (
      let o: object | null = err;
      o !== null && (name === 'Error' || message === '');
      o = ObjectGetPrototypeOf(o)
    ) {
      const n = own(o, 'name')?.value;
      const m = own(o, 'message')?.value;
      if (typeof n === 'string' && name === 'Error') name = n;
      if (typeof m === 'string' && message === '') message = m;
      if (o === ObjectGetPrototypeOf(o)) break;
    }
  } catch {
    // Unreadable error objects keep the generic label.
  }
  return '[' + name + (message === '' ? '' : ': ' + message) + ']';
}

function body(obj: object, tag: string, name: string, ctx: Ctx, indent: string, depth: number): string {
  const items: string[] = [];
  const inner = indent + '  ';
  let more = 0;
  const push = (text: string): void => {
    if (items.length >= MAX_ITEMS || ctx.budget <= 0) {
      more++;
      return;
    }
    ctx.budget -= text.length;
    append(items, text);
  };
  const sub = (v: unknown): string => fmt(v, ctx, inner, depth + 1);
  let open = '{';
  let close = '}';
  let prefix = name === 'Object' ? '' : name + ' ';
  if (ArrayIsArray(obj)) {
    open = '[';
    close = ']';
    prefix = name === 'Array' ? '' : name + ' ';
    const len = (obj as unknown[]).length;
    for (let i = 0; i < len; i++) {
      if (items.length >= MAX_ITEMS) {
        more += len - i;
        break;
      }
      const d = own(obj, '' + i);
      push(d === undefined ? '<empty>' : 'value' in d ? sub(d.value) : '[Getter]');
    }
  } else if (ArrayBufferIsView(obj) && tag !== '[object DataView]') {
    open = '[';
    close = ']';
    const len = TypedArrayLength(obj);
    for (let i = 0; i < len && items.length < MAX_ITEMS; i++)
      push(primitive((obj as unknown as unknown[])[i]) ?? '?');
    more += len > MAX_ITEMS ? len - MAX_ITEMS : 0;
  } else if (tag === '[object ArrayBuffer]') {
    open = '[';
    close = ']';
    const bytes = new Uint8ArrayCtor(obj as ArrayBuffer, 0, ArrayBufferByteLength(obj));
    for (let i = 0; i < bytes.length && items.length < MAX_ITEMS; i++) push('' + bytes[i]);
  } else if (tag === '[object Map]') {
    MapPrototypeForEach(obj as Map<unknown, unknown>, (v, k) => push(sub(k) + ' => ' + sub(v)));
  } else if (tag === '[object Set]') {
    SetPrototypeForEach(obj as Set<unknown>, (v) => push(sub(v)));
  } else if (tag === '[object Arguments]') {
    prefix = 'Arguments ';
    open = '[';
    close = ']';
  }
  if (!ArrayIsArray(obj) && !ArrayBufferIsView(obj)) {
    const keys = sortedKeys(obj);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const d = own(obj, key);
      if (d === undefined) continue;
      const label = typeof key === 'symbol' ? SymbolPrototypeToString(key) : JSONStringify(key);
      const shown =
        'value' in d ? sub(d.value) : d.set ? (d.get ? '[Getter/Setter]' : '[Setter]') : '[Getter]';
      push(label + ': ' + shown);
    }
  }
  if (more > 0) append(items, '…' + more);
  if (items.length === 0) return prefix + open + close;
  if (!ctx.multiline) return prefix + open + ArrayPrototypeJoin(items, ', ') + close;
  return prefix + open + '\n' + inner + ArrayPrototypeJoin(items, ',\n' + inner) + ',\n' + indent + close;
}

/** Own enumerable keys, sorted like pretty-format, then enumerable symbols. */
export function sortedKeys(obj: object): (string | symbol)[] {
  const keys: (string | symbol)[] = [];
  const names = ObjectKeys(obj);
  for (let i = 0; i < names.length; i++) {
    const k = names[i]!;
    let j = keys.length;
    append(keys, k);
    while (j > 0 && (keys[j - 1] as string) > k) {
      keys[j] = keys[j - 1]!;
      j--;
    }
    keys[j] = k;
  }
  const syms = ObjectGetOwnPropertySymbols(obj);
  for (let i = 0; i < syms.length; i++)
    if (ObjectPrototypePropertyIsEnumerable(obj, syms[i]!)) append(keys, syms[i]!);
  return keys;
}

/** True when a value prints over several lines in multiline mode (objects, arrays, maps...). */
export function isStructured(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || asymmetricSpec(value)) return false;
  const tag = ObjectPrototypeToString(value);
  return tag !== '[object Date]' && tag !== '[object RegExp]' && tag !== '[object Error]';
}
