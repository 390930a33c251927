// `pnpm content publish` and `export` as functions: a module folder published (sandbox checked), its
// rows materialised and frozen, the same folder again changing nothing, an edited one becoming v2, and
// an export that loads back to the same content hash. PGlite, or PostgreSQL with DATABASE_URL.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  ContentError,
  contentHash,
  exportModule,
  loadModule,
  type ModuleDefinition,
} from '@tremplin/content';
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-support/index.ts';
import { exportVersion, publishFolder } from './content-publishing.ts';
import { runCli } from './cli/content.ts';
import { exercises, moduleVersionEvents, moduleVersions } from './schema/index.ts';

let database: TestDatabase;
let pool: GraderPool;
let work: string;

const definition = (): ModuleDefinition => ({
  slug: 'publie-depuis-fichiers',
  discipline: 'programming',
  title: 'Publié depuis des fichiers',
  summary: 'Un petit module.',
  en: { title: 'Published from files', summary: 'A small module.' },
  lessons: [{ slug: 'double', title: 'Le double', body: '# Le double\n', en: { title: 'Doubling' } }],
  exercises: [
    {
      slug: 'double',
      title: 'Doubler',
      lesson: 'double',
      kind: 'code',
      prompt: 'Écrivez `double(n)`.',
      en: { title: 'Double it' },
      hints: ['Multipliez par deux.'],
      maxScore: 1,
      spec: {
        kind: 'code',
        language: 'javascript',
        starter: 'export function double(n) {\n  return n;\n}\n',
        solution: 'export function double(n) {\n  return 2 * n;\n}\n',
        visibleTests:
          "import { double } from './double';\ntest('2', () => {\n  expect(double(2)).toBe(4);\n});\n",
        hiddenTests:
          "import { double } from './double';\ntest('-3', () => {\n  expect(double(-3)).toBe(-6);\n});\n",
      },
    },
  ],
});

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  pool = createGraderPool({ size: 1 });
  work = await mkdtemp(path.join(os.tmpdir(), 'tremplin-publish-'));
});
afterAll(async () => {
  await pool.close();
  await database.close();
  await rm(work, { recursive: true, force: true });
});

describe('publishing a module folder', () => {
  const source = () => path.join(work, 'source');

  it('publishes a valid folder as version 1, with its rows, hashes and event', async () => {
    await exportModule(definition(), source());
    const published = await publishFolder(database.db, source(), { pool, note: 'Première version' });
    expect(published).toEqual({
      slug: 'publie-depuis-fichiers',
      version: 1,
      contentHash: contentHash(definition()),
      unchanged: false,
    });
    const [version] = await database.db.select().from(moduleVersions).where(eq(moduleVersions.version, 1));
    expect(version).toMatchObject({ status: 'published', changeNote: 'Première version' });
    const rows = await database.db.select().from(exercises).where(eq(exercises.moduleVersionId, version!.id));
    expect(rows[0]).toMatchObject({
      slug: 'double',
      hints: ['Multipliez par deux.'],
      hint: 'Multipliez par deux.',
    });
    expect(rows[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const events = await database.db
      .select()
      .from(moduleVersionEvents)
      .where(eq(moduleVersionEvents.versionId, version!.id));
    expect(events.map((e) => e.toStatus)).toEqual(['draft', 'published']);
  });

  it('changes nothing for the same content, and publishes an edited folder as version 2', async () => {
    expect(await publishFolder(database.db, source(), { pool })).toMatchObject({
      version: 1,
      unchanged: true,
    });
    const prompt = path.join(source(), 'module.json');
    const json = JSON.parse(await readFile(prompt, 'utf8'));
    json.exercises[0].prompt = 'Écrivez `double(n)`, qui renvoie le double de n.';
    await writeFile(prompt, JSON.stringify(json, null, 2));
    expect(await publishFolder(database.db, source(), { pool })).toMatchObject({
      version: 2,
      unchanged: false,
    });
  });

  it('refuses a folder whose starter already passes, publishing nothing', async () => {
    const broken = definition();
    broken.slug = 'casse';
    const spec = broken.exercises[0]!.spec as { starter: string; solution: string };
    spec.starter = 'export function double(n) {\n  return n + n;\n}\n';
    const dir = path.join(work, 'casse');
    await exportModule(broken, dir);
    const error = await publishFolder(database.db, dir, { pool }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems.map((p) => p.path)).toContain('exercises[0].spec.starter');
  });

  it('exports any version back to a folder that loads to the same content hash', async () => {
    const v1 = path.join(work, 'v1');
    const written = await exportVersion(database.db, 'publie-depuis-fichiers', v1, 1);
    expect(written.version).toBe(1);
    expect(contentHash(await loadModule(v1))).toBe(contentHash(definition()));
    const latest = path.join(work, 'latest');
    expect((await exportVersion(database.db, 'publie-depuis-fichiers', latest)).version).toBe(2);
    await expect(exportVersion(database.db, 'inconnu', latest)).rejects.toThrow(/no module "inconnu"/);
  });

  it('has publish and export in the CLI, which answers usage errors with exit code 2', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l), cwd: work };
    expect(await runCli(['publish'], io)).toBe(2);
    expect(await runCli(['export', 'x', '--version', 'zero', 'out'], io)).toBe(2);
    expect(lines.join('\n')).toContain('pnpm content publish <dir>');
  });
});
