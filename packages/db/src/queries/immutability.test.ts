// The database itself refuses to change a published (or archived) version: its row, its lessons and
// its exercises. Runs on PGlite by default and on PostgreSQL with DATABASE_URL.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { disciplines, exercises, lessons, moduleVersions, modules } from '../schema/index.ts';

let database: TestDatabase;
let versionId = '';
let draftId = '';

/** The error a statement fails with (drizzle wraps the driver's error in `cause`). */
async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    const e = error as { message?: string; cause?: { message?: string } };
    return `${e.message ?? ''} ${e.cause?.message ?? ''}`;
  }
  return 'no error';
}

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  const db = database.db;
  // The migration inserts the disciplines: a database without the demo can create modules.
  expect((await db.select().from(disciplines)).map((d) => d.id).sort()).toEqual([
    'ai',
    'english',
    'programming',
    'tutoring',
  ]);
  const [module] = await db
    .insert(modules)
    .values({ slug: 'immuable', disciplineId: 'programming' })
    .returning();
  const [v1] = await db
    .insert(moduleVersions)
    .values({ moduleId: module!.id, version: 1, status: 'draft', title: 'Immuable' })
    .returning();
  versionId = v1!.id;
  const [lesson] = await db
    .insert(lessons)
    .values({ moduleVersionId: versionId, position: 1, slug: 'intro', title: 'Intro', bodyMd: '# Intro' })
    .returning();
  await db.insert(exercises).values({
    moduleVersionId: versionId,
    lessonId: lesson!.id,
    position: 1,
    slug: 'somme',
    kind: 'choice',
    title: 'Somme',
    promptMd: 'Choisissez.',
    spec: { kind: 'choice', multiple: false, options: [] },
  });
  // While a draft, everything may change.
  await db
    .update(exercises)
    .set({ title: 'Somme (brouillon)' })
    .where(eq(exercises.moduleVersionId, versionId));
  await db
    .update(moduleVersions)
    .set({ status: 'published', publishedAt: new Date(), contentHash: 'abc' })
    .where(eq(moduleVersions.id, versionId));
  const [v2] = await db
    .insert(moduleVersions)
    .values({ moduleId: module!.id, version: 2, status: 'draft', title: 'Immuable v2' })
    .returning();
  draftId = v2!.id;
});
afterAll(() => database.close());

describe('a published version', () => {
  it('refuses an UPDATE of its row, its lessons and its exercises', async () => {
    const db = database.db;
    expect(
      await failure(() =>
        db.update(moduleVersions).set({ title: 'Autre' }).where(eq(moduleVersions.id, versionId)),
      ),
    ).toMatch(/cannot change/);
    expect(
      await failure(() =>
        db.update(moduleVersions).set({ status: 'draft' }).where(eq(moduleVersions.id, versionId)),
      ),
    ).toMatch(/cannot change/);
    expect(
      await failure(() =>
        db.update(lessons).set({ bodyMd: 'changé' }).where(eq(lessons.moduleVersionId, versionId)),
      ),
    ).toMatch(/lessons of a published module version cannot change/);
    expect(
      await failure(() =>
        db
          .update(exercises)
          .set({ spec: { kind: 'choice', multiple: true, options: [] } })
          .where(eq(exercises.moduleVersionId, versionId)),
      ),
    ).toMatch(/exercises of a published module version cannot change/);
    // Nor may a row be moved out of it, or into it.
    expect(
      await failure(() =>
        db
          .update(exercises)
          .set({ moduleVersionId: draftId })
          .where(eq(exercises.moduleVersionId, versionId)),
      ),
    ).toMatch(/cannot change/);
    expect(
      await failure(() =>
        db.insert(lessons).values({
          moduleVersionId: versionId,
          position: 2,
          slug: 'ajout',
          title: 'Ajout',
          bodyMd: '',
        }),
      ),
    ).toMatch(/cannot change/);
  });

  it('refuses a DELETE of its row, its lessons and its exercises (directly or by cascade)', async () => {
    const db = database.db;
    expect(await failure(() => db.delete(exercises).where(eq(exercises.moduleVersionId, versionId)))).toMatch(
      /cannot change/,
    );
    expect(await failure(() => db.delete(lessons).where(eq(lessons.moduleVersionId, versionId)))).toMatch(
      /cannot change/,
    );
    expect(await failure(() => db.delete(moduleVersions).where(eq(moduleVersions.id, versionId)))).toMatch(
      /cannot change/,
    );
    expect(await failure(() => db.delete(modules).where(eq(modules.slug, 'immuable')))).toMatch(
      /cannot change/,
    );
    // Raw SQL meets the same trigger as drizzle.
    expect(
      await failure(() =>
        db.execute(sql`update exercises set title = 'x' where module_version_id = ${versionId}`),
      ),
    ).toMatch(/cannot change/);
    const [row] = await db.select().from(exercises).where(eq(exercises.moduleVersionId, versionId));
    expect(row!.title).toBe('Somme (brouillon)');
  });

  it('accepts only its archiving, with the archiving fields; an archived version is frozen too', async () => {
    const db = database.db;
    expect(
      await failure(() =>
        db
          .update(moduleVersions)
          .set({ status: 'archived', changeNote: 'en passant' })
          .where(eq(moduleVersions.id, versionId)),
      ),
    ).toMatch(/cannot change/);
    await db
      .update(moduleVersions)
      .set({ status: 'archived', archivedAt: new Date() })
      .where(eq(moduleVersions.id, versionId));
    expect(
      await failure(() =>
        db.update(moduleVersions).set({ status: 'published' }).where(eq(moduleVersions.id, versionId)),
      ),
    ).toMatch(/archived: it cannot change/);
    expect(
      await failure(() =>
        db.update(exercises).set({ title: 'x' }).where(eq(exercises.moduleVersionId, versionId)),
      ),
    ).toMatch(/archived module version cannot change/);
  });

  it('leaves drafts free, and allows one version being written per module', async () => {
    const db = database.db;
    await db.update(moduleVersions).set({ title: 'Libre' }).where(eq(moduleVersions.id, draftId));
    const [module] = await db.select().from(modules).where(eq(modules.slug, 'immuable'));
    expect(
      await failure(() =>
        db
          .insert(moduleVersions)
          .values({ moduleId: module!.id, version: 3, status: 'in_review', title: 'Deux brouillons' }),
      ),
    ).toMatch(/module_versions_one_open_idx|duplicate key/);
    expect(
      await failure(() =>
        db
          .update(moduleVersions)
          .set({ status: 'bogus' as 'draft' })
          .where(eq(moduleVersions.id, draftId)),
      ),
    ).toMatch(/module_versions_status_check|violates check/);
    await db.delete(moduleVersions).where(eq(moduleVersions.id, draftId));
  });
});
