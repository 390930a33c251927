import {
  compare,
  DEFAULT_MAX_ENTRY_SHARE,
  DEFAULT_MIN_COMMON_ENTRIES,
  DEFAULT_MIN_SHARED,
  DEFAULT_THRESHOLD,
  fingerprint,
  ignoredHashes,
  type Fingerprint,
  type Region,
  type SimilarityLanguage,
} from '@tremplin/similarity';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rowsOf } from './dashboards.ts';
import {
  fingerprintedExercises,
  fingerprintFrequencies,
  flags,
  submissionFingerprints,
} from '../schema/index.ts';

/** Flag two learners' submissions at or above this similarity unless the exercise sets its own. */
export const DEFAULT_SIMILARITY_THRESHOLD = DEFAULT_THRESHOLD;
/** How many of the submissions sharing the most fingerprints are compared in full. */
const CANDIDATES = 5;
/** How many of a submission's rarest shared fingerprints find its candidates… */
const RARE_PROBES = 32;
/** …and how many postings of theirs the lookup may read at most (beyond the rarest one's). */
const MAX_POSTINGS = 2_000;

export interface SimilarityInput {
  submissionId: string;
  userId: string;
  /** The version of the exercise's module the submission answered (any version's work is compared). */
  moduleVersionId: string;
  exerciseSlug: string;
  code: string;
  language: SimilarityLanguage;
  /** The starter and the reference solution: their fingerprints never count as a match. */
  excluded: string[];
  threshold: number;
}

export interface SimilarityMatch {
  flagId: string;
  otherSubmissionId: string;
  otherUserId: string;
  score: number;
}

/** A stored fingerprint's hash: the engine's unsigned 32 bits as PostgreSQL's signed integer. */
const stored = (hash: number) => hash | 0;

/**
 * Stores a graded code submission's fingerprints in the exercise's inverted index and compares it
 * with the other learners' submissions that share the most of them (never pairwise with all): each
 * at or above the threshold becomes a similarity flag linking the pair, with the score and the
 * matching regions. One exercise at a time (an advisory lock): two copies graded at the same instant
 * still see each other. Checking again (a regrade) replaces the fingerprints and adds no flag twice.
 */
