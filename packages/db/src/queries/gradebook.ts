// The gradebook (a group's learners × a module's exercises) and a learner's report, both read from
// the summary tables of migration 0007 (learner_exercise_stats, learner_module_stats, activity weeks).
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { lomeDay, lomeWeek, rowsOf } from './dashboards.ts';

export interface GradebookCellRow {
  userId: string;
  exerciseSlug: string;
  bestScore: number;
  maxScore: number;
  attempts: number;
  failedAttempts: number;
  lastAttemptAt: string;
  bestSubmissionId: string | null;
}

/** The best scores of some learners on a module's exercises (by slug, across versions). */
export async function listGradebookCells(
  db: Db,
  moduleId: string,
  learnerIds: string[],
): Promise<GradebookCellRow[]> {
  if (learnerIds.length === 0) return [];
  return rowsOf<GradebookCellRow>(db, gradebookCellsQuery(moduleId, learnerIds));
}

export function gradebookCellsQuery(moduleId: string, learnerIds: string[]): SQL {
  return sql`select user_id as "userId", exercise_slug as "exerciseSlug", best_score::float8 as "bestScore",
      max_score::float8 as "maxScore", attempts, failed_attempts as "failedAttempts",
      to_char(last_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastAttemptAt",
      best_submission_id as "bestSubmissionId"
    from learner_exercise_stats
    where module_id = ${moduleId}::uuid and user_id in (${sql.join(
      learnerIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`;
}

export interface LearnerReportModuleRow {
  moduleId: string;
  slug: string;
  title: string;
  titleEn: string | null;
  disciplineId: string;
  exercises: number;
  exercisesAttempted: number;
  exercisesPassed: number;
  scoreSum: number;
  maxSum: number;
  attempts: number;
  failedAttempts: number;
  lastAttemptAt: string | null;
}

/** A learner's enrolled modules with their summary (latest published version's size). */
export async function listLearnerModuleStats(db: Db, learnerId: string): Promise<LearnerReportModuleRow[]> {
  return rowsOf<LearnerReportModuleRow>(
    db,
    sql`select mo.id as "moduleId", mo.slug, v.title, v.en->>'title' as "titleEn",
      mo.discipline_id as "disciplineId",
      (select count(*) from exercises e where e.module_version_id = v.id)::int as exercises,
      coalesce(s.exercises_attempted, 0) as "exercisesAttempted",
      coalesce(s.exercises_passed, 0) as "exercisesPassed",
      coalesce(s.score_sum, 0)::float8 as "scoreSum", coalesce(s.max_sum, 0)::float8 as "maxSum",
      coalesce(s.attempts, 0) as attempts, coalesce(s.failed_attempts, 0) as "failedAttempts",
      to_char(s.last_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastAttemptAt"
    from enrolments en
    join modules mo on mo.id = en.module_id
    join lateral (select mv.id, mv.title, mv.en from module_versions mv
      where mv.module_id = mo.id and mv.status = 'published' order by mv.version desc limit 1) v on true
    left join learner_module_stats s on s.user_id = en.user_id and s.module_id = en.module_id
    where en.user_id = ${learnerId}::uuid
    order by mo.slug`,
  );
}

/** A learner's exercise summaries in all modules. */
export async function listLearnerExerciseStats(db: Db, learnerId: string) {
  return rowsOf<GradebookCellRow & { moduleId: string }>(
    db,
    sql`select user_id as "userId", module_id as "moduleId", exercise_slug as "exerciseSlug",
      best_score::float8 as "bestScore", max_score::float8 as "maxScore", attempts,
      failed_attempts as "failedAttempts",
      to_char(last_attempt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastAttemptAt",
      best_submission_id as "bestSubmissionId"
    from learner_exercise_stats where user_id = ${learnerId}::uuid`,
  );
}

/** A learner's weekly activity (events) over the last `weeks` weeks, and their last active day. */
export async function findLearnerActivity(
  db: Db,
  learnerId: string,
  now: Date,
  weeks = 12,
): Promise<{ weeks: Array<{ week: string; events: number }>; lastActiveOn: string | null }> {
  const last = lomeWeek(now);
  const firstMs = new Date(`${last}T00:00:00Z`).getTime() - (weeks - 1) * 7 * 86_400_000;
  const [rows, lastDay] = await Promise.all([
    rowsOf<{ week: string; events: number }>(
      db,
      sql`select to_char(week, 'YYYY-MM-DD') as week, events from learner_activity_weeks
      where user_id = ${learnerId}::uuid and week between ${lomeDay(new Date(firstMs))}::date and ${last}::date`,
    ),
    rowsOf<{ day: string | null }>(
      db,
      sql`select to_char(max(day), 'YYYY-MM-DD') as day from learner_activity_days where user_id = ${learnerId}::uuid`,
    ),
  ]);
  const byWeek = new Map(rows.map((r) => [r.week, r.events]));
  return {
    weeks: Array.from({ length: weeks }, (_, i) => {
      const week = lomeDay(new Date(firstMs + i * 7 * 86_400_000));
      return { week, events: byWeek.get(week) ?? 0 };
    }),
    lastActiveOn: lastDay[0]?.day ?? null,
  };
}
