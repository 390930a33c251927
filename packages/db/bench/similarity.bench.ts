/**
 * The database half of `pnpm bench:similarity`: what the grading worker does for each graded code
 * submission (store its fingerprints in the inverted index, find the submissions sharing the most,
 * compare those, flag copies) timed against 15,000 submissions of one exercise already in
 * PostgreSQL, in a scratch database created for the run and dropped after it. Prints p50/p99 of
 * `checkSimilarity` over 200 new submissions (target p99 < 50 ms), the copies among them that were
 * flagged, and a baseline measured in the same run: one indexed lookup of a fingerprint
 * (`select … where module_id, exercise_slug, hash`), as a ratio.
 *
 * DATABASE_URL: a PostgreSQL server whose user may create databases (default: the local
 * tremplin_dev). BENCH_COUNT changes the number of stored submissions.
 */
import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { fingerprint, ignoredHashes } from '@tremplin/similarity';
import { generate } from '../../similarity/bench/generate.ts';
import { openDatabase } from '../src/client.ts';
import { migrate } from '../src/migrate.ts';
import { checkSimilarity } from '../src/queries/similarity.ts';
import {
  exercises,
  moduleVersions,
  modules,
  submissionFingerprints,
  submissions,
  users,
} from '../src/schema/index.ts';
import { seedDemoProgramme } from '../src/seed/demo.ts';
import { slices } from '../src/imports/index.ts';
import { dropTestDatabase, withDatabaseName } from '../src/test-support/names.ts';

const URL = process.env.DATABASE_URL ?? 'postgres://tremplin_dev:tremplin_dev@127.0.0.1:5432/tremplin_dev';
const COUNT = Number(process.env.BENCH_COUNT ?? 15_000);
const COPIES = Math.round(COUNT * 0.05);
const PROBES = Number(process.env.BENCH_PROBES ?? 200);
// The check runs in the grading worker after the sandbox, whose own p99 is about 15 ms: it should
// stay of that order, well inside the one-second submit-to-result budget.
const P99_LIMIT_MS = 50;

