/**
 * For tests of the device's path in Node: a DeviceSandbox over a `vm` context holding the server's
 * harness bundle, standing for the browser's Web Worker (same harness source, same message protocol).
 * Its time limit is vm's, which stops synchronous code only: enough for tests, not a security boundary.
 */
import vm from 'node:vm';
import { harnessSource } from '../sandbox/harness-source.ts';
import { ScriptError, TimeLimit } from './run.ts';
import type { DeviceSandbox } from './run.ts';

type Control = (command: string, arg: string) => string;

/** A fresh harness context in a `vm` context. */
export function vmSandbox(): DeviceSandbox {
  const context = vm.createContext({});
  vm.runInContext(harnessSource(), context, { filename: 'harness.js' });
  const control = (context as { __tremplinControl: Control }).__tremplinControl;
  Object.defineProperty(context, '__tremplinHost', { value: control });
  const call = async (command: string, arg: string, budgetMs: number): Promise<string> => {
    // A worker settles the microtasks of a message before it reads the next one: so does this.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const source = `__tremplinHost(${JSON.stringify(command)}, ${JSON.stringify(arg)})`;
      return vm.runInContext(source, context, { timeout: Math.ceil(budgetMs) }) as string;
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new TimeLimit();
      throw e;
    }
  };
  return {
    load: (scripts, config, budgetMs) => {
      for (const [name, code] of Object.entries(scripts)) {
        try {
          vm.runInContext(code, context, { filename: `${name}.js` });
        } catch (e) {
          throw new ScriptError(String((e as Error).message));
        }
      }
      return call('load', config, budgetMs);
    },
    step: (budgetMs) => call('step', '', budgetMs),
  };
}
