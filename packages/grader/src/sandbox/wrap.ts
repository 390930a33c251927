/**
 * The pure half of preparing a submission, shared by the server's sandbox (prepare.ts) and the device's
 * (src/device): the acorn analysis of exports and imports, the wrappers the harness calls, and the checks
 * made before any code runs. It imports no Node module, so that a browser bundle can hold it.
 */
import { parse } from 'acorn';
import type { Node, Pattern, Program } from 'acorn';
import { JEST_GLOBALS, TEST_MODULES } from '../harness/jest-names.ts';
import type { HostText } from '../messages.ts';
import type { Language } from '../types.ts';

export type Prepared<T> = { ok: true; value: T } | { ok: false; message: string };

export interface PreparedSolution {
  /** Script registering the solution's wrapper function; its line 1 is the solution's line 1. */
  code: string;
  filename: string;
  /** Exported names, or null for a CommonJS solution (module.exports) whose exports are only known at run time. */
  exports: string[] | null;
}

export interface PreparedTests {
  code: string;
  /** Names the test file imports from the solution (relative imports). */
  imports: string[];
  /** First non-relative import other than '@jest/globals' or 'vitest', if any. */
  forbidden: string | null;
  /** Identifiers appearing in the test file, comma-separated: the built-ins worth watching after each test. */
  identifiers: string;
}

export interface Location {
  line: number;
  column: number;
}

export function syntax(
  text: HostText,
  where: string,
  loc: Location,
  detail: string,
): { ok: false; message: string } {
  return { ok: false, message: text.syntax(where, loc.line, loc.column + 1, detail) };
}

function patternNames(p: Pattern | null, out: string[]): void {
  if (!p) return;
  switch (p.type) {
    case 'Identifier':
      out.push(p.name);
      break;
    case 'ObjectPattern':
      for (const prop of p.properties)
        patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out);
      break;
    case 'ArrayPattern':
      for (const el of p.elements) patternNames(el, out);
      break;
    case 'RestElement':
      patternNames(p.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(p.left, out);
      break;
  }
}

function blank(chars: string[], from: number, to: number): void {
  for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
}

function exportName(node: { type: string; name?: string; value?: unknown }): string {
  return node.type === 'Identifier' ? node.name! : String(node.value);
}

/** Rewrites `import(` into a call of the sandbox's refusing stub, keeping every position. */
function rewriteDynamicImports(ast: Node, chars: string[]): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node & Record<string, unknown>;
    if (n.type === 'ImportExpression') for (let i = 0; i < 6; i++) chars[n.start + i] = '$impt_'[i]!;
    for (const key in n) if (key !== 'type' && key !== 'start' && key !== 'end') visit(n[key]);
  };
  visit(ast);
}

function parseProgram(
  source: string,
): { ast: Program; module: boolean } | { error: { loc: Location; message: string } } {
  const options = { ecmaVersion: 'latest' as const, allowHashBang: true, allowReturnOutsideFunction: false };
  try {
    return { ast: parse(source, { ...options, sourceType: 'module' }), module: true };
  } catch (e) {
    try {
      // Sloppy-mode CommonJS code (e.g. octal literals) is not a valid module but is a valid script.
      return { ast: parse(source, { ...options, sourceType: 'script' }), module: false };
    } catch {
      const err = e as { loc?: Location; message: string };
      return {
        error: { loc: err.loc ?? { line: 1, column: 0 }, message: err.message.replace(/ \(\d+:\d+\)$/, '') },
      };
    }
  }
}

/**
 * Finds the exports of a solution already stripped of its types and wraps it in a function the harness
 * calls. `joined` puts the wrapper's opening on the solution's first line, for a sandbox that cannot
 * offset line numbers (the browser's eval); otherwise it takes a line of its own.
 */