/** A PostgreSQL array literal of numbers or uuids. */
function pgArray(values: Array<number | string>): string {
  return `{${values.join(',')}}`;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

async function main() {
  const name = `tremplin_bench_similarity_${randomBytes(4).toString('hex')}`;
  const admin = postgres(URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const database = await openDatabase({ url: withDatabaseName(URL, name), poolSize: 4 });
  try {
    await migrate(database);
    const { db } = database;
    await seedDemoProgramme(db);
    const [row] = await db
      .select({ exercise: exercises, moduleId: modules.id })
      .from(exercises)
      .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
      .innerJoin(modules, eq(modules.id, moduleVersions.moduleId))
      .where(and(eq(modules.slug, 'programmation-js'), eq(exercises.slug, 'moyenne')));
    const { exercise, moduleId } = row!;
    const spec = exercise.spec as { starter: string; solution: string };
    const excluded = [spec.starter, spec.solution];
    const ignored = ignoredHashes(excluded, 'javascript');

    // The stored programme: COUNT submissions by as many learners, with their fingerprints.
    const all = generate(2026, COUNT + PROBES, 0);
    const stored = generate(2026, COUNT, COPIES).filter((s) => s.copyOf === undefined);
    const probes = [
      ...all.slice(COUNT, COUNT + PROBES / 2),
      // Copies of stored submissions, disguised the generator's ways.
      ...generate(2026, COUNT, COPIES)
        .filter((s) => s.copyOf !== undefined)
        .slice(0, PROBES / 2),
    ];
    const people = [...stored, ...probes];
    const start = performance.now();
    const ids = new Map<string, string>();
    for (const slice of slices(people.map((s, i) => ({ ...s, i })))) {
      const created = await db
        .insert(users)
        .values(
          slice.map((s) => ({ email: `bench${s.i}@exemple.tg`, displayName: s.owner, passwordHash: '!' })),
        )
        .returning({ id: users.id });
      slice.forEach((s, k) => ids.set(`${s.owner}#${s.i}`, created[k]!.id));
    }
    const ownerOf = (s: (typeof people)[number], i: number) => ids.get(`${s.owner}#${i}`)!;
    const values = stored.map((s, i) => ({
      userId: ownerOf(s, i),
      exerciseId: exercise.id,
      moduleVersionId: exercise.moduleVersionId,
      kind: 'code' as const,
      code: s.code,
      status: 'graded' as const,
      score: 1,
      maxScore: 1,
    }));
    let rows = 0;
    for (const [k, slice] of slices(values).entries()) {
      const created = await db.insert(submissions).values(slice).returning({ id: submissions.id });
      const prints = slice.flatMap((s, j) =>
        fingerprint(s.code!, 'javascript')
          .filter((f) => !ignored.has(f.hash))
          .map((f) => ({
            hash: f.hash | 0,
            submissionId: created[j]!.id,
            userId: s.userId,
            startLine: f.span.startLine,
            endLine: f.span.endLine,
          })),
      );
      // One statement per slice of submissions: arrays unnested, not a parameter per value.
      await db.execute(sql`
        insert into submission_fingerprints
          (module_id, exercise_slug, hash, submission_id, user_id, start_line, end_line)
        select ${moduleId}::uuid, ${exercise.slug}, * from unnest(
          ${pgArray(prints.map((p) => p.hash))}::int[],
          ${pgArray(prints.map((p) => p.submissionId))}::uuid[],
          ${pgArray(prints.map((p) => p.userId))}::uuid[],
          ${pgArray(prints.map((p) => p.startLine))}::int[],
          ${pgArray(prints.map((p) => p.endLine))}::int[])`);
      rows += prints.length;
      if (k === 0) process.stdout.write('  loading');
      process.stdout.write('.');
    }
    // The counts the worker keeps as it goes, computed once here.
    await db.execute(sql`
      insert into fingerprint_frequencies (module_id, exercise_slug, hash, submissions)
      select module_id, exercise_slug, hash, count(distinct submission_id)::int
      from submission_fingerprints group by 1, 2, 3`);
    await db.execute(sql`
      insert into fingerprinted_exercises (module_id, exercise_slug, submissions)
      select module_id, exercise_slug, count(distinct submission_id)::int
      from submission_fingerprints group by 1, 2`);
    await db.execute(sql`analyze`);
    console.log(
      `\nbench:similarity (database) — ${stored.length} stored submissions, ${rows} fingerprints, loaded in ${((performance.now() - start) / 1000).toFixed(1)} s on PostgreSQL (${name})`,
    );

    // Baseline: one indexed lookup of a fingerprint in the same table.
    const sample = await db
      .select({ hash: submissionFingerprints.hash })
      .from(submissionFingerprints)
      .limit(PROBES);
    const bare: number[] = [];
    for (const { hash } of sample) {
      const t = performance.now();
      await db
        .select({ id: submissionFingerprints.submissionId })
        .from(submissionFingerprints)
        .where(
          and(
            eq(submissionFingerprints.moduleId, moduleId),
            eq(submissionFingerprints.exerciseSlug, exercise.slug),
            eq(submissionFingerprints.hash, hash),
          ),
        )
        .limit(1);
      bare.push(performance.now() - t);
    }

    const times: number[] = [];
    let copiesFlagged = 0;
    let independentFlagged = 0;
    const offset = stored.length;
    for (const [i, probe] of probes.entries()) {
      const userId = ownerOf(probe, offset + i);
      const [submission] = await db
        .insert(submissions)
        .values({
          userId,
          exerciseId: exercise.id,
          moduleVersionId: exercise.moduleVersionId,
          kind: 'code',
          code: probe.code,
          status: 'graded',
          score: 1,
          maxScore: 1,
        })
        .returning({ id: submissions.id });
      const t = performance.now();
      const matches = await checkSimilarity(db, {
        submissionId: submission!.id,
        userId,
        moduleVersionId: exercise.moduleVersionId,
        exerciseSlug: exercise.slug,
        code: probe.code,
        language: 'javascript',
        excluded,
        threshold: 0.65,
      });
      times.push(performance.now() - t);
      if (probe.copyOf !== undefined) copiesFlagged += matches.length > 0 ? 1 : 0;
      else independentFlagged += matches.length > 0 ? 1 : 0;
    }
    const sorted = times.sort((a, b) => a - b);
    const base = bare.sort((a, b) => a - b);
    const p50 = quantile(sorted, 0.5);
    const p99 = quantile(sorted, 0.99);
    const b50 = quantile(base, 0.5);
    console.log(
      `  baseline: one indexed fingerprint lookup           p50 ${b50.toFixed(2)} ms, p99 ${quantile(base, 0.99).toFixed(2)} ms`,
    );
    console.log(
      `  check one new submission against ${stored.length}   p50 ${p50.toFixed(1)} ms (${(p50 / b50).toFixed(0)}× baseline), p99 ${p99.toFixed(1)} ms — ${p99 < P99_LIMIT_MS ? 'PASS' : 'FAIL'} (p99 < ${P99_LIMIT_MS} ms)`,
    );
    console.log(
      `  planted copies flagged ${copiesFlagged} of ${PROBES / 2}; independent solutions flagged ${independentFlagged} of ${PROBES / 2}`,
    );
  } finally {
    await database.close();
    await dropTestDatabase(admin, name);
    await admin.end();
  }
}

await main();
