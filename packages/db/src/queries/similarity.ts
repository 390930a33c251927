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
import { exercises, flags, moduleVersions, submissionFingerprints, submissions } from '../schema/index.ts';

/** Flag two learners' submissions at or above this similarity unless the exercise sets its own. */
export const DEFAULT_SIMILARITY_THRESHOLD = DEFAULT_THRESHOLD;
/** How many of the submissions sharing the most fingerprints are compared in full. */
const CANDIDATES = 10;

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
    const [version] = await tx
      .select({ moduleId: moduleVersions.moduleId })
      .from(moduleVersions)
      .where(eq(moduleVersions.id, input.moduleVersionId));
    if (!version) return [];
    const { moduleId } = version;
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`similarity:${moduleId}:${input.exerciseSlug}`}))`,
    );
    await tx
      .delete(submissionFingerprints)
      .where(eq(submissionFingerprints.submissionId, input.submissionId));
    if (own.length === 0) return [];
    await tx.insert(submissionFingerprints).values(
      own.map((f) => ({
        moduleId: moduleId,
        exerciseSlug: input.exerciseSlug,
        hash: stored(f.hash),
        submissionId: input.submissionId,
        userId: input.userId,
        startLine: f.span.startLine,
        endLine: f.span.endLine,
      })),
    );
    const hashes = [...new Set(own.map((f) => stored(f.hash)))];
    // Common code, not a sign of copying: a fingerprint found in more than a tenth of the
    // exercise's submissions (once there are enough of them), as the in-memory index rules.
    const entries = await countEntries(tx, moduleId, input.exerciseSlug);
    const common = Math.max(DEFAULT_MIN_COMMON_ENTRIES, Math.floor(entries * DEFAULT_MAX_ENTRY_SHARE));
    const where = sql`f.module_id = ${moduleId} and f.exercise_slug = ${input.exerciseSlug}`;
    const hashList = sql`(select unnest(${`{${hashes.join(',')}}`}::int[]) as hash)`;
    const frequent = await rowsOf<{ hash: number }>(
      tx,
      sql`
      select f.hash from submission_fingerprints f join ${hashList} q on q.hash = f.hash
      where ${where} group by f.hash having count(distinct f.submission_id) > ${common}`,
    );
    const commonHashes = new Set(frequent.map((r) => Number(r.hash)));
    const wanted = hashes.filter((h) => !commonHashes.has(h));
    if (wanted.length === 0) return [];
    const candidates = await rowsOf<{ submission_id: string; user_id: string; shared: number }>(
      tx,
      sql`
        select f.submission_id, f.user_id, count(distinct f.hash)::int as shared
        from submission_fingerprints f
        where ${where} and f.user_id <> ${input.userId}
          and f.hash = any(${`{${wanted.join(',')}}`}::int[])
        group by f.submission_id, f.user_id
        having count(distinct f.hash) >= ${DEFAULT_MIN_SHARED}
        order by shared desc
        limit ${CANDIDATES}`,
    );
    if (candidates.length === 0) return [];
    const theirs = await tx
      .select()
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

/** Submissions fingerprinted for the exercise (graded code, any version of its module). */
async function countEntries(db: Db, moduleId: string, slug: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(submissions)
    .innerJoin(exercises, eq(exercises.id, submissions.exerciseId))
    .innerJoin(moduleVersions, eq(moduleVersions.id, exercises.moduleVersionId))
    .where(
      and(
        eq(moduleVersions.moduleId, moduleId),
        eq(exercises.slug, slug),
        eq(submissions.kind, 'code'),
        eq(submissions.status, 'graded'),
      ),
    );
  return row?.n ?? 0;
}
