/**
 * Detects and undoes changes a solution makes to JavaScript built-ins (Array.prototype.forEach, Object.is,
 * JSON.stringify, Promise.prototype.then, globals...), which could otherwise change how the author's test code
 * behaves. Adding new properties is allowed; replacing or deleting existing ones is not.
 */
import {
  ObjectDefineProperty,
  ObjectGetOwnPropertyDescriptor,
  ObjectGetPrototypeOf,
  ObjectIs,
  ReflectOwnKeys,
  SymbolPrototypeToString,
  append,
  newList,
} from './primordials.ts';

/** Properties that test authors commonly stub themselves. */
const ALLOWED: Record<string, true> = {
  __proto__: null,
  'Math.random': true,
  'Date.now': true,
  console: true,
} as unknown as Record<string, true>;

// Flat parallel arrays keep the per-test check allocation-free and the snapshot small: each context
// deserializes them, so they hold references to what already exists (targets, keys, values) and small
// integers, never a descriptor object or a label string per property (those are rebuilt when needed).
// Properties that are neither writable nor configurable are left out: the language itself forbids
// changing or deleting them.
const targetOf: object[] = [];
const keyOf: PropertyKey[] = [];
/** The value of each data property, or the getter of an accessor. */
const valueOf: unknown[] = [];
/** The setter of each accessor (undefined for data properties). */
const setterOf: unknown[] = [];
/** Attributes: WRITABLE | ENUMERABLE | CONFIGURABLE | ACCESSOR. */
const flagsOf: number[] = [];
/** Index of the target's name (in targetNames), for the label of a changed property. */
const targetNameOf: number[] = [];
const targetNames: string[] = [];
const WRITABLE = 1;
const ENUMERABLE = 2;
const CONFIGURABLE = 4;
const ACCESSOR = 8;
/**
 * Indexes of all data properties, and of those checked with a plain read after every test. `===` decides
 * like `Object.is` except for 0 and NaN, so the few properties holding those are compared with Object.is.
 */
const allDataIdx: number[] = [];
let dataIdx: number[] = allDataIdx;
const exactIdx: number[] = [];
/** Properties used implicitly by syntax (for-of, await, coercions): always watched. */
const IMPLICIT: Record<string, true> = {
  __proto__: null,
  then: true,
  constructor: true,
  next: true,
  call: true,
  apply: true,
  toString: true,
  valueOf: true,
} as unknown as Record<string, true>;

function iteratorProtos(): [string, object][] {
  const arrayIter = ObjectGetPrototypeOf([][Symbol.iterator]()) as object;
  const gen = ObjectGetPrototypeOf(function* () {}) as object;
  return [
    ['%IteratorPrototype%', ObjectGetPrototypeOf(arrayIter) as object],
    ['%ArrayIteratorPrototype%', arrayIter],
    ['%MapIteratorPrototype%', ObjectGetPrototypeOf(new Map()[Symbol.iterator]()) as object],
    ['%SetIteratorPrototype%', ObjectGetPrototypeOf(new Set()[Symbol.iterator]()) as object],
    ['%StringIteratorPrototype%', ObjectGetPrototypeOf(''[Symbol.iterator]()) as object],
    ['%GeneratorPrototype%', (gen as { prototype: object }).prototype],
    ['%AsyncFunction.prototype%', ObjectGetPrototypeOf(async function () {}) as object],
  ];
}

/** Records the current descriptors of the built-ins; call once, after the harness has installed its globals. */
export function snapshotBuiltins(global: Record<string, unknown>): void {
  const g = global as unknown as Record<string, { prototype: object }>;
  const targets: [string, object][] = [['globalThis', global]];
  const ctors = [
    'Object',
    'Array',
    'Function',
    'String',
    'Number',
    'Boolean',
    'Symbol',
    'BigInt',
    'Promise',
    'Map',
    'Set',
    'WeakMap',
    'WeakSet',
    'Error',
    'TypeError',
    'RangeError',
    'Date',
    'RegExp',
  ];
  for (let i = 0; i < ctors.length; i++) {
    const name = ctors[i]!;
    append(targets, [name, g[name] as unknown as object] as [string, object]);
    append(targets, [name + '.prototype', g[name]!.prototype] as [string, object]);
  }
  append(targets, ['Math', Math] as [string, object]);
  append(targets, ['JSON', JSON] as [string, object]);
  append(targets, ['Reflect', Reflect] as [string, object]);
  const iters = iteratorProtos();
  for (let i = 0; i < iters.length; i++) append(targets, iters[i]!);
  for (let i = 0; i < targets.length; i++) {
    const [name, target] = targets[i]!;
    append(targetNames, name);
    const keys = ReflectOwnKeys(target);
    for (let k = 0; k < keys.length; k++) {
      const key = keys[k]!;
      const label = name === 'globalThis' ? keyName(key) : name + '.' + keyName(key);
      if (ALLOWED[label] || (typeof key === 'string' && key.startsWith('__tremplin'))) continue;
      const desc = ObjectGetOwnPropertyDescriptor(target, key);
      if (!desc || (desc.configurable === false && desc.writable !== true)) continue;
      const accessor = !('value' in desc);
      if (!accessor) {
        const v: unknown = desc.value;
        append(v === 0 || v !== v ? exactIdx : allDataIdx, targetOf.length);
      }
      append(targetOf, target);
      append(keyOf, key);
      append(valueOf, accessor ? desc.get : desc.value);
      append(setterOf, accessor ? desc.set : undefined);
      append(
        flagsOf,
        (desc.writable ? WRITABLE : 0) |
          (desc.enumerable ? ENUMERABLE : 0) |
          (desc.configurable ? CONFIGURABLE : 0) |
          (accessor ? ACCESSOR : 0),
      );
      append(targetNameOf, i);
    }
  }
}

