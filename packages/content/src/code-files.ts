// Reading code exercise files without running them: syntax errors with their line, the names a starter
// exports and a test file imports, the "empty solution" built from them, and the line of a test by name.
import { parse } from 'acorn';
import type { Program } from 'acorn';
import { transformSync } from 'esbuild';
import type { CodeSpec } from './schema.ts';

type Language = CodeSpec['language'];

/** The code as plain JavaScript (types stripped), or its first syntax error with its 1-based line. */
function toJs(
  source: string,
  language: Language,
): { js: string } | { error: { line: number; message: string } } {
  try {
    const { code } = transformSync(source, {
      loader: language === 'typescript' ? 'ts' : 'js',
      target: 'esnext',
      logLevel: 'silent',
    });
    return { js: code };
  } catch (e) {
    const first = (e as { errors?: { text: string; location: { line: number } | null }[] }).errors?.[0];
    return { error: { line: first?.location?.line ?? 1, message: first?.text ?? String(e) } };
  }
}

/** The first syntax error of a code file (TypeScript types allowed in TypeScript), or null. */
export function syntaxError(source: string, language: Language): { line: number; message: string } | null {
  const result = toJs(source, language);
  return 'error' in result ? result.error : null;
}

function program(source: string, language: Language): Program | null {
  const result = toJs(source, language);
  if ('error' in result) return null;
  try {
    return parse(result.js, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true });
  } catch {
    return null;
  }
}

/** The names an ES module exports (`default` for a default export); empty when it cannot be parsed. */
export function exportedNames(source: string, language: Language): string[] {
  const ast = program(source, language);
  const names: string[] = [];
  for (const node of ast?.body ?? []) {
    if (node.type === 'ExportDefaultDeclaration') names.push('default');
    if (node.type !== 'ExportNamedDeclaration') continue;
    const d = node.declaration;
    if (d?.type === 'VariableDeclaration') {
      for (const v of d.declarations) if (v.id.type === 'Identifier') names.push(v.id.name);
    } else if (d) names.push(d.id.name);
    for (const s of node.specifiers) {
      names.push(s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value));
    }
  }
  return names;
}

/** The names a test file imports from relative modules (the solution); `*` for a namespace import. */
export function importedNames(tests: string, language: Language): string[] {
  const ast = program(tests, language);
  const names: string[] = [];
  for (const node of ast?.body ?? []) {
    if (node.type !== 'ImportDeclaration' || !String(node.source.value).startsWith('.')) continue;
    for (const s of node.specifiers) {
      if (s.type === 'ImportDefaultSpecifier') names.push('default');
      else if (s.type === 'ImportNamespaceSpecifier') names.push('*');
      else names.push(s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value));
    }
  }
  return names;
}

/**
 * The empty solution of an exercise: every name the starter exports or the tests import, as a function
 * that does nothing and returns undefined (`new` works on it too, so a class becomes an empty one). A
 * test file that passes against it checks nothing the student writes.
 */
export function emptySolution(
  spec: Pick<CodeSpec, 'language' | 'starter' | 'visibleTests' | 'hiddenTests'>,
): string {
  const names = new Set(exportedNames(spec.starter, spec.language));
  for (const tests of [spec.visibleTests, spec.hiddenTests]) {
    for (const name of importedNames(tests, spec.language)) if (name !== '*') names.add(name);
  }
  const lines: string[] = [];
  for (const name of names) {
    if (name === 'default') lines.push('export default function () {}');
    else if (/^[A-Za-z_$][\w$]*$/.test(name)) lines.push(`export function ${name}() {}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The 1-based line of a test in its file, from the full name the grader reports (`describe name` +
 * ` ` + `test name`): the test(…) or it(…) call whose title is the longest end of that name.
 */
export function testLine(tests: string, fullName: string): number | undefined {
  let best: { line: number; length: number } | undefined;
  tests.split('\n').forEach((text, i) => {
    for (const m of text.matchAll(/\b(?:x?test|x?it|fit)(?:\.\w+)*\s*\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g)) {
      const title = m[2]!.replace(/\\(.)/g, '$1');
      if (title && fullName.endsWith(title) && title.length > (best?.length ?? 0)) {
        best = { line: i + 1, length: title.length };
      }
    }
  });
  return best?.line;
}
