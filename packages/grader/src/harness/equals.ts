/**
 * Recursive equality following Jest's rules: `toEqual` ignores undefined properties, array holes and
 * classes; `toStrictEqual` checks all three; `toMatchObject` compares a subset of keys.
 */
import { asymmetricSpec } from './asymmetric.ts';
import type { AsymmetricSpec, CustomSample } from './asymmetric.ts';
import {
  ArrayBufferIsView,
  ArrayIsArray,
  DatePrototypeGetTime,
  MapPrototypeForEach,
  MapPrototypeGet,
  MapPrototypeHas,
  MapPrototypeSize,
  MathAbs,
  MathPow,
  NumberIsNaN,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetOwnPropertySymbols,
  ObjectGetPrototypeOf,
  ObjectHasOwn,
  ObjectIs,
  ObjectKeys,
  ObjectPrototypePropertyIsEnumerable,
  ObjectPrototypeToString,
  RegExpPrototypeExec,
  ReflectApply,
  RegExpPrototypeFlags,
  RegExpPrototypeSource,
  SetPrototypeForEach,
  SetPrototypeHas,
  SetPrototypeSize,
  StringPrototypeIncludes,
  SymbolIterator,
  TypedArrayLength,
  append,
  RegExpCtor,
  StringCtor,
  NumberCtor,
  BigIntCtor,
  BooleanCtor,
  SymbolCtor,
  FunctionCtor,
  ObjectCtor,
} from './primordials.ts';

export type EqualityMode = 'equal' | 'strict' | 'subset';

/** Jest's `equals(received, expected)` for the given mode. */
export function equals(received: unknown, expected: unknown, mode: EqualityMode = 'equal'): boolean {
  return eq(received, expected, [], [], mode);
}

function isObj(v: unknown): v is object {
  return typeof v === 'object' && v !== null;
}

function keysOf(obj: object): (string | symbol)[] {
  const keys: (string | symbol)[] = ObjectKeys(obj);
  const syms = ObjectGetOwnPropertySymbols(obj);
  for (let i = 0; i < syms.length; i++)
    if (ObjectPrototypePropertyIsEnumerable(obj, syms[i]!)) append(keys, syms[i]!);
  return keys;
}

function get(obj: object, key: PropertyKey): unknown {
  return (obj as Record<PropertyKey, unknown>)[key];
}

function eq(a: unknown, b: unknown, aStack: unknown[], bStack: unknown[], mode: EqualityMode): boolean {
  const specB = asymmetricSpec(b);
  const specA = asymmetricSpec(a);
  if (specB && !specA) return asymmetricMatch(specB, a);
  if (specA && !specB) return asymmetricMatch(specA, b);
  if (ObjectIs(a, b)) return true;
  if (!isObj(a) || !isObj(b)) {
    if (typeof a !== 'object' && typeof b !== 'object') return false;
    if (a === null || b === null) return false;
  }
  const tagA = ObjectPrototypeToString(a);
  if (tagA !== ObjectPrototypeToString(b)) return false;
  if (tagA === '[object Error]' && isObj(a) && isObj(b)) return get(a, 'message') === get(b, 'message');
  switch (tagA) {
    case '[object Boolean]':
    case '[object String]':
    case '[object Number]':
      if (typeof a !== typeof b) return false;
      if (!isObj(a)) return ObjectIs(a, b);
      return ObjectIs((a as { valueOf(): unknown }).valueOf(), (b as { valueOf(): unknown }).valueOf());
    case '[object Date]': {
      const x = DatePrototypeGetTime(a as Date);
      const y = DatePrototypeGetTime(b as Date);
      return x === y || (NumberIsNaN(x) && NumberIsNaN(y));
    }
    case '[object RegExp]':
      return (
        RegExpPrototypeSource(a) === RegExpPrototypeSource(b) &&
        RegExpPrototypeFlags(a) === RegExpPrototypeFlags(b)
      );
  }
  if (!isObj(a) || !isObj(b)) return false;
  for (let i = aStack.length - 1; i >= 0; i--) {
    if (aStack[i] === a) return bStack[i] === b;
    if (bStack[i] === b) return false;
  }
  append(aStack, a);
  append(bStack, b);
  try {
    return compareObjects(a, b, tagA, aStack, bStack, mode);
  } finally {
    aStack.length -= 1;
    bStack.length -= 1;
  }
}