/** Label of a watched property: "Array.prototype.forEach", "[Symbol(Symbol.iterator)]" on the global. */
function nameAt(i: number): string {
  const target = targetNames[targetNameOf[i]!]!;
  return target === 'globalThis' ? keyName(keyOf[i]!) : target + '.' + keyName(keyOf[i]!);
}

/** The recorded descriptor of a watched property, rebuilt (with no prototype) to restore it. */
function descriptorAt(i: number): PropertyDescriptor {
  const flags = flagsOf[i]!;
  const enumerable = (flags & ENUMERABLE) !== 0;
  const configurable = (flags & CONFIGURABLE) !== 0;
  if ((flags & ACCESSOR) !== 0) {
    return {
      __proto__: null,
      enumerable,
      configurable,
      get: valueOf[i],
      set: setterOf[i],
    } as PropertyDescriptor;
  }
  const writable = (flags & WRITABLE) !== 0;
  return { __proto__: null, enumerable, configurable, value: valueOf[i], writable } as PropertyDescriptor;
}

function keyName(key: PropertyKey): string {
  return typeof key === 'symbol' ? '[' + SymbolPrototypeToString(key) + ']' : (key as string);
}

/**
 * Restricts the per-test check to built-ins whose name appears in the test file (plus symbols and the
 * properties syntax uses implicitly): only those can change how the author's code behaves.
 */
export function watchOnly(names: string[]): void {
  const wanted = { __proto__: null } as unknown as Record<string, true>;
  for (let i = 0; i < names.length; i++) wanted[names[i]!] = true;
  const kept = newList<number>();
  for (let j = 0; j < allDataIdx.length; j++) {
    const key = keyOf[allDataIdx[j]!]!;
    if (typeof key !== 'string' || wanted[key] || IMPLICIT[key]) append(kept, allDataIdx[j]!);
  }
  dataIdx = kept;
}

/**
 * Check after the solution and the test file loaded: every data property by value, every accessor by
 * descriptor. Restores and returns the first change ('' when none), like restoreBuiltins.
 */
export function loadCheck(): string {
  if (!builtinsLookIntact(true)) return restoreBuiltins();
  for (let i = 0; i < targetOf.length; i++) {
    if ((flagsOf[i]! & ACCESSOR) === 0) continue;
    const now = ObjectGetOwnPropertyDescriptor(targetOf[i]!, keyOf[i]!);
    if (now === undefined || now.get !== valueOf[i] || now.set !== setterOf[i]) return restoreBuiltins();
  }
  return '';
}

/**
 * Fast check: data properties (the watched ones, or all), compared by value. True when all look untouched.
 * The loop is the hottest harness code and runs cold in every context: one keyed read and one `===` each.
 */
export function builtinsLookIntact(all: boolean): boolean {
  const idx = all ? allDataIdx : dataIdx;
  try {
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j]!;
      if ((targetOf[i] as Record<PropertyKey, unknown>)[keyOf[i]!] !== valueOf[i]) return false;
    }
    for (let j = 0; j < exactIdx.length; j++) {
      const i = exactIdx[j]!;
      if (!ObjectIs((targetOf[i] as Record<PropertyKey, unknown>)[keyOf[i]!], valueOf[i])) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Puts back every built-in that was replaced or deleted. Returns the name of the first one changed
 * ('' when none), or throws when a change cannot be undone (property made non-configurable, object frozen).
 */
export function restoreBuiltins(): string {
  let changed = '';
  for (let i = 0; i < targetOf.length; i++) {
    const accessor = (flagsOf[i]! & ACCESSOR) !== 0;
    const now = ObjectGetOwnPropertyDescriptor(targetOf[i]!, keyOf[i]!);
    if (
      now !== undefined &&
      ObjectIs(now.value, accessor ? undefined : valueOf[i]) &&
      now.get === (accessor ? valueOf[i] : undefined) &&
      now.set === setterOf[i]
    )
      continue;
    if (changed === '') changed = nameAt(i);
    ObjectDefineProperty(targetOf[i]!, keyOf[i]!, descriptorAt(i));
  }
  return changed;
}
