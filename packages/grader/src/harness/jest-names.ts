/** Names the test file can use as globals or import from '@jest/globals' (shared by host and harness). */
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
] as const;
