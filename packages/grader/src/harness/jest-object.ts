/** The `jest` object, also given as `vi` (Vitest's name for the same helpers): mocks and fake timers. */
import { fakeTimerApi } from './fake-timers.ts';
import { allMocksDo, fn, isMockFunction, spyOn } from './mock.ts';
import { ObjectFreeze } from './primordials.ts';

/** Frozen `jest` / `vi` object; its chaining methods return it. */
export const jest: Record<string, unknown> = ObjectFreeze({
  __proto__: null,
  fn,
  spyOn,
  isMockFunction,
  mocked: (value: unknown) => value,
  clearAllMocks: () => {
    allMocksDo('mockClear');
    return jest;
  },
  resetAllMocks: () => {
    allMocksDo('mockReset');
    return jest;
  },
  restoreAllMocks: () => {
    allMocksDo('mockRestore');
    return jest;
  },
  // Per-test timeouts come from the test's third argument; the global one is left as it is.
  setTimeout: () => jest,
  ...fakeTimerApi(() => jest),
});
