// Modules of the server and the packages depend on each other in one direction: a cycle (even through
// `import type`) ties two modules into one that cannot be read, tested or split on its own.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const repo = resolve(import.meta.dirname, '../../..');

/** Relative imports of every source file under `dir` (tests left out), as a graph of absolute paths. */
function importGraph(dir: string): Map<string, string[]> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => resolve(dir, f));
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const deps = importedFiles
      .map((i) => i.fileName)
      .filter((spec) => spec.startsWith('.'))
      .map((spec) => resolve(dirname(file), spec))
      .filter((path) => known.has(path));
    graph.set(file, deps);
  }
  return graph;
}

/** Each cycle found by a depth-first walk, as the chain of files that closes it. */
function cycles(graph: Map<string, string[]>): string[][] {
  const state = new Map<string, 'open' | 'done'>();
  const found: string[][] = [];
  const stack: string[] = [];
  const visit = (node: string): void => {
    state.set(node, 'open');
    stack.push(node);
    for (const dep of graph.get(node) ?? []) {
      if (state.get(dep) === 'open') found.push([...stack.slice(stack.indexOf(dep)), dep]);
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const roots = [
  'apps/api/src',
  'packages/contracts/src',
  'packages/db/src',
  'packages/grader/src',
  'packages/content/src',
];

describe('the module graph', () => {
  test('finds a cycle through type imports', () => {
    const graph = new Map([
      ['live-socket.ts', ['stream.ts']],
      ['stream.ts', ['live-socket.ts']],
      ['hub.ts', ['stream.ts']],
    ]);
    expect(cycles(graph)).toEqual([['live-socket.ts', 'stream.ts', 'live-socket.ts']]);
  });

  test.each(roots)('%s has no import cycle', (root) => {
    const graph = importGraph(resolve(repo, root));
    expect(graph.size).toBeGreaterThan(3);
    expect(cycles(graph).map((cycle) => cycle.map((f) => relative(repo, f)).join(' → '))).toEqual([]);
  });
});