export function wrapSolution(
  js: string,
  language: Language,
  text: HostText,
  joined = false,
): Prepared<PreparedSolution> {
  const parsed = parseProgram(js);
  if ('error' in parsed) return syntax(text, '', parsed.error.loc, parsed.error.message);
  const chars = js.split('');
  const getters: string[] = [];
  const names: string[] = [];
  const expose = (name: string, local: string) => {
    names.push(name);
    getters.push(`get ${JSON.stringify(name)}() { return ${local}; }`);
  };
  let esm = false;
  for (const node of parsed.ast.body) {
    if (node.type === 'ImportDeclaration')
      return { ok: false, message: text.importForbidden(String(node.source.value)) };
    if (node.type === 'ExportAllDeclaration')
      return { ok: false, message: text.importForbidden(String(node.source.value)) };
    if (node.type === 'ExportNamedDeclaration') {
      esm = true;
      if (node.source) return { ok: false, message: text.importForbidden(String(node.source.value)) };
      if (node.declaration) {
        blank(chars, node.start, node.declaration.start);
        const declared: string[] = [];
        const d = node.declaration;
        if (d.type === 'VariableDeclaration') for (const v of d.declarations) patternNames(v.id, declared);
        else declared.push(d.id.name);
        for (const name of declared) expose(name, name);
      } else {
        blank(chars, node.start, node.end);
        for (const spec of node.specifiers) {
          const local = exportName(spec.local as { type: string; name?: string; value?: unknown });
          expose(exportName(spec.exported as { type: string; name?: string }), local);
        }
      }
    }
    if (node.type === 'ExportDefaultDeclaration') {
      esm = true;
      const d = node.declaration;
      const named = (d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id;
      blank(chars, node.start, d.start);
      if (named) expose('default', d.id!.name);
      else {
        const stub = 'var __dflt=';
        for (let i = 0; i < stub.length; i++) chars[node.start + i] = stub[i]!;
        expose('default', '__dflt');
      }
    }
  }
  if (/\bimport\s*\(/.test(js)) rewriteDynamicImports(parsed.ast, chars);
  const body = chars.join('');
  const filename = language === 'typescript' ? 'solution.ts' : 'solution.js';
  const open = joined ? '' : '\n';
  const code = esm
    ? `__tremplinLoad("solution", function () {"use strict";${open}${body}\n;return { __proto__: null, __esModule: true, ${getters.join(', ')} };\n});`
    : `__tremplinLoad("solution", function (module, exports, require) {${open}${body}\n});`;
  const exportsList = esm && parsed.module ? names : null;
  return { ok: true, value: { code, filename, exports: exportsList } };
}

/**
 * What a test file imports, read from its ES module form (types stripped, imports kept): the names it
 * takes from the solution (relative imports) and the first other module that is not a test module.
 */
export function testImports(esm: string): Pick<PreparedTests, 'imports' | 'forbidden'> {
  const imports: string[] = [];
  let forbidden: string | null = null;
  const ast = parse(esm, { ecmaVersion: 'latest', sourceType: 'module' });
  for (const node of ast.body) {
    if (
      node.type !== 'ImportDeclaration' &&
      node.type !== 'ExportNamedDeclaration' &&
      node.type !== 'ExportAllDeclaration'
    ) {
      continue;
    }
    const spec = node.source ? String(node.source.value) : null;
    if (spec === null || (TEST_MODULES as readonly string[]).includes(spec)) continue;
    if (!spec.startsWith('.') && !spec.startsWith('/')) {
      forbidden ??= spec;
      continue;
    }
    if (node.type !== 'ImportDeclaration') continue;
    for (const s of node.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') imports.push('default');
      else if (s.type === 'ImportSpecifier')
        imports.push(exportName(s.imported as { type: string; name?: string }));
    }
  }
  return { imports, forbidden };
}

/** Wraps a test file turned into CommonJS: its free Jest names become the wrapper's parameters. */
export function wrapTests(
  cjs: string,
  source: string,
  found: Pick<PreparedTests, 'imports' | 'forbidden'>,
): PreparedTests {
  const params = ['require', 'module', 'exports', ...JEST_GLOBALS].join(', ');
  const identifiers = [...new Set(source.match(/[A-Za-z_$][\w$]*/g) ?? [])].slice(0, 5000).join(',');
  const code = `__tremplinLoad("tests", function (${params}) {"use strict";\n${cjs}\n});`;
  return { code, identifiers, ...found };
}

/** Both prepared files, or why they cannot be run at all (syntax, forbidden import, missing export). */
export function runnable(
  solution: Prepared<PreparedSolution>,
  tests: Prepared<PreparedTests>,
  text: HostText,
): Prepared<{ solution: PreparedSolution; tests: PreparedTests }> {
  if (!solution.ok) return solution;
  if (!tests.ok) return tests;
  const refuse = (message: string) => ({ ok: false as const, message });
  if (tests.value.forbidden !== null) return refuse(text.importForbidden(tests.value.forbidden));
  const exported = solution.value.exports;
  const missing = exported === null ? undefined : tests.value.imports.find((n) => !exported.includes(n));
  if (missing !== undefined) return refuse(text.missingExport(missing));
  return { ok: true, value: { solution: solution.value, tests: tests.value } };
}
