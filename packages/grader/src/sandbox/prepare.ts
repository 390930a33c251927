/**
 * Turns the solution and the test file into plain scripts the harness calls inside try/catch, so that no
 * module evaluation (whose thrown values isolated-vm would inspect outside any timeout) runs from the host.
 * Syntax errors, forbidden imports and missing exports are found here, before any isolate is created.
 * The analysis and the wrappers are wrap.ts's, shared with the device's preparation (src/device).
 */
import { stripTypeScriptTypes } from 'node:module';
import { transformSync } from 'esbuild';
import type { HostText } from '../messages.ts';
import type { Language } from '../types.ts';
import { syntax, testImports, wrapSolution, wrapTests } from './wrap.ts';
import type { Location, Prepared, PreparedSolution, PreparedTests } from './wrap.ts';

export type { Prepared, PreparedSolution, PreparedTests } from './wrap.ts';

/** Type-strips a TypeScript solution, keeping positions when possible; errors come from esbuild for their location. */
function stripTypes(source: string, text: HostText): Prepared<string> {
  try {
    return { ok: true, value: stripTypeScriptTypes(source, { mode: 'strip' }) };
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
      // Enums, namespaces, parameter properties: transform mode rewrites them (positions may shift).
      try {
        return { ok: true, value: stripTypeScriptTypes(source, { mode: 'transform' }) };
      } catch {
        // Fall through to esbuild for a positioned message.
      }
    }
    return (
      esbuildError(source, 'ts', text, '') ?? {
        ok: false,
        message: text.unsupported(String((e as Error).message)),
      }
    );
  }
}

/** First error of a failed esbuild transform. */
function firstError(e: unknown): { text: string; location: Location | null } | undefined {
  return (e as { errors?: { text: string; location: Location | null }[] }).errors?.[0];
}

function esbuildError(source: string, loader: 'ts' | 'js', text: HostText, where: string) {
  try {
    transformSync(source, { loader, format: 'esm', target: 'esnext', logLevel: 'silent' });
    return undefined;
  } catch (e) {
    const first = firstError(e);
    if (first?.location) return syntax(text, where, first.location, first.text);
    return { ok: false as const, message: text.unsupported(first?.text ?? String(e)) };
  }
}

/** Prepares a solution: strips types, finds its exports and wraps it in a function the harness calls. */
export function prepareSolution(
  source: string,
  language: Language,
  text: HostText,
): Prepared<PreparedSolution> {
  let js = source;
  if (language === 'typescript') {
    const stripped = stripTypes(source, text);
    if (!stripped.ok) return stripped;
    js = stripped.value;
  }
  return wrapSolution(js, language, text);
}

/** Prepares a test file: esbuild turns it into CommonJS whose free Jest names are the wrapper's parameters. */
export function prepareTests(source: string, language: Language, text: HostText): Prepared<PreparedTests> {
  const loader = language === 'typescript' ? 'ts' : 'js';
  const toCjs = (code: string) =>
    transformSync(code, {
      loader,
      format: 'cjs',
      target: 'esnext',
      supported: { 'dynamic-import': false },
      sourcefile: 'tests',
      logLevel: 'silent',
    }).code;
  let cjs: string;
  try {
    // A test file is an ES module, as under Jest or Node: the empty export makes esbuild parse it as one
    // (strict-mode syntax errors, top-level `this` undefined) even when it imports nothing.
    cjs = toCjs(`${source}\nexport {};`);
  } catch (e) {
    let first = firstError(e);
    // An error on the added line (an unclosed call) is reported as the file alone reports it.
    if (first?.location && first.location.line > source.split('\n').length) {
      try {
        toCjs(source);
      } catch (plain) {
        first = firstError(plain) ?? first;
      }
    }
    if (first?.location) return syntax(text, text.inTests, first.location, first.text);
    return { ok: false, message: text.unsupported(first?.text ?? String(e)) };
  }
  const found = /\bimport\b/.test(source)
    ? testImports(transformSync(source, { loader, format: 'esm', target: 'esnext', logLevel: 'silent' }).code)
    : { imports: [], forbidden: null };
  return { ok: true, value: wrapTests(cjs, source, found) };
}
