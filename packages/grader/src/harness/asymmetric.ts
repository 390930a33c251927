/** Registry of asymmetric matchers (expect.any, expect.objectContaining, ...), recognised by identity. */
import { ObjectCreate, WeakMapCtor, WeakMapPrototypeGet, WeakMapPrototypeSet } from './primordials.ts';

export type AsymmetricKind =
  | 'any'
  | 'anything'
  | 'arrayContaining'
  | 'objectContaining'
  | 'stringContaining'
  | 'stringMatching'
  | 'closeTo'
  | 'custom';

/** Sample of an asymmetric use of a matcher added by expect.extend (`expect.toBeWithinRange(1, 5)`). */
export interface CustomSample {
  name: string;
  args: unknown[];
  match: (other: unknown) => boolean;
}

export interface AsymmetricSpec {
  kind: AsymmetricKind;
  sample: unknown;
  inverse: boolean;
  digits: number;
}

const registry = new WeakMapCtor<object, AsymmetricSpec>();

/** Creates an opaque matcher object; its behaviour lives in the registry, out of reach of the solution. */
export function makeAsymmetric(kind: AsymmetricKind, sample: unknown, inverse: boolean, digits = 2): object {
  const marker = ObjectCreate(null) as object;
  WeakMapPrototypeSet(registry, marker, { __proto__: null, kind, sample, inverse, digits } as AsymmetricSpec);
  return marker;
}

/** Returns the spec of an asymmetric matcher, or undefined for any other value. */
export function asymmetricSpec(value: unknown): AsymmetricSpec | undefined {
  if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return undefined;
  return WeakMapPrototypeGet(registry, value);
}
