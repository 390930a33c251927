// Flags raised by the machine (sandbox anomalies, pastes, low-confidence verdicts) and by learners
// (appeals), and what a learner or a tutor may see of the flags and reviews of their submissions.
// The graders' side (queue, claims, decisions) lives in reviews.ts.
import { and, desc, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  activityLog,
  auditLog,
  exercises,
  flags,
  moduleVersions,
  reviews,
  submissions,
} from '../schema/index.ts';
import { rowsOf } from './dashboards.ts';
import { isUniqueViolation } from './studio.ts';

type FlagSource = (typeof flags.$inferInsert)['source'];

/**
 * The ids of every version of an exercise: the same slug in the same module. A learner's work on an
 * exercise is matched across versions by slug (docs/adr/0008-module-versions.md).
 */
function sameExercise(exerciseId: string): SQL {
  return sql`(
    select e2.id from ${exercises} e2
    join ${moduleVersions} v2 on v2.id = e2.module_version_id
    where (e2.slug, v2.module_id) = (
      select e1.slug, v1.module_id from ${exercises} e1
      join ${moduleVersions} v1 on v1.id = e1.module_version_id
      where e1.id = ${exerciseId}
    )
  )`;
}

export interface MachineFlag {
  submissionId: string;
  source: Exclude<FlagSource, 'tutor' | 'appeal' | 'similarity'>;
  /** A short reason in French for the record; the queue renders its own from `details`. */
  reason: string;
  details: Record<string, unknown>;
  now: Date;
  /**
   * Raise it only while no flag of this source (and of this `details.kind`, when given) is open on
   * any of the learner's submissions to the same exercise: one open flag per learner, exercise, kind.
   */
  oncePer?: { userId: string; exerciseId: string; kind?: string };
}

/** Raises a machine flag; answers its id, or undefined when an open one already stands for it. */
export async function insertMachineFlag(db: Db, flag: MachineFlag): Promise<string | undefined> {
  const { oncePer } = flag;
  const details = JSON.stringify(flag.details);
  // One statement, so that two gradings finishing together rarely both raise it.
  const guard = oncePer
    ? sql`where not exists (
        select 1 from ${flags} f join ${submissions} s on s.id = f.submission_id
        where s.user_id = ${oncePer.userId}
          and s.exercise_id in ${sameExercise(oncePer.exerciseId)}
          and f.source = ${flag.source} and f.status = 'open'
          ${oncePer.kind ? sql`and f.details->>'kind' = ${oncePer.kind}` : sql``}
      )`
    : sql``;
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`insert into ${flags} (submission_id, source, reason, details, created_at)
      select ${flag.submissionId}::uuid, ${flag.source}, ${flag.reason}, ${details}::jsonb, ${flag.now.toISOString()}::timestamptz
      ${guard}
      returning id`,
  );
  return rows[0]?.id;
}

/**
 * Withdraws the open machine flags of a `details.kind` whose `details.submissionIds` name a
 * submission whose new grade took their ground away (a series of errors, one of which an
 * administrator's retry has now graded): deleted, unless a grader holds a live claim on one (they
 * decide it), each with an audit line keeping what it said. Answers the withdrawn flags' ids.
 */
export async function withdrawMachineFlags(
  db: Db,
  input: { userId: string; submissionId: string; kind: string; reason: string; now: Date },
): Promise<string[]> {
  const named = JSON.stringify([input.submissionId]);
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`with gone as (
      delete from ${flags} f using ${submissions} s
      where s.id = f.submission_id and s.user_id = ${input.userId}
        and f.status = 'open' and f.source = 'sandbox' and f.details->>'kind' = ${input.kind}
        and f.details->'submissionIds' @> ${named}::jsonb
        and (f.claimed_by is null or f.claim_expires_at <= ${input.now.toISOString()}::timestamptz)
      returning f.id, f.submission_id, f.reason, f.details, f.created_at
    )
    insert into ${auditLog} (at, action, subject_type, subject_id, before, reason)
    select ${input.now.toISOString()}::timestamptz, 'flag.withdrawn', 'flag', gone.id::text,
      jsonb_build_object('submissionId', gone.submission_id, 'reason', gone.reason,
        'details', gone.details, 'createdAt', gone.created_at),
      ${input.reason}
    from gone
    returning subject_id as id`,
  );
  return rows.map((r) => r.id);
}

