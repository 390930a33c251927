// The content of module versions as the learners' pages read it: a published version's lessons and
// exercises are read once and kept (they never change), a draft's every time. Runs on PGlite by
// default and on PostgreSQL with DATABASE_URL.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changePublishedContent, createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import { exercises, lessons, moduleVersions, modules } from '../schema/index.ts';
import { listVersionContent, listVersionExercises, listVersionLessons } from './content.ts';

let database: TestDatabase;
let published = '';
let draft = '';

async function version(moduleId: string, n: number, title: string): Promise<string> {
  const [v] = await database.db
    .insert(moduleVersions)
    .values({ moduleId, version: n, status: 'draft', title })
    .returning();
  const [lesson] = await database.db
    .insert(lessons)
    .values({
      moduleVersionId: v!.id,
      position: 1,
      slug: 'intro',
      title: `${title} : intro`,
      bodyMd: '# Intro',
    })
    .returning();
  await database.db.insert(exercises).values(
    [2, 1].map((position) => ({
      moduleVersionId: v!.id,
      lessonId: lesson!.id,
      position,
      slug: `question-${position}`,
      kind: 'choice' as const,
      title: `${title} : question ${position}`,
      promptMd: 'Choisissez.',
      spec: { kind: 'choice', multiple: false, options: [{ id: 'a', text: 'A', correct: true }] },
    })),
  );
  return v!.id;
}

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  const [module] = await database.db
    .insert(modules)
    .values({ slug: 'contenu-garde', disciplineId: 'programming' })
    .returning();
  published = await version(module!.id, 1, 'Publiée');
  await database.db
    .update(moduleVersions)
    .set({ status: 'published', publishedAt: new Date() })
    .where(eq(moduleVersions.id, published));
  draft = await version(module!.id, 2, 'Brouillon');
}, 60_000);
afterAll(() => database.close());

describe('the content of module versions', () => {
  it('answers what the plain reads answer, in module order', async () => {
    const ids = [draft, published];
    const content = await listVersionContent(database.db, ids);
    expect(content.lessons).toEqual(await listVersionLessons(database.db, ids));
    expect(content.exercises).toEqual(await listVersionExercises(database.db, ids));
    expect(content.exercises.filter((e) => e.moduleVersionId === published).map((e) => e.position)).toEqual([
      1, 2,
    ]);
  });

  it("keeps a published version's content, and reads a draft's every time", async () => {
    await listVersionContent(database.db, [published, draft]);
    // Past the triggers (as only a test may): the kept content is what was read first.
    await changePublishedContent(database.db, (tx) =>
      tx.update(exercises).set({ title: 'Changée' }).where(eq(exercises.moduleVersionId, published)),
    );
    await database.db.update(exercises).set({ title: 'Changée' }).where(eq(exercises.moduleVersionId, draft));
    const content = await listVersionContent(database.db, [published, draft]);
    const titles = (id: string) =>
      content.exercises.filter((e) => e.moduleVersionId === id).map((e) => e.title);
    expect(titles(published)).toEqual(['Publiée : question 1', 'Publiée : question 2']);
    expect(titles(draft)).toEqual(['Changée', 'Changée']);
  });

  it('shares the kept rows frozen, so that no reader can change them for the others', async () => {
    const { exercises: rows } = await listVersionContent(database.db, [published]);
    const row = rows[0]!;
    expect(Object.isFrozen(row)).toBe(true);
    expect(() => {
      (row as { title: string }).title = 'Écrasée';
    }).toThrow(TypeError);
    expect(() => {
      (row.spec as { multiple: boolean }).multiple = true;
    }).toThrow(TypeError);
    expect((await listVersionContent(database.db, [published])).exercises[0]!.title).toBe(
      'Publiée : question 1',
    );
  });
  it('answers every version asked for when the one it adds pushes another of them out', async () => {
    // Last in this file: it fills the cache. 64 more published versions; with `published`, kept first,
    // the cache holds 64 after 63 of them, `published` the oldest.
    const [module] = await database.db
      .insert(modules)
      .values({ slug: 'contenu-nombreux', disciplineId: 'programming' })
      .returning();
    const many: string[] = [];
    for (let n = 1; n <= 64; n++) {
      const id = await version(module!.id, n, `Version ${n}`);
      await database.db
        .update(moduleVersions)
        .set({ status: 'published', publishedAt: new Date() })
        .where(eq(moduleVersions.id, id));
      many.push(id);
    }
    await listVersionContent(database.db, [published]);
    await listVersionContent(database.db, many.slice(0, 63));
    // `published` is kept and the oldest; the 64th version is not kept yet.
    const content = await listVersionContent(database.db, [published, many[63]!]);
    expect(content.exercises.map((e) => e.title).sort()).toEqual([
      'Publiée : question 1',
      'Publiée : question 2',
      'Version 64 : question 1',
      'Version 64 : question 2',
    ]);
    expect(content.lessons).toHaveLength(2);
  });
});
