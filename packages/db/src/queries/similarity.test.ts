// Similarity flags from the fingerprints stored in the database: copies are found across learners,
// independent solutions and the exercise's own starter are not, a regrade adds nothing twice, and
// two copies checked at the same instant still meet. PGlite by default, PostgreSQL with DATABASE_URL.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import {
  exercises,
  flags,
  moduleVersions,
  modules,
  submissionFingerprints,
  submissions,
  users,
} from '../schema/index.ts';
import { DEMO_WORK } from '../seed/demo-work.ts';
import { checkSimilarity } from './similarity.ts';

let database: TestDatabase;
let exercise: typeof exercises.$inferSelect;
let spec: { starter: string; solution: string };

function code(learner: string): string {
  const work = DEMO_WORK.find((w) => w.learner === learner);
  if (!work || !('code' in work)) throw new Error(`no demo code for ${learner}`);
  return work.code;
}

// Five ways to find the longest run of wins, written independently (and all correct).
const INDEPENDENT = [
  `export function plusLongueSerie(s) {
  let best = 0;
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && s[j] === 'V') j++;
    best = Math.max(best, j - i);
    i = j + 1;
  }
  return best;
}`,
  `export function plusLongueSerie(resultats) {
  const series = resultats.match(/V+/g) || [];
  return series.reduce((m, serie) => (serie.length > m ? serie.length : m), 0);
}`,
  `export function plusLongueSerie(texte) {
  if (texte === '') return 0;
  const premier = texte[0] === 'V' ? 1 : 0;
  function suite(index, courant, record) {
    if (index === texte.length) return Math.max(courant, record);
    if (texte[index] === 'V') return suite(index + 1, courant + 1, record);
    return suite(index + 1, 0, Math.max(courant, record));
  }
  return suite(1, premier, 0);
}`,
  `export function plusLongueSerie(saison) {
  let longueur = 0;
  let record = 0;
  for (let k = 0; k < saison.length; k += 1) {
    longueur = saison.charAt(k) === 'V' ? longueur + 1 : 0;
    record = longueur > record ? longueur : record;
  }
  return record;
}`,
  `export const plusLongueSerie = (r) =>
  Math.max(0, ...r.split(/[^V]+/).map((bloc) => bloc.length));`,
];

async function userId(login: string): Promise<string> {
  const [row] = await database.db
    .select()
    .from(users)
    .where(eq(users.email, `${login}@tremplin.test`));
  return row!.id;
}

/** A graded submission of `login`'s code, checked as the grading worker checks it. */
async function submitAndCheck(login: string, source: string) {
  const uid = await userId(login);
  const [row] = await database.db
    .insert(submissions)
    .values({
      userId: uid,
      exerciseId: exercise.id,
      moduleVersionId: exercise.moduleVersionId,
      kind: 'code',
      code: source,
      status: 'graded',
      score: 1,
      maxScore: 1,
    })
    .returning();
  const input = {
    submissionId: row!.id,
    userId: uid,
    moduleVersionId: exercise.moduleVersionId,
    exerciseSlug: exercise.slug,
    code: source,
    language: 'javascript' as const,
    excluded: [spec.starter, spec.solution],
    threshold: 0.65,
  };
  return { id: row!.id, input, matches: await checkSimilarity(database.db, input) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const [row] = await database.db
    .select({ exercise: exercises })
    .from(exercises)
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
    .where(and(eq(modules.slug, 'programmation-js'), eq(exercises.slug, 'serie-de-victoires')));
  exercise = row!.exercise;
  spec = exercise.spec as typeof spec;
});

afterAll(async () => {
  await database?.close();
});

describe('similarity flags from stored fingerprints', () => {
  it('flags a renamed, reordered and recommented copy, linking the pair with its regions', async () => {
    const original = await submitAndCheck('etudiant25', code('etudiant25'));
    expect(original.matches).toEqual([]);
    const copy = await submitAndCheck('etudiant26', code('etudiant26'));
    expect(copy.matches).toHaveLength(1);
    expect(copy.matches[0]).toMatchObject({ otherSubmissionId: original.id });
    expect(copy.matches[0]!.score).toBeGreaterThanOrEqual(0.65);
    const [flag] = await database.db.select().from(flags).where(eq(flags.id, copy.matches[0]!.flagId));
    expect(flag).toMatchObject({
      source: 'similarity',
      submissionId: copy.id,
      otherSubmissionId: original.id,
    });
    const regions = (
      flag!.details as { regions: Array<{ left: { startLine: number }; right: { startLine: number } }> }
    ).regions;
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions) {
      expect(region.left.startLine).toBeGreaterThanOrEqual(1);
      expect(region.right.startLine).toBeGreaterThanOrEqual(1);
    }
    // A regrade checks again: the fingerprints are replaced and no second flag is raised.
    expect(await checkSimilarity(database.db, copy.input)).toEqual([]);
    const stored = await database.db
      .select()
      .from(submissionFingerprints)
      .where(eq(submissionFingerprints.submissionId, copy.id));
    expect(stored.length).toBeGreaterThan(0);
    expect(new Set(stored.map((f) => f.hash)).size).toBeLessThanOrEqual(stored.length);
  });

  it('does not flag independent solutions of a short exercise, nor learners who submit the starter', async () => {
    const learners = ['etudiant1', 'etudiant2', 'etudiant3', 'etudiant4', 'etudiant5'];
    for (const [i, source] of INDEPENDENT.entries()) {
      const { matches } = await submitAndCheck(learners[i]!, source);
      expect(matches, `independent solution ${i + 1}`).toEqual([]);
    }
    expect((await submitAndCheck('etudiant6', spec.starter)).matches).toEqual([]);
    expect((await submitAndCheck('etudiant7', spec.starter)).matches).toEqual([]);
    // The reference solution handed in by two learners is the exercise's own code, not a copy.
    expect((await submitAndCheck('etudiant8', spec.solution)).matches).toEqual([]);
    expect((await submitAndCheck('etudiant9', spec.solution)).matches).toEqual([]);
  });

  it('finds two copies checked at the same instant (one exercise at a time)', async () => {
    const [a, b] = await Promise.all([
      submitAndCheck('etudiant27', code('etudiant27')),
      submitAndCheck('etudiant28', code('etudiant28')),
    ]);
    const found = [...a!.matches, ...b!.matches];
    expect(found).toHaveLength(1);
    expect([a!.id, b!.id]).toContain(found[0]!.otherSubmissionId);
  });
});
