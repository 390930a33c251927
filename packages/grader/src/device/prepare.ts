/**
 * The device's preparation of a submission (the browser's offline Run): the server's prepare.ts needs
 * Node (type stripping) and esbuild; here sucrase strips the types and turns the test file's imports into
 * `require` calls, and wrap.ts (shared with the server) does the rest, so both reach the same verdicts.
 */
import { transform } from 'sucrase';
import type { Transform } from 'sucrase';
import type { HostText } from '../messages.ts';
import { syntax, testImports, wrapSolution, wrapTests } from '../sandbox/wrap.ts';
import type { Prepared, PreparedSolution, PreparedTests } from '../sandbox/wrap.ts';
import type { Language } from '../types.ts';

/** sucrase's and acorn's parse errors carry the offset (`pos`) of the fault. */
function positioned(
  e: unknown,
  source: string,
  text: HostText,
  where: string,
): { ok: false; message: string } {
  const { pos, message } = e as { pos?: unknown; message?: unknown };
  const detail = String(message ?? e).replace(/ \(\d+:\d+\)$/, '');
  if (typeof pos !== 'number') return { ok: false, message: text.unsupported(detail) };
  const before = source.slice(0, pos).split('\n');
  return syntax(text, where, { line: before.length, column: before.at(-1)!.length }, detail);
}

/** sucrase, keeping what the server keeps: the syntax as written and the imports nothing uses. */
function sucrase(source: string, transforms: Transform[]): string {
  return transform(source, { transforms, disableESTransforms: true, keepUnusedImports: true }).code;
}

/** Strips a TypeScript solution's types (sucrase keeps every line where it was) and wraps it. */
export function prepareSolutionOnDevice(
  source: string,
  language: Language,
  text: HostText,
): Prepared<PreparedSolution> {
  let js = source;
  if (language === 'typescript') {
    try {
      js = sucrase(source, ['typescript']);
    } catch (e) {
      return positioned(e, source, text, '');
    }
  }
  // The browser's eval cannot offset line numbers: the wrapper opens on the solution's first line.
  return wrapSolution(js, language, text, true);
}

/** Turns the test file into CommonJS and reads its imports from its ES module form, checked by acorn. */
export function prepareTestsOnDevice(
  source: string,
  language: Language,
  text: HostText,
): Prepared<PreparedTests> {
  const types: Transform[] = language === 'typescript' ? ['typescript'] : [];
  let esm = source;
  try {
    if (types.length > 0) esm = sucrase(source, types);
    // sucrase is lenient: acorn, reading the imports, finds the syntax errors esbuild finds on the server.
    const found = testImports(esm);
    return { ok: true, value: wrapTests(sucrase(source, [...types, 'imports']), source, found) };
  } catch (e) {
    // Type stripping keeps the lines: a position in either form is on the same line of the source.
    return positioned(e, esm, text, text.inTests);
  }
}
