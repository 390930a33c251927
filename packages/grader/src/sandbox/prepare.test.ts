import { describe, expect, test } from 'vitest';
import { hostText } from '../messages.ts';
import { prepareSolution, prepareTests } from './prepare.ts';

const fr = hostText('fr');

describe('prepareSolution', () => {
  test('finds every kind of export and keeps line numbers', () => {
    const src = [
      'export function f() {}',
      'export const a = 1, { b, c: [d] } = { b: 2, c: [3] };',
      'export class K {}',
      'const x = 1;',
      "export { x as y, x as 'z z' };",
      'export default function () { return 1; }',
    ].join('\n');
    const r = prepareSolution(src, 'javascript', fr);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.exports).toEqual(['f', 'a', 'b', 'd', 'K', 'y', 'z z', 'default']);
    const lines = r.value.code.split('\n');
    // Line 1 of the solution is line 1 of the script (compiled with lineOffset -1).
    expect(lines[1]).toBe('       function f() {}');
    expect(lines[6]).toMatch(/^var __dflt= *function/);
  });

  test('a file without import/export is CommonJS', () => {
    const r = prepareSolution('module.exports = { a: 010 };', 'javascript', fr);
    expect(r.ok && r.value.exports).toBeNull();
  });

  test('dynamic imports are rewritten in place', () => {
    const r = prepareSolution("export const f = () => import('fs');", 'javascript', fr);
    expect(r.ok && r.value.code).toContain("$impt_('fs')");
  });

  test('syntax errors, imports and TypeScript', () => {
    expect(prepareSolution('let x = ;', 'javascript', fr)).toEqual({
      ok: false,
      message: 'Erreur de syntaxe ligne 1, colonne 9 : Unexpected token',
    });
    expect(prepareSolution("import x from 'y';", 'javascript', fr)).toMatchObject({ ok: false });
    const ts = prepareSolution('export const f = (x: number): number => x;', 'typescript', fr);
    expect(ts.ok && ts.value.exports).toEqual(['f']);
    const bad = prepareSolution('export const f = (x: number =>', 'typescript', fr);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toMatch(/^Erreur de syntaxe ligne 1, colonne \d+/);
  });
});

describe('prepareTests', () => {
  test('collects the names imported from the solution and refuses other modules', () => {
    const r = prepareTests(
      "import a, { b as c } from './x';\nimport { test } from '@jest/globals';\ntest('t', () => {});",
      'javascript',
      fr,
    );
    expect(r.ok && r.value.imports).toEqual(['default', 'b']);
    expect(r.ok && r.value.forbidden).toBeNull();
    const f = prepareTests("import fs from 'fs';", 'javascript', fr);
    expect(f.ok && f.value.forbidden).toBe('fs');
  });

  test("'vitest' is allowed like '@jest/globals', and a solution imported with its extension", () => {
    const r = prepareTests(
      "import { vi, it } from 'vitest';\nimport slug, { b } from './slug.ts';\nit('t', () => vi.fn(slug, b));",
      'typescript',
      fr,
    );
    expect(r.ok && r.value.forbidden).toBeNull();
    expect(r.ok && r.value.imports).toEqual(['default', 'b']);
    expect(r.ok && r.value.code).toContain(', jest, vi)');
  });
});
