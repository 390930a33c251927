/** `jest.fn()` and `jest.spyOn()` with the call-tracking matchers (toHaveBeenCalled...). */
import { equals } from './equals.ts';
import { format } from './format.ts';
import { pair } from './matcher-utils.ts';
import type { Matcher } from './matcher-utils.ts';
import {
  ArrayPrototypeJoin,
  ObjectDefineProperty,
  ObjectFreeze,
  ObjectHasOwn,
  PromiseCtor,
  ReflectApply,
  TypeErrorCtor,
  WeakMapCtor,
  WeakMapPrototypeGet,
  WeakMapPrototypeSet,
  append,
} from './primordials.ts';
import { rt } from './state.ts';

type Impl = (...args: unknown[]) => unknown;
interface MockState {
  calls: unknown[][];
  results: { type: 'return' | 'throw'; value: unknown }[];
  impl: Impl | undefined;
  once: Impl[];
}

const mocks = new WeakMapCtor<object, MockState>();
/** Every mock of the job, for jest.clearAllMocks() & co. */
const allMocks: Record<string, () => unknown>[] = [];

/** Creates a mock function, optionally wrapping an implementation. */
export function fn(impl?: Impl): Impl {
  const state: MockState = { calls: [], results: [], impl, once: [] };
  const mock = function (this: unknown, ...args: unknown[]) {
    append(state.calls, args);
    const next = state.once.length > 0 ? state.once[0] : state.impl;
    if (state.once.length > 0) {
      for (let i = 0; i < state.once.length - 1; i++) state.once[i] = state.once[i + 1]!;
      state.once.length -= 1;
    }
    try {
      const value = next ? ReflectApply(next, this, args) : undefined;
      append(state.results, { type: 'return', value });
      return value;
    } catch (e) {
      append(state.results, { type: 'throw', value: e });
      throw e;
    }
  };
  WeakMapPrototypeSet(mocks, mock, state);
  const api = mock as unknown as Record<string, unknown>;
  ObjectDefineProperty(api, 'mock', { value: ObjectFreeze({ calls: state.calls, results: state.results }) });
  const chain = (f: () => void) => () => {
    f();
    return mock;
  };
  api.mockImplementation = (f: Impl) => chain(() => (state.impl = f))();
  api.mockImplementationOnce = (f: Impl) => chain(() => append(state.once, f))();
  api.mockReturnValue = (v: unknown) => chain(() => (state.impl = () => v))();
  api.mockReturnValueOnce = (v: unknown) => chain(() => append(state.once, () => v))();
  api.mockResolvedValue = (v: unknown) => chain(() => (state.impl = () => PromiseCtor.resolve(v)))();
  api.mockRejectedValue = (v: unknown) => chain(() => (state.impl = () => PromiseCtor.reject(v)))();
  api.mockClear = chain(() => {
    state.calls.length = 0;
    state.results.length = 0;
  });
  api.mockReset = chain(() => {
    state.calls.length = 0;
    state.results.length = 0;
    state.impl = undefined;
    state.once.length = 0;
  });
  append(allMocks, api as Record<string, () => unknown>);
  return mock;
}

/** `jest.isMockFunction(value)`. */
export function isMockFunction(value: unknown): boolean {
  return stateOf(value) !== undefined;
}

/** `jest.clearAllMocks()`, `jest.resetAllMocks()`, `jest.restoreAllMocks()`: one method on every mock. */
export function allMocksDo(method: 'mockClear' | 'mockReset' | 'mockRestore'): void {
  for (let i = allMocks.length - 1; i >= 0; i--) {
    const m = allMocks[i]!;
    if (ObjectHasOwn(m, method)) ReflectApply(m[method]!, m, []);
  }
}

/** Replaces `object[method]` by a mock calling the original; `mockRestore()` puts it back. */
export function spyOn(object: Record<string, unknown>, method: string): Impl {
  const original = object[method];
  if (typeof original !== 'function') throw new TypeErrorCtor(`Cannot spy on ${method}: not a function`);
  const mock = fn(original as Impl);
  (mock as unknown as Record<string, unknown>).mockRestore = () => {
    object[method] = original;
  };
  object[method] = mock;
  return mock;
}

function stateOf(received: unknown): MockState | undefined {
  return typeof received === 'function' ? WeakMapPrototypeGet(mocks, received) : undefined;
}

function callsText(calls: unknown[][]): string {
  const parts: string[] = [];
  for (let i = 0; i < calls.length && i < 5; i++) append(parts, format(calls[i]));
  return calls.length === 0 ? '' : ArrayPrototypeJoin(parts, ', ') + (calls.length > 5 ? ', …' : '');
}

function mockMatcher(
  test: (s: MockState, args: unknown[]) => boolean,
  want: (args: unknown[]) => string,
): Matcher {
  return (received, args, ctx) => {
    const s = stateOf(received);
    if (!s) return { pass: false, usage: rt.text.notAMock, message: () => rt.text.notAMock };
    return { pass: test(s, args), message: () => pair(want(args), rt.text.calls(callsText(s.calls)), ctx) };
  };
}

const calledWith = (s: MockState, args: unknown[]) => {
  for (let i = 0; i < s.calls.length; i++) if (equals(s.calls[i], args)) return true;
  return false;
};

/** Matchers on mock functions. */
export const MOCK_MATCHERS: Record<string, Matcher> = {
  toHaveBeenCalled: mockMatcher(
    (s) => s.calls.length > 0,
    () => rt.text.called,
  ),
  toHaveBeenCalledTimes: mockMatcher(
    (s, a) => s.calls.length === a[0],
    (a) => rt.text.calledTimes(format(a[0])),
  ),
  toHaveBeenCalledWith: mockMatcher(calledWith, (a) => rt.text.calledWith(format(a))),
  toHaveBeenLastCalledWith: mockMatcher(
    (s, a) => s.calls.length > 0 && equals(s.calls[s.calls.length - 1], a),
    (a) => rt.text.calledWith(format(a)),
  ),
  toHaveReturnedWith: mockMatcher(
    (s, a) => {
      for (let i = 0; i < s.results.length; i++) {
        if (s.results[i]!.type === 'return' && equals(s.results[i]!.value, a[0])) return true;
      }
      return false;
    },
    (a) => rt.text.returned(format(a[0])),
  ),
};
MOCK_MATCHERS.toBeCalled = MOCK_MATCHERS.toHaveBeenCalled!;
MOCK_MATCHERS.toBeCalledWith = MOCK_MATCHERS.toHaveBeenCalledWith!;
MOCK_MATCHERS.toHaveBeenNthCalledWith = mockMatcher(
  (s, a) => typeof a[0] === 'number' && equals(s.calls[a[0] - 1], sliceFrom(a, 1)),
  (a) => rt.text.calledWith(format(sliceFrom(a, 1))),
);

function sliceFrom(list: unknown[], start: number): unknown[] {
  const out: unknown[] = [];
  for (let i = start; i < list.length; i++) append(out, list[i]);
  return out;
}
