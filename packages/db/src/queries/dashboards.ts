// The coordination's dashboard: completion and scores by university, discipline, cohort, group and
// tutor, activity, learners at risk and tutor activity. Reads the summary tables of migration 0007
// (learner_module_stats, learner_activity_days/weeks) and indexed windows of the tutors' tables,
// never a scan of submissions or activity_log. A tutor's dashboard is the same, scoped to their groups.
import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { sharedResults } from '../schema/index.ts';

export interface DashboardScope {
  /** Only these groups (a tutor's); undefined = every group. */
  groupIds?: string[];
  cohortId?: string;
  universityId?: string;
  disciplineId?: string;
}

/** Rows of a raw query, whichever engine answered (postgres.js gives an array, PGlite `{ rows }`). */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return ((result as unknown as { rows?: T[] }).rows ?? (result as unknown as T[])) as T[];
}

const DAY_MS = 86_400_000;
/** A day in Lomé time (UTC+0, no daylight saving): `YYYY-MM-DD`. */
export const lomeDay = (at: Date): string => at.toISOString().slice(0, 10);
/** The Monday of `at`'s week in Lomé time. */
export const lomeWeek = (at: Date): string => {
  const day = new Date(`${lomeDay(at)}T00:00:00Z`);
  return lomeDay(new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS));
};

