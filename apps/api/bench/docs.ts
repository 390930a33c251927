// Writes a benchmark's figures into docs/performance.md, replacing its section when present.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Puts `body` under the `title` heading (a `## ` line) of docs/performance.md, formatted by prettier. */
export async function writeDocs(title: string, body: string): Promise<void> {
  const file = path.join(ROOT, 'docs/performance.md');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '# Performance\n';
  }
  const section = `${title}\n\n${body}\n`;
  const found = text.indexOf(`\n${title}\n`);
  if (found < 0) {
    text = `${text.trimEnd()}\n\n${section}`;
  } else {
    const start = found + 1;
    const next = text.indexOf('\n## ', start);
    text = text.slice(0, start) + section + (next < 0 ? '' : text.slice(next));
  }
  // Formatted as `pnpm format:check` wants it (tables aligned).
  const options = await prettier.resolveConfig(file);
  writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}