function compareObjects(a: object, b: object, tag: string, aS: unknown[], bS: unknown[], mode: EqualityMode) {
  if (mode === 'strict' && !ArrayIsArray(a) && ObjectGetPrototypeOf(a) !== ObjectGetPrototypeOf(b))
    return false;
  if (mode === 'subset' && !ArrayIsArray(b) && tag === '[object Object]') return subset(a, b, aS, bS);
  if (ArrayIsArray(a) && (a as unknown[]).length !== (b as unknown[]).length) return false;
  if (ArrayBufferIsView(a) && tag !== '[object DataView]') {
    const n = TypedArrayLength(a);
    if (n !== TypedArrayLength(b)) return false;
    for (let i = 0; i < n; i++) if (!ObjectIs(get(a, i), get(b, i))) return false;
    return true;
  }
  const iter = iterableEquality(a, b, tag, aS, bS, mode);
  if (iter !== undefined) return iter;
  const aKeys = keysOf(a);
  const bKeys = keysOf(b);
  if (mode !== 'strict') {
    // Jest treats a property set to undefined like a missing one in toEqual.
    for (let i = 0; i < bKeys.length; i++) {
      const k = bKeys[i]!;
      if ((get(b, k) === undefined || asymmetricSpec(get(b, k))) && !ObjectHasOwn(a, k)) append(aKeys, k);
    }
    for (let i = 0; i < aKeys.length; i++) {
      const k = aKeys[i]!;
      if (get(a, k) === undefined && !ObjectHasOwn(b, k)) append(bKeys, k);
    }
  }
  if (aKeys.length !== bKeys.length) return false;
  for (let i = 0; i < aKeys.length; i++) {
    const k = aKeys[i]!;
    const present = ObjectHasOwn(b, k) || (mode !== 'strict' && get(a, k) === undefined);
    if (!present || !eq(get(a, k), get(b, k), aS, bS, mode)) return false;
  }
  return true;
}

function subset(obj: object, sub: object, aS: unknown[], bS: unknown[]): boolean {
  const keys = keysOf(sub);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (!hasProperty(obj, k) || !eq(get(obj, k), get(sub, k), aS, bS, 'subset')) return false;
  }
  return true;
}

function hasProperty(obj: unknown, key: PropertyKey): boolean {
  for (let o = obj; isObj(o) || typeof o === 'function'; o = ObjectGetPrototypeOf(o)) {
    if (ObjectGetOwnPropertyDescriptor(o as object, key)) return true;
  }
  return false;
}

