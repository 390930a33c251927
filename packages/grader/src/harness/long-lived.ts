/**
 * Some built-ins can have effects that outlive a context in the same isolate: finalization callbacks run
 * later, shared memory and WebAssembly live outside the JS heap. Reading any of them marks the job dirty,
 * and the host then retires the isolate instead of giving it to the next submission.
 */
import { ObjectDefineProperty, ObjectGetOwnPropertyDescriptor } from './primordials.ts';
import { rt } from './state.ts';

// Atomics is left alone: without a SharedArrayBuffer (guarded) it cannot share anything.
const NAMES = ['FinalizationRegistry', 'WeakRef', 'SharedArrayBuffer', 'WebAssembly'];

/** Replaces those globals by getters that flag the job before handing out the real value. */
export function guardLongLived(global: Record<string, unknown>): void {
  for (let i = 0; i < NAMES.length; i++) {
    const name = NAMES[i]!;
    const desc = ObjectGetOwnPropertyDescriptor(global, name);
    if (!desc || !('value' in desc)) continue;
    const value = desc.value as unknown;
    ObjectDefineProperty(global, name, {
      get() {
        rt.dirty = true;
        return value;
      },
      configurable: false,
      enumerable: false,
    });
  }
}
