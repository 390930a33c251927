import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));

test('the API process never loads isolated-vm', async () => {
  const script = `
    const { grade } = await import(${JSON.stringify(index)});
    const r = await grade({ solution: 'export const a = 1;', tests: "import { a } from './a'; test('a', () => expect(a).toBe(1));", language: 'javascript' });
    const loaded = process.report.getReport().sharedObjects.filter((s) => s.includes('isolated'));
    console.log(JSON.stringify({ status: r.status, loaded }));`;
  const out = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--input-type=module', '-e', script], (e, stdout) =>
      e ? reject(e) : resolve(stdout),
    ),
  );
  // The process exits by itself afterwards: idle workers do not keep it alive.
  expect(JSON.parse(out)).toEqual({ status: 'pass', loaded: [] });
});
