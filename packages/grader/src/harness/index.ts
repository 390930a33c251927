/**
 * Harness entry, bundled into one script that runs in each fresh context before any untrusted code.
 * The host keeps a reference to `control` (the script's completion value); nothing of the harness stays
 * reachable from the global object once the solution runs.
 */
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  collectErrors,
  describe,
  listed,
  test,
} from './collect.ts';
import { installConsole } from './console.ts';
import { expect, pinnedPromise } from './expect.ts';
import { JEST_GLOBALS, TEST_MODULES } from './jest-names.ts';
import { snapshotBuiltins, watchOnly } from './integrity.ts';
import type { Fn } from './collect.ts';
import {
  ArrayPrototypeJoin,
  ErrorCtor,
  JSONStringify,
  ObjectDefineProperty,
  ObjectFreeze,
  ReflectApply,
  StringCtor,
  append,
  newList,
  splitOn,
} from './primordials.ts';
import { abortCurrent, checkAfterLoad, currentIndex, describeError, plan, results, step } from './runner.ts';
import { rt } from './state.ts';
import { installTimers, resetClock } from './timers.ts';
import { guardLongLived } from './long-lived.ts';
import { jest } from './jest-object.ts';

const global = globalThis as unknown as Record<string, unknown>;

const api = ObjectFreeze({
  __proto__: null,
  describe,
  test,
  it: test,
  xit: test,
  xtest: test,
  fit: test,
  xdescribe: describe,
  fdescribe: describe,
  expect,
  beforeAll,
  afterAll,
  beforeEach,
  afterEach,
  jest,
  vi: jest,
});

installTimers(global);
installConsole(global);
guardLongLived(global);

let reported = 0;
const wrappers: Record<string, Fn> = { __proto__: null } as unknown as Record<string, Fn>;
let solutionExports: unknown = undefined;

const dynamicImport = (spec: unknown) => pinnedPromise((_ok, fail) => fail(forbidden(spec)));
ObjectDefineProperty(global, '$impt_', { value: dynamicImport, writable: true, configurable: true });
// Registration hook for the solution and test scripts, and the host's entry point: both are removed
// before any submitted code runs.
ObjectDefineProperty(global, '__tremplinLoad', {
  value: (name: string, fn: Fn) => {
    wrappers[name] = fn;
  },
  configurable: true,
});
ObjectDefineProperty(global, '__tremplinControl', { value: control, configurable: true });
snapshotBuiltins(global);

function q(s: string): string {
  return JSONStringify(s);
}

function forbidden(spec: unknown): Error {
  return new ErrorCtor(rt.text.importForbidden(StringCtor(spec)));
}

/** The `require` given to the test file: the solution for relative paths, the harness for '@jest/globals' and 'vitest'. */
function requireForTests(spec: unknown): unknown {
  if (spec === TEST_MODULES[0] || spec === TEST_MODULES[1]) return api;
  if (typeof spec === 'string' && (spec[0] === '.' || spec[0] === '/')) return solutionExports;
  throw forbidden(spec);
}

function requireForSolution(spec: unknown): unknown {
  throw forbidden(spec);
}

function loadError(phase: string, e: unknown): string {
  return '{"phase":' + q(phase) + ',"error":' + q(describeError(e)) + '}';
}

/** Runs the solution's then the test file's top-level code, collecting the tests. */
function load(config: string): string {
  // Config is "outputChars|identifiers of the test file" so that no JSON parsing is needed. Messages
  // are written as locale-neutral keys: the host renders them.
  const parts = splitOn(config, '|');
  rt.outputChars = +parts[0]! || 500;
  watchOnly(splitOn(parts[1] ?? '', ','));
  delete global.__tremplinLoad;
  delete global.__tremplinControl;
  resetClock();
  const solution = wrappers.solution;
  const tests = wrappers.tests;
  if (!solution || !tests) return loadError('solution', 'internal');
  const module = { __proto__: null, exports: {} } as { exports: unknown };
  try {
    const esm = ReflectApply(solution, undefined, [module, module.exports, requireForSolution]);
    solutionExports = esm === undefined ? module.exports : esm;
  } catch (e) {
    return loadError('solution', e);
  }
  const testModule = { __proto__: null, exports: {} } as { exports: unknown };
  const args: unknown[] = [requireForTests, testModule, testModule.exports];
  for (let i = 0; i < JEST_GLOBALS.length; i++)
    append(args, (api as Record<string, unknown>)[JEST_GLOBALS[i]!]);
  try {
    ReflectApply(tests, undefined, args);
  } catch (e) {
    return loadError('tests', e);
  }
  return collected();
}

function collected(): string {
  checkAfterLoad();
  plan();
  const names = newList<string>();
  const modes = newList<string>();
  for (let i = 0; i < listed.length; i++) {
    append(names, q(listed[i]!.fullName));
    append(modes, q(listed[i]!.mode));
  }
  const error = collectErrors.length > 0 ? q(describeError(collectErrors[0])) : 'null';
  const list = '{"names":[' + ArrayPrototypeJoin(names, ',') + '],"modes":[' + ArrayPrototypeJoin(modes, ',');
  return list + '],"error":' + error + '}';
}

function report(done: boolean): string {
  const out = newList<string>();
  for (; reported < results.length; reported++) {
    const r = results[reported]!;
    append(out, '{"status":' + q(r.status) + ',"message":' + q(r.message) + ',"output":' + q(r.output) + '}');
  }
  const head =
    '{"done":' +
    (done ? 'true' : 'false') +
    ',"reusable":' +
    (rt.dirty ? 'false' : 'true') +
    ',"current":' +
    currentIndex();
  return head + ',"results":[' + ArrayPrototypeJoin(out, ',') + ']}';
}

/**
 * The last call's answer. isolated-vm throws a promise rejected with no handler at the end of the call
 * that left it (after the answer was made): the host then asks for the answer again with `last`.
 */
let lastReply = '';

function answer(command: string, arg: string): string {
  switch (command) {
    case 'load':
      return load(arg);
    case 'step':
      return report(step());
    case 'abort':
      abortCurrent(arg);
      return report(currentIndex() < 0);
  }
  return '';
}

/** Host entry point: every call returns a string, the only thing that leaves the sandbox. */
export function control(command: string, arg: string): string {
  if (command === 'last') return lastReply;
  lastReply = '';
  lastReply = answer(command, arg);
  return lastReply;
}
