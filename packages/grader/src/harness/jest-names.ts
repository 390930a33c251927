/** Names the test file can use as globals or import from '@jest/globals' or 'vitest' (host and harness). */
export const JEST_GLOBALS = [
  'describe',
  'test',
  'it',
  'xit',
  'xtest',
  'fit',
  'xdescribe',
  'fdescribe',
  'expect',
  'beforeAll',
  'afterAll',
  'beforeEach',
  'afterEach',
  'jest',
  'vi',
] as const;

/** Modules a test file may import besides the solution: they all give the harness's globals. */
export const TEST_MODULES = ['@jest/globals', 'vitest'] as const;