export async function checkSimilarity(db: Db, input: SimilarityInput): Promise<SimilarityMatch[]> {
  const ignored = ignoredHashes(input.excluded, input.language);
  const own = fingerprint(input.code, input.language).filter((f) => !ignored.has(f.hash));
  return db.transaction(async (tx) => {
    const slug = input.exerciseSlug;
    // The module, and the exercise's lock, in one round trip.
    const [version] = await rowsOf<{ module_id: string }>(
      tx,
      sql`select module_id, pg_advisory_xact_lock(hashtext('similarity:' || module_id || ':' || ${slug}))
          from module_versions where id = ${input.moduleVersionId}`,
    );
    if (!version) return [];
    const moduleId = version.module_id;
    const ofExercise = (table: typeof fingerprintFrequencies | typeof fingerprintedExercises) =>
      and(eq(table.moduleId, moduleId), eq(table.exerciseSlug, slug));
    // A regrade: the submission's earlier fingerprints leave the index, and its counts, first.
    const earlier = await tx
      .delete(submissionFingerprints)
      .where(eq(submissionFingerprints.submissionId, input.submissionId))
      .returning({ hash: submissionFingerprints.hash });
    if (earlier.length > 0) {
      await tx
        .update(fingerprintFrequencies)
        .set({ submissions: sql`${fingerprintFrequencies.submissions} - 1` })
        .where(
          and(
            ofExercise(fingerprintFrequencies),
            inArray(fingerprintFrequencies.hash, [...new Set(earlier.map((r) => r.hash))]),
          ),
        );
      await tx
        .update(fingerprintedExercises)
        .set({ submissions: sql`${fingerprintedExercises.submissions} - 1` })
        .where(ofExercise(fingerprintedExercises));
    }
    if (own.length === 0) return [];
    const hashes = [...new Set(own.map((f) => stored(f.hash)))];
    const ints = (values: number[]) => `{${values.join(',')}}`;
    // The fingerprints, their counts and the exercise's in one statement (arrays, not a parameter
    // per value): the counts come back to tell common code from rare.
    const counts = await rowsOf<{ hash: number; submissions: number; entries: number }>(
      tx,
      sql`
      with prints as (
        insert into submission_fingerprints
          (module_id, exercise_slug, submission_id, user_id, hash, start_line, end_line)
        select ${moduleId}::uuid, ${slug}, ${input.submissionId}::uuid, ${input.userId}::uuid, *
        from unnest(${ints(own.map((f) => stored(f.hash)))}::int[],
          ${ints(own.map((f) => f.span.startLine))}::int[], ${ints(own.map((f) => f.span.endLine))}::int[])
      ), entries as (
        insert into fingerprinted_exercises as e (module_id, exercise_slug, submissions)
        values (${moduleId}::uuid, ${slug}, 1)
        on conflict (module_id, exercise_slug) do update set submissions = e.submissions + 1
        returning e.submissions
      ), counts as (
        insert into fingerprint_frequencies as c (module_id, exercise_slug, hash, submissions)
        select ${moduleId}::uuid, ${slug}, h, 1 from unnest(${ints(hashes)}::int[]) as h
        on conflict (module_id, exercise_slug, hash) do update set submissions = c.submissions + 1
        returning c.hash, c.submissions
      )
      select counts.hash, counts.submissions, entries.submissions as entries from counts, entries`,
    );
    const entries = counts[0]?.entries ?? 0;
    // Common code, not a sign of copying: a fingerprint found in more than a tenth of the
    // exercise's submissions (once there are enough of them), as the in-memory index rules.
    const common = Math.max(DEFAULT_MIN_COMMON_ENTRIES, Math.floor(entries * DEFAULT_MAX_ENTRY_SHARE));
    const commonHashes = new Set(counts.filter((c) => c.submissions > common).map((c) => c.hash));
    const where = sql`f.module_id = ${moduleId} and f.exercise_slug = ${slug}`;
    // Candidates come from the rarest fingerprints shared with someone: a copy shares those with
    // its original, and each has few postings. Taken rarest first until their postings reach a
    // bound, the lookup reads a bounded number of index entries whatever the exercise's size; the
    // full comparison then counts every fingerprint.
    const rare: number[] = [];
    let postings = 0;
    for (const c of counts
      .filter((c) => c.submissions >= 2 && c.submissions <= common)
      .sort((x, y) => x.submissions - y.submissions)) {
      if (rare.length >= RARE_PROBES || (rare.length > 0 && postings + c.submissions > MAX_POSTINGS)) break;
      rare.push(c.hash);
      postings += c.submissions;
    }
    if (rare.length === 0) return [];
    const candidates = await rowsOf<{ submission_id: string; user_id: string; shared: number }>(
      tx,
      sql`
        select f.submission_id, f.user_id, count(distinct f.hash)::int as shared
        from submission_fingerprints f
        where ${where} and f.user_id <> ${input.userId}
          and f.hash = any(${`{${rare.join(',')}}`}::int[])
        group by f.submission_id, f.user_id
        order by shared desc
        limit ${CANDIDATES}`,
    );
    if (candidates.length === 0) return [];
    const theirs = await tx
      .select({
        submissionId: submissionFingerprints.submissionId,
        hash: submissionFingerprints.hash,
        startLine: submissionFingerprints.startLine,
        endLine: submissionFingerprints.endLine,
      })
      .from(submissionFingerprints)
      .where(
        inArray(
          submissionFingerprints.submissionId,
          candidates.map((c) => c.submission_id),
        ),
      );
    const mine = own.map((f) => ({ ...f, hash: stored(f.hash) }));
    const skip = new Set(commonHashes);
    // The best match per other learner: one flag per pair of learners for this submission.
    const best = new Map<string, { submissionId: string; score: number; regions: Region[] }>();
    for (const candidate of candidates) {
      const prints: Fingerprint[] = theirs
        .filter((f) => f.submissionId === candidate.submission_id)
        .map((f) => ({ hash: f.hash, span: { startLine: f.startLine, endLine: f.endLine } }));
      const result = compare(mine, prints, skip);
      if (result.score < input.threshold || result.shared < DEFAULT_MIN_SHARED) continue;
      const seen = best.get(candidate.user_id);
      if (!seen || seen.score < result.score)
        best.set(candidate.user_id, { submissionId: candidate.submission_id, ...result });
    }
    const matches: SimilarityMatch[] = [];
    for (const [otherUserId, match] of best) {
      const score = Math.round(match.score * 1000) / 1000;
      const [flag] = await tx
        .insert(flags)
        .values({
          submissionId: input.submissionId,
          source: 'similarity',
          reason: 'similarity',
          otherSubmissionId: match.submissionId,
          similarity: score,
          details: { regions: match.regions, threshold: input.threshold },
        })
        .onConflictDoNothing()
        .returning({ id: flags.id });
      if (flag) matches.push({ flagId: flag.id, otherSubmissionId: match.submissionId, otherUserId, score });
    }
    return matches;
  });
}