function iterableEquality(
  a: object,
  b: object,
  tag: string,
  aS: unknown[],
  bS: unknown[],
  mode: EqualityMode,
) {
  if (ArrayIsArray(a)) return undefined;
  if (tag === '[object Set]') {
    if (SetPrototypeSize(a) !== SetPrototypeSize(b)) return false;
    let ok = true;
    SetPrototypeForEach(a as Set<unknown>, (v) => {
      if (!ok || SetPrototypeHas(b as Set<unknown>, v)) return;
      let found = false;
      SetPrototypeForEach(b as Set<unknown>, (w) => {
        if (!found && eq(v, w, aS, bS, mode)) found = true;
      });
      ok = found;
    });
    return ok;
  }
  if (tag === '[object Map]') {
    if (MapPrototypeSize(a) !== MapPrototypeSize(b)) return false;
    let ok = true;
    MapPrototypeForEach(a as Map<unknown, unknown>, (v, k) => {
      if (!ok) return;
      if (MapPrototypeHas(b as Map<unknown, unknown>, k)) {
        ok = eq(v, MapPrototypeGet(b as Map<unknown, unknown>, k), aS, bS, mode);
        return;
      }
      let found = false;
      MapPrototypeForEach(b as Map<unknown, unknown>, (w, l) => {
        if (!found && eq(k, l, aS, bS, mode) && eq(v, w, aS, bS, mode)) found = true;
      });
      ok = found;
    });
    return ok;
  }
  const itA = get(a, SymbolIterator);
  const itB = get(b, SymbolIterator);
  if (typeof itA !== 'function' || typeof itB !== 'function' || tag === '[object Object]') return undefined;
  if (get(a, 'constructor') !== get(b, 'constructor')) return false;
  const ia = ReflectApply(itA, a, []) as Iterator<unknown>;
  const ib = ReflectApply(itB, b, []) as Iterator<unknown>;
  for (let guard = 0; guard < 1e6; guard++) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return !!x.done && !!y.done;
    if (!eq(x.value, y.value, aS, bS, mode)) return false;
  }
  return false;
}

/** Whether `other` satisfies an asymmetric matcher (expect.any, expect.arrayContaining, ...). */
export function asymmetricMatch(spec: AsymmetricSpec, other: unknown): boolean {
  return spec.inverse ? !matchSpec(spec, other) : matchSpec(spec, other);
}

function matchSpec(spec: AsymmetricSpec, other: unknown): boolean {
  const sample = spec.sample;
  switch (spec.kind) {
    case 'custom':
      return (sample as CustomSample).match(other);
    case 'anything':
      return other !== null && other !== undefined;
    case 'any':
      return isA(sample, other);
    case 'stringContaining':
      return typeof other === 'string' && StringPrototypeIncludes(other, sample as string);
    case 'stringMatching':
      return (
        typeof other === 'string' &&
        RegExpPrototypeExec(
          typeof sample === 'string' ? new RegExpCtor(sample) : (sample as RegExp),
          other,
        ) !== null
      );
    case 'closeTo':
      return (
        typeof other === 'number' &&
        typeof sample === 'number' &&
        (other === sample || MathAbs(other - sample) < MathPow(10, -spec.digits) / 2)
      );
    case 'arrayContaining': {
      if (!ArrayIsArray(other)) return false;
      const items = sample as unknown[];
      for (let i = 0; i < items.length; i++) {
        let found = false;
        for (let j = 0; j < other.length && !found; j++) found = equals(other[j], items[i]);
        if (!found) return false;
      }
      return true;
    }
    case 'objectContaining': {
      if (!isObj(other) && typeof other !== 'function') return false;
      const keys = keysOf(sample as object);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i]!;
        if (!hasProperty(other, k) || !equals(get(other as object, k), get(sample as object, k)))
          return false;
      }
      return true;
    }
  }
}

/** expect.any(Class): typeof check for primitive wrappers, instanceof otherwise. */
function isA(ctor: unknown, other: unknown): boolean {
  if (ctor === StringCtor) return typeof other === 'string' || other instanceof StringCtor;
  if (ctor === NumberCtor) return typeof other === 'number' || other instanceof NumberCtor;
  if (ctor === BooleanCtor) return typeof other === 'boolean' || other instanceof BooleanCtor;
  if (ctor === BigIntCtor) return typeof other === 'bigint' || other instanceof BigIntCtor;
  if (ctor === SymbolCtor) return typeof other === 'symbol' || other instanceof SymbolCtor;
  if (ctor === FunctionCtor) return typeof other === 'function' || other instanceof FunctionCtor;
  if (ctor === ObjectCtor) return typeof other === 'object';
  return typeof ctor === 'function' && other instanceof (ctor as new () => unknown);
}
