// The demo's first submissions, queued for grading: what gives the demo grader a queue to work.
// They go through the real path (the grading worker grades them, the flag sources raise flags:
// two pairs of copied code, one English text the rubric cannot score with confidence).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { insertSubmissionWithJob } from '../queries/submissions.ts';
import { exercises, moduleVersions, modules, users } from '../schema/index.ts';
import { DEMO_DOMAIN } from './demo-people.ts';

// A learner's own solution (a helper that splits the season at each loss or draw) and a copy of
// it with other names, functions in another order and other comments.
const SPLIT = `// Ma solution : je découpe la saison en séries de victoires.
function longueurs(saison) {
  const morceaux = saison.split(/[DN]/);
  const tailles = [];
  for (let i = 0; i < morceaux.length; i++) {
    tailles.push(morceaux[i].length);
  }
  return tailles;
}

export function plusLongueSerie(resultats) {
  if (resultats.length === 0) {
    return 0;
  }
  const tailles = longueurs(resultats);
  let max = tailles[0];
  for (const t of tailles) {
    if (t > max) max = t;
  }
  return max;
}
`;
const SPLIT_COPY = `export function plusLongueSerie(matchs) {
  if (matchs.length === 0) {
    return 0;
  }
  const l = tailleDesSeries(matchs);
  let record = l[0];
  for (const x of l) {
    if (x > record) record = x;
  }
  return record;
}

/* on coupe aux défaites et aux nuls */
function tailleDesSeries(s) {
  const parts = s.split(/[DN]/);
  const res = [];
  for (let j = 0; j < parts.length; j++) {
    res.push(parts[j].length);
  }
  return res;
}
`;
// Another learner's own solution (a reduce over the season) and its copy.
const REDUCE = `export function plusLongueSerie(resultats) {
  const etat = resultats.split('').reduce(
    (acc, r) => {
      const courante = r === 'V' ? acc.courante + 1 : 0;
      return { courante, meilleure: Math.max(acc.meilleure, courante) };
    },
    { courante: 0, meilleure: 0 },
  );
  return etat.meilleure;
}
`;
const REDUCE_COPY = `// plus longue série
export function plusLongueSerie(saison) {
  const bilan = saison.split("").reduce(
    (memo, match) => {
      const serie = match === "V" ? memo.serie + 1 : 0;
      return { serie, record: Math.max(memo.record, serie) };
    },
    { serie: 0, record: 0 },
  );
  return bilan.record;
}
`;

/** Who submits what: the first of each pair submits first, so the copy is the one flagged. */
export const DEMO_WORK = [
  { learner: 'etudiant25', module: 'programmation-js', exercise: 'serie-de-victoires', code: SPLIT },
  { learner: 'etudiant26', module: 'programmation-js', exercise: 'serie-de-victoires', code: SPLIT_COPY },
  { learner: 'etudiant27', module: 'programmation-js', exercise: 'serie-de-victoires', code: REDUCE },
  { learner: 'etudiant28', module: 'programmation-js', exercise: 'serie-de-victoires', code: REDUCE_COPY },
  {
    learner: 'etudiant29',
    module: 'anglais-technique',
    exercise: 'ecrire-un-commit',
    answer: { kind: 'writing', text: 'Fix the password crash' },
  },
] as const;

/**
 * Queues the demo's submissions (idempotent: each has an idempotency key). The grading worker
 * grades them once the API runs; the copies are graded after their originals (lower priority).
 */
export async function seedDemoWork(db: Db): Promise<number> {
  let queued = 0;
  for (const [i, work] of DEMO_WORK.entries()) {
    const [row] = await db
      .select({ userId: users.id, exercise: exercises })
      .from(exercises)
      .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
      .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
      .innerJoin(users, eq(users.email, `${work.learner}@${DEMO_DOMAIN}`))
      .where(
        and(
          eq(modules.slug, work.module),
          eq(exercises.slug, work.exercise),
          eq(moduleVersions.status, 'published'),
        ),
      )
      .limit(1);
    if (!row) continue;
    const { created } = await insertSubmissionWithJob(
      db,
      {
        userId: row.userId,
        exerciseId: row.exercise.id,
        moduleVersionId: row.exercise.moduleVersionId,
        kind: 'code' in work ? 'code' : 'answers',
        code: 'code' in work ? work.code : null,
        answers: 'answer' in work ? work.answer : null,
        maxScore: row.exercise.maxScore,
        idempotencyKey: `demo-work-${i}`,
      },
      // Originals first: a higher priority is claimed first.
      { priority: i % 2 === 0 ? 1 : 0 },
    );
    if (created) queued++;
  }
  return queued;
}
