/** A console that writes to the running test's capped output buffer, never to the host. */
import { format } from './format.ts';
import {
  JSONStringify,
  NumberCtor,
  ObjectDefineProperty,
  ObjectFreeze,
  ReflectApply,
  StringPrototypeIndexOf,
  StringPrototypeSlice,
} from './primordials.ts';
import { rt } from './state.ts';

function render(args: unknown[]): string {
  let out = '';
  let start = 0;
  const first = args[0];
  if (typeof first === 'string' && args.length > 1) {
    start = 1;
    for (let i = 0; i < first.length; i++) {
      const c = first[i]!;
      const f = first[i + 1];
      if (c === '%' && f !== undefined && StringPrototypeIndexOf('sdifjoOc%', f) >= 0) {
        i++;
        if (f === '%') out += '%';
        else if (start >= args.length) out += '%' + f;
        else {
          const v = args[start++];
          if (f === 's') out += typeof v === 'string' ? v : format(v);
          else if (f === 'd' || f === 'i' || f === 'f') out += '' + NumberCtor(v);
          else if (f === 'j') out += JSONStringify(v) ?? 'undefined';
          else if (f !== 'c') out += format(v);
        }
      } else out += c;
    }
  } else if (args.length > 0) {
    out = typeof first === 'string' ? first : format(first);
    start = 1;
  }
  for (let i = start; i < args.length; i++) {
    const v = args[i];
    out += ' ' + (typeof v === 'string' ? v : format(v));
  }
  return out;
}

/** Appends one line to the captured output, keeping at most `rt.outputChars` characters. */
export function write(line: string): void {
  if (rt.outputFull) return;
  const next = rt.output + line + '\n';
  if (next.length > rt.outputChars) {
    rt.output = StringPrototypeSlice(next, 0, rt.outputChars) + '\n' + rt.text.truncated;
    rt.outputFull = true;
  } else rt.output = next;
}

/** Installs `console` on the sandbox global. */
export function installConsole(global: Record<string, unknown>): void {
  let indent = '';
  const log = (...args: unknown[]) => {
    if (!rt.outputFull) write(indent + render(args));
  };
  const counts: Record<string, number> = { __proto__: null } as unknown as Record<string, number>;
  const console = ObjectFreeze({
    __proto__: null,
    log,
    info: log,
    debug: log,
    warn: log,
    error: log,
    trace: log,
    dir: (v: unknown) => log(v),
    table: (v: unknown) => log(v),
    group: (...args: unknown[]) => {
      if (args.length > 0) ReflectApply(log, undefined, args);
      indent += '  ';
    },
    groupEnd: () => {
      indent = StringPrototypeSlice(indent, 2);
    },
    assert: (ok: unknown, ...args: unknown[]) => {
      if (!ok) log('Assertion failed' + (args.length > 0 ? ': ' + render(args) : ''));
    },
    count: (label: unknown = 'default') => {
      const key = '' + (label as string);
      counts[key] = (counts[key] ?? 0) + 1;
      log(key + ': ' + counts[key]);
    },
    time: () => undefined,
    timeEnd: () => undefined,
    timeLog: () => undefined,
  });
  ObjectDefineProperty(global, 'console', { value: console, writable: true, configurable: true });
}