/** The student memberships in scope: learner, group, university, cohort. */
function scopedLearners(scope: DashboardScope): SQL {
  const where: SQL[] = [sql`m.role = 'student'`];
  if (scope.groupIds) {
    where.push(
      scope.groupIds.length === 0
        ? sql`false`
        : sql`m.group_id in (${sql.join(
            scope.groupIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
  }
  if (scope.cohortId) where.push(sql`g.cohort_id = ${scope.cohortId}::uuid`);
  if (scope.universityId) where.push(sql`g.university_id = ${scope.universityId}::uuid`);
  return sql`select m.user_id, m.group_id, g.university_id, g.cohort_id
    from memberships m join groups g on g.id = m.group_id
    where ${sql.join(where, sql` and `)}`;
}

/** Exercises of each module's latest published version: the denominator of completion. */
const moduleSizes = sql`select distinct on (mv.module_id) mv.module_id,
    (select count(*) from exercises e where e.module_version_id = mv.id)::int as exercises
  from module_versions mv where mv.status = 'published'
  order by mv.module_id, mv.version desc`;

export interface GroupDisciplineRow {
  groupId: string;
  groupName: string;
  universityId: string;
  cohortId: string;
  disciplineId: string;
  learners: number;
  enrolments: number;
  /** Sum over enrolments of exercises passed / exercises of the module. */
  completionSum: number;
  scoreSum: number;
  maxSum: number;
}

/** Per group and discipline: enrolments, summed completion and scores (the JS adds them up). */
export async function listGroupDisciplineFigures(
  db: Db,
  scope: DashboardScope,
): Promise<GroupDisciplineRow[]> {
  return rowsOf<GroupDisciplineRow>(db, groupDisciplineFiguresQuery(scope));
}

export function groupDisciplineFiguresQuery(scope: DashboardScope): SQL {
  const discipline = scope.disciplineId ? sql`and mo.discipline_id = ${scope.disciplineId}` : sql``;
  // Per learner and discipline first, then per group: two hash aggregations, no sort of the
  // enrolments (count(distinct) would sort them all).
  return sql`with l as (${scopedLearners(scope)}), sizes as (${moduleSizes}),
    per_learner as (
      select l.group_id, mo.discipline_id, count(*) as enrolments,
        sum(least(1, coalesce(s.exercises_passed, 0)::float8 / nullif(z.exercises, 0))) as completion,
        sum(s.score_sum) as score_sum, sum(s.max_sum) as max_sum
      from l
      join enrolments en on en.user_id = l.user_id
      join modules mo on mo.id = en.module_id ${discipline}
      join sizes z on z.module_id = en.module_id
      left join learner_module_stats s on s.user_id = en.user_id and s.module_id = en.module_id
      group by l.group_id, mo.discipline_id, l.user_id
    ), per_group as (
      select group_id, discipline_id, count(*)::int as learners, sum(enrolments)::int as enrolments,
        coalesce(sum(completion), 0)::float8 as completion, coalesce(sum(score_sum), 0)::float8 as score_sum,
        coalesce(sum(max_sum), 0)::float8 as max_sum
      from per_learner group by group_id, discipline_id
    )
    select p.group_id as "groupId", g.name as "groupName", g.university_id as "universityId",
      g.cohort_id as "cohortId", p.discipline_id as "disciplineId", p.learners, p.enrolments,
      p.completion as "completionSum", p.score_sum as "scoreSum", p.max_sum as "maxSum"
    from per_group p join groups g on g.id = p.group_id`;
}

export interface GroupActivityRow {
  groupId: string;
  groupName: string;
  universityId: string;
  cohortId: string;
  learners: number;
  activeThisWeek: number;
  inactive7Days: number;
}

/** Per group: learners, those active this week (since Monday) and those with no activity for 7 days. */
export async function listGroupActivity(
  db: Db,
  scope: DashboardScope,
  now: Date,
): Promise<GroupActivityRow[]> {
  return rowsOf<GroupActivityRow>(db, groupActivityQuery(scope, now));
}

export function groupActivityQuery(scope: DashboardScope, now: Date): SQL {
  const week = lomeWeek(now);
  const since = lomeDay(new Date(now.getTime() - 6 * DAY_MS));
  return sql`with l as (${scopedLearners(scope)})
    select l.group_id as "groupId", g.name as "groupName", l.university_id as "universityId",
      l.cohort_id as "cohortId", count(*)::int as learners,
      count(*) filter (where exists (select 1 from learner_activity_weeks w
        where w.user_id = l.user_id and w.week = ${week}::date))::int as "activeThisWeek",
      count(*) filter (where not exists (select 1 from learner_activity_days d
        where d.user_id = l.user_id and d.day >= ${since}::date))::int as "inactive7Days"
    from l join groups g on g.id = l.group_id
    group by l.group_id, g.name, l.university_id, l.cohort_id`;
}

/** Learners active in each of the last `weeks` weeks (Monday, count), oldest first. */
export async function listWeeklyActivity(
  db: Db,
  scope: DashboardScope,
  now: Date,
  weeks = 12,
): Promise<Array<{ week: string; learners: number }>> {
  const first = firstWeek(now, weeks);
  const counted = await rowsOf<{ week: string; learners: number }>(
    db,
    weeklyActivityQuery(scope, now, weeks),
  );
  const byWeek = new Map(counted.map((r) => [r.week, r.learners]));
  return Array.from({ length: weeks }, (_, i) => {
    const week = lomeDay(new Date(new Date(`${first}T00:00:00Z`).getTime() + i * 7 * DAY_MS));
    return { week, learners: byWeek.get(week) ?? 0 };
  });
}

const firstWeek = (now: Date, weeks: number) =>
  lomeDay(new Date(new Date(`${lomeWeek(now)}T00:00:00Z`).getTime() - (weeks - 1) * 7 * DAY_MS));

export function weeklyActivityQuery(scope: DashboardScope, now: Date, weeks = 12): SQL {
  const last = lomeWeek(now);
  const first = firstWeek(now, weeks);
  return sql`with l as (select distinct user_id from (${scopedLearners(scope)}) x)
    select to_char(w.week, 'YYYY-MM-DD') as week, count(*)::int as learners
    from learner_activity_weeks w join l on l.user_id = w.user_id
    where w.week between ${first}::date and ${last}::date
    group by w.week`;
}

export interface AtRiskRow {
  learnerId: string;
  displayName: string;
  groupId: string;
  groupName: string;
  tutorName: string | null;
  lastActiveOn: string | null;
  inactive: boolean;
  /** Modules where most graded attempts failed (at least 3 attempts). */
  failingModules: string[];
  /** Modules whose group deadline has passed with exercises never graded. */
  overdueModules: string[];
}

/**
 * Learners at risk: no activity for 7 days, or failing most attempts in a module (3 or more
 * graded, more than half under half the marks). The first `limit`, by group then name, and the count.
 */
export async function listLearnersAtRisk(
  db: Db,
  scope: DashboardScope,
  now: Date,
  limit = 100,
): Promise<{ total: number; learners: AtRiskRow[] }> {
  const rows = await rowsOf<AtRiskRow & { total: number }>(db, learnersAtRiskQuery(scope, now, limit));
  return {
    total: rows[0]?.total ?? 0,
    learners: rows.map(({ total: _total, ...row }) => row),
  };
}

export function learnersAtRiskQuery(scope: DashboardScope, now: Date, limit = 100): SQL {
  const since = lomeDay(new Date(now.getTime() - 6 * DAY_MS));
  const discipline = scope.disciplineId ? sql`and mo.discipline_id = ${scope.disciplineId}` : sql``;
  return sql`with l as (${scopedLearners(scope)}),
    -- The modules past a group's deadline, with the size of their latest published version.
    due as (
      select gm.group_id, gm.module_id, mo.slug,
        (select count(*) from exercises e where e.module_version_id = (select v.id from module_versions v
          where v.module_id = gm.module_id and v.status = 'published' order by v.version desc limit 1)) as exercises
      from group_modules gm join modules mo on mo.id = gm.module_id ${discipline}
      where gm.due_at < ${now.toISOString()}::timestamptz
    ),
    -- Past it with exercises never graded.
    overdue as (
      select l.user_id, array_agg(due.slug order by due.slug) as slugs
      from l join due on due.group_id = l.group_id
      left join learner_module_stats s on s.user_id = l.user_id and s.module_id = due.module_id
      where coalesce(s.exercises_attempted, 0) < due.exercises
      group by l.user_id
    ),
    risk as (
      select l.user_id, l.group_id,
        not exists (select 1 from learner_activity_days d where d.user_id = l.user_id and d.day >= ${since}::date) as inactive,
        coalesce((select array_agg(mo.slug order by mo.slug) from learner_module_stats s
          join modules mo on mo.id = s.module_id ${discipline}
          where s.user_id = l.user_id and s.attempts >= 3 and s.failed_attempts * 2 > s.attempts), '{}') as failing,
        coalesce(overdue.slugs, '{}') as overdue
      from l left join overdue on overdue.user_id = l.user_id
    ), flagged as (
      select * from risk where inactive or cardinality(failing) > 0 or cardinality(overdue) > 0
    ), page as (
      select f.*, g.name as group_name, u.display_name, count(*) over () as total
      from flagged f join groups g on g.id = f.group_id join users u on u.id = f.user_id
      order by g.name, u.display_name, f.user_id
      limit ${limit}
    )
    select p.user_id as "learnerId", p.display_name as "displayName", p.group_id as "groupId",
      p.group_name as "groupName", p.inactive, p.failing as "failingModules",
      p.overdue as "overdueModules", p.total::int as total,
      (select string_agg(tu.display_name, ', ' order by tu.display_name) from memberships tm
        join users tu on tu.id = tm.user_id where tm.group_id = p.group_id and tm.role = 'tutor') as "tutorName",
      (select to_char(max(d.day), 'YYYY-MM-DD') from learner_activity_days d where d.user_id = p.user_id) as "lastActiveOn"
    from page p
    order by p.group_name, p.display_name, p.user_id`;
}

export interface TutorActivityRow {
  tutorId: string;
  displayName: string;
  groups: number;
  learners: number;
  liveSessions: number;
  helpAnswered: number;
  /** Median seconds from a help request to its taking, over the window; null without any. */
  medianResponseSeconds: number | null;
  feedbackGiven: number;
  /** Learners with no message to them and no help request answered in the last 14 days. */
  learnersWithoutContact: number;
}

/**
 * Each tutor of the groups in scope over the last `days` days: live sessions held, help requests
 * answered and the median time to answer, messages sent (feedback), learners without contact for 14 days.
 */
export async function listTutorActivity(
  db: Db,
  scope: DashboardScope,
  now: Date,
  days = 30,
): Promise<TutorActivityRow[]> {
  return rowsOf<TutorActivityRow>(db, tutorActivityQuery(scope, now, days));
}

export function tutorActivityQuery(scope: DashboardScope, now: Date, days = 30): SQL {
  const since = new Date(now.getTime() - days * DAY_MS);
  const contactSince = new Date(now.getTime() - 14 * DAY_MS);
  return sql`with l as (${scopedLearners(scope)}),
    tg as (
      select distinct t.user_id as tutor_id, t.group_id from memberships t
      where t.role = 'tutor' and t.group_id in (select group_id from l)
    ),
    uncontacted as (
      select l.group_id, count(*)::int as n from l
      where not exists (select 1 from tutor_messages tm where tm.recipient_id = l.user_id and tm.created_at >= ${contactSince.toISOString()}::timestamptz)
        and not exists (select 1 from help_requests h where h.user_id = l.user_id and h.taken_at >= ${contactSince.toISOString()}::timestamptz)
      group by l.group_id
    ),
    group_sizes as (
      select l.group_id, count(*)::int as n from l group by l.group_id
    ),
    per_tutor as (
      select tg.tutor_id, count(*)::int as groups,
        coalesce(sum(gs.n), 0)::int as learners,
        coalesce(sum(u.n), 0)::int as uncontacted
      from tg
      left join group_sizes gs on gs.group_id = tg.group_id
      left join uncontacted u on u.group_id = tg.group_id
      group by tg.tutor_id
    )
    select p.tutor_id as "tutorId", us.display_name as "displayName", p.groups, p.learners,
      (select count(*) from live_sessions s where s.tutor_id = p.tutor_id and s.started_at >= ${since.toISOString()}::timestamptz)::int as "liveSessions",
      h.answered as "helpAnswered", h.median as "medianResponseSeconds",
      (select count(*) from tutor_messages m where m.sender_id = p.tutor_id and m.created_at >= ${since.toISOString()}::timestamptz)::int as "feedbackGiven",
      p.uncontacted as "learnersWithoutContact"
    from per_tutor p
    join users us on us.id = p.tutor_id
    cross join lateral (
      select count(*)::int as answered,
        (percentile_cont(0.5) within group (order by extract(epoch from hr.taken_at - hr.created_at)))::float8 as median
      from help_requests hr where hr.taken_by = p.tutor_id and hr.taken_at >= ${since.toISOString()}::timestamptz
    ) h
    order by us.display_name, p.tutor_id`;
}

/** The filters' choices: cohorts, universities, disciplines. */
export async function listDashboardFilters(db: Db) {
  const [cohorts, universities, disciplines] = await Promise.all([
    rowsOf<{ id: string; name: string }>(db, sql`select id, name from cohorts order by starts_on desc, name`),
    rowsOf<{ id: string; name: string }>(db, sql`select id, name from universities order by name`),
    rowsOf<{ id: string; nameFr: string; nameEn: string }>(
      db,
      sql`select id, name_fr as "nameFr", name_en as "nameEn" from disciplines order by id`,
    ),
  ]);
  return { cohorts, universities, disciplines };
}

/** Group id → tutors' names, for the groups in scope. */
export async function listGroupTutors(
  db: Db,
  scope: DashboardScope,
): Promise<Array<{ groupId: string; tutorId: string; displayName: string }>> {
  return rowsOf(
    db,
    sql`select distinct t.group_id as "groupId", t.user_id as "tutorId", u.display_name as "displayName"
    from memberships t join users u on u.id = t.user_id
    where t.role = 'tutor' and t.group_id in (select group_id from (${scopedLearners(scope)}) l)`,
  );
}

/** A result an instance left for the others (`shared_results`), or undefined. */
export async function findSharedResult(
  db: Db,
  key: string,
): Promise<{ value: unknown; computedAt: Date } | undefined> {
  const [row] = await db
    .select({ value: sharedResults.value, computedAt: sharedResults.computedAt })
    .from(sharedResults)
    .where(eq(sharedResults.key, key))
    .limit(1);
  return row;
}

/** Leaves a result for the other instances; a newer one already there stays. */
export async function saveSharedResult(db: Db, key: string, value: unknown, computedAt: Date): Promise<void> {
  await db
    .insert(sharedResults)
    .values({ key, value, computedAt })
    .onConflictDoUpdate({
      target: sharedResults.key,
      set: { value, computedAt },
      setWhere: sql`${sharedResults.computedAt} < excluded.computed_at`,
    });
}
