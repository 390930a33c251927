// `pnpm db:check`: fails when the drizzle schema has changes that no committed migration holds,
// by generating into a copy of migrations/ and looking for anything new.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const copy = mkdtempSync(path.join(os.tmpdir(), 'tremplin-migrations-'));
try {
  cpSync(path.join(root, 'migrations'), copy, { recursive: true });
  const before = readdirSync(copy).sort();
  execFileSync(
    'pnpm',
    [
      'exec',
      'drizzle-kit',
      'generate',
      '--dialect',
      'postgresql',
      '--schema',
      'packages/db/src/schema/index.ts',
      '--out',
      copy,
    ],
    { cwd: root, stdio: 'pipe' },
  );
  const added = readdirSync(copy).filter((name) => !before.includes(name));
  if (added.length > 0) {
    console.error(
      `The schema has changes with no migration (${added.join(', ')}): run \`pnpm db:generate --name <what>\` and commit migrations/.`,
    );
    process.exit(1);
  }
  console.log('Migrations are up to date with the schema.');
} finally {
  rmSync(copy, { recursive: true, force: true });
}
