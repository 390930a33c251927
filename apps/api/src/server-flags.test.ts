import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from './server-flags.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the API server flags', () => {
  it('are those of every way the server is started', () => {
    const scripts = (file: string) => (JSON.parse(read(file)) as { scripts: Record<string, string> }).scripts;
    const starts = [
      scripts('package.json').start!,
      scripts('package.json')['start:api']!,
      scripts('apps/api/package.json').start!,
    ];
    for (const start of starts) expect(start).toContain(`node ${SERVER_NODE_FLAGS.join(' ')} `);
    const cmd = /^CMD (.*)$/m.exec(read('docker/Dockerfile'))![1]!;
    expect(JSON.parse(cmd)).toEqual(['node', ...SERVER_NODE_FLAGS, 'apps/api/src/server.ts']);
    const unit = /^ExecStart=(.*)$/m.exec(read('docker/systemd/tremplin-api@.service'))![1]!;
    expect(unit.split(' ')).toEqual(['/usr/bin/node', ...SERVER_NODE_FLAGS, 'apps/api/src/server.ts']);
  });
});
