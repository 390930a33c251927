import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from './server-flags.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
/** `NAME=value …`, as a shell command line sets the server's environment. */
const assignments = Object.entries(SERVER_ENVIRONMENT)
  .map(([name, value]) => `${name}=${value}`)
  .join(' ');

describe('the API server flags', () => {
  it('are those of every way the server is started, with its environment', () => {
    const scripts = (file: string) => (JSON.parse(read(file)) as { scripts: Record<string, string> }).scripts;
    const starts = [
      scripts('package.json').start!,
      scripts('package.json')['start:api']!,
      scripts('apps/api/package.json').start!,
    ];
    for (const start of starts)
      expect(start).toContain(`${assignments} node ${SERVER_NODE_FLAGS.join(' ')} `);
    const dockerfile = read('docker/Dockerfile');
    const cmd = /^CMD (.*)$/m.exec(dockerfile)![1]!;
    expect(JSON.parse(cmd)).toEqual(['node', ...SERVER_NODE_FLAGS, 'apps/api/src/server.ts']);
    const unit = read('docker/systemd/tremplin-api@.service');
    expect(/^ExecStart=(.*)$/m.exec(unit)![1]!.split(' ')).toEqual([
      '/usr/bin/node',
      ...SERVER_NODE_FLAGS,
      'apps/api/src/server.ts',
    ]);
    for (const [name, value] of Object.entries(SERVER_ENVIRONMENT)) {
      expect(dockerfile).toMatch(new RegExp(`^ENV ${name}=${value}$`, 'm'));
      expect(unit).toMatch(new RegExp(`^Environment=${name}=${value}$`, 'm'));
    }
  });

  it('are flags this Node takes', () => {
    // Node refuses to start on a flag V8 does not know ("bad option").
    expect(
      execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '-p', '"started"'], { encoding: 'utf8' }),
    ).toBe('started\n');
  });

  it('set a tunable glibc reads, with the value asked for', () => {
    // glibc ignores a misspelt tunable without a word: its dynamic loader lists what it read.
    const loader = readFileSync('/proc/self/maps', 'utf8').match(/\/\S*\/ld-linux[^/\s]*\.so\.\d+/)?.[0];
    expect(loader, 'the server runs on Linux with glibc').toBeDefined();
    const listed = execFileSync(loader!, ['--list-tunables'], {
      env: { ...SERVER_ENVIRONMENT },
      encoding: 'utf8',
    });
    expect(listed).toMatch(/^glibc\.malloc\.mmap_threshold: 0x20000 /m);
  });
});