/** A learner's last graded (or failed) submissions to an exercise, any version, newest first. */
export async function listLastOutcomes(
  db: Db,
  userId: string,
  exerciseId: string,
  limit: number,
): Promise<Array<{ id: string; status: string; resultStatus: string | null }>> {
  return db
    .select({
      id: submissions.id,
      status: submissions.status,
      resultStatus: sql<string | null>`${submissions.results}->>'status'`,
    })
    .from(submissions)
    .where(
      and(
        eq(submissions.userId, userId),
        inArray(submissions.exerciseId, sameExercise(exerciseId)),
        inArray(submissions.status, ['graded', 'error']),
      ),
    )
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(limit);
}

/** Records the pastes an editor reported with a draft save (activity `draft.paste`). */
export async function logPastes(
  db: Db,
  entry: {
    userId: string;
    groupId?: string | null;
    exerciseId: string;
    pastes: Array<{ chars: number; intoEmpty: boolean; msSinceOpen: number }>;
    now: Date;
  },
): Promise<void> {
  if (entry.pastes.length === 0) return;
  await db.insert(activityLog).values(
    entry.pastes.map((p) => ({
      userId: entry.userId,
      groupId: entry.groupId ?? null,
      kind: 'draft.paste',
      exerciseId: entry.exerciseId,
      data: { chars: p.chars, intoEmpty: p.intoEmpty, msSinceOpen: p.msSinceOpen },
      createdAt: entry.now,
    })),
  );
}

/** The pastes a learner made into an exercise (any version) since a time, newest first. */
export async function listPastesSince(
  db: Db,
  userId: string,
  exerciseId: string,
  since: Date,
): Promise<Array<{ chars: number; intoEmpty: boolean; msSinceOpen: number; at: Date }>> {
  const rows = await db
    .select({ data: activityLog.data, at: activityLog.createdAt })
    .from(activityLog)
    .where(
      and(
        eq(activityLog.userId, userId),
        eq(activityLog.kind, 'draft.paste'),
        inArray(activityLog.exerciseId, sameExercise(exerciseId)),
        gte(activityLog.createdAt, since),
      ),
    )
    .orderBy(desc(activityLog.createdAt));
  return rows.map(({ data, at }) => {
    const d = data as { chars?: unknown; intoEmpty?: unknown; msSinceOpen?: unknown };
    return {
      chars: Number(d.chars) || 0,
      intoEmpty: d.intoEmpty === true,
      msSinceOpen: Number(d.msSinceOpen) || 0,
      at,
    };
  });
}

/**
 * A learner contests their submission's grade. Undefined when they already did (one appeal per
 * submission, held by the unique index flags_one_appeal_idx).
 */
export async function insertAppeal(
  db: Db,
  appeal: { submissionId: string; userId: string; comment: string; now: Date },
): Promise<{ id: string; createdAt: Date } | undefined> {
  try {
    const [row] = await db
      .insert(flags)
      .values({
        submissionId: appeal.submissionId,
        source: 'appeal',
        reason: appeal.comment,
        raisedBy: appeal.userId,
        createdAt: appeal.now,
      })
      .returning({ id: flags.id, createdAt: flags.createdAt });
    return row;
  } catch (error) {
    if (isUniqueViolation(error, 'flags_one_appeal_idx')) return undefined;
    throw error;
  }
}

export interface SubmissionFlagRow {
  submissionId: string;
  flagId: string;
  source: FlagSource;
  status: 'open' | 'resolved';
  reason: string;
  createdAt: Date;
  decision: (typeof reviews.$inferSelect)['decision'] | null;
  previousScore: number | null;
  newScore: number | null;
  comment: string | null;
  decidedAt: Date | null;
}

/** Every flag of some submissions with its review if decided, oldest first: one query for a list. */
export async function listSubmissionFlags(db: Db, submissionIds: string[]): Promise<SubmissionFlagRow[]> {
  if (submissionIds.length === 0) return [];
  return db
    .select({
      submissionId: flags.submissionId,
      flagId: flags.id,
      source: flags.source,
      status: flags.status,
      reason: flags.reason,
      createdAt: flags.createdAt,
      decision: reviews.decision,
      previousScore: reviews.previousScore,
      newScore: reviews.newScore,
      comment: reviews.comment,
      decidedAt: reviews.createdAt,
    })
    .from(flags)
    .leftJoin(reviews, eq(reviews.flagId, flags.id))
    .where(inArray(flags.submissionId, submissionIds))
    .orderBy(flags.createdAt, flags.id);
}
