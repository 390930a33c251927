// The dashboards' heavy queries read the summary tables of migration 0007 through their indexes and
// never touch submissions, runs or activity_log. Plans are asked of a small seeded programme with
// sequential scans discouraged (enable_seqscan = off), so that a table too small for an index to pay
// off still shows which index the query can use. Runs on PGlite by default, PostgreSQL with DATABASE_URL.
import { sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_PROGRAMME, seedProgramme } from '../seed/programme.ts';
import { createTestDatabase, type TestDatabase } from '../test-support/index.ts';
import {
  groupActivityQuery,
  groupDisciplineFiguresQuery,
  learnersAtRiskQuery,
  rowsOf,
  tutorActivityQuery,
  weeklyActivityQuery,
  type DashboardScope,
} from './dashboards.ts';
import { gradebookCellsQuery } from './gradebook.ts';

let database: TestDatabase;
let groupId = '';
let moduleId = '';
let learnerIds: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  await seedProgramme(database.db, {
    ...FULL_PROGRAMME,
    students: 170,
    groups: 10,
    submissionsPerLearner: 12,
    runsPerLearner: 6,
    activityPerLearner: 12,
    helpRequestsPerLearner: 2,
    messagesPerLearner: 2,
    slice: 100,
  });
  const [group] = await rowsOf<{ id: string }>(
    database.db,
    sql`select id from groups where name = 'Groupe P0001'`,
  );
  groupId = group!.id;
  learnerIds = (
    await rowsOf<{ id: string }>(
      database.db,
      sql`select user_id as id from memberships where group_id = ${groupId} and role = 'student'`,
    )
  ).map((r) => r.id);
  const [module] = await rowsOf<{ id: string }>(
    database.db,
    sql`select module_id as id from learner_module_stats group by module_id order by count(*) desc limit 1`,
  );
  moduleId = module!.id;
}, 120_000);

afterAll(async () => {
  await database.close();
});

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

const nodesOf = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodesOf)];

/** Every node of the query's plan, sequential scans discouraged. */
async function planOf(query: SQL): Promise<PlanNode[]> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    const [row] = await rowsOf<Record<string, unknown>>(tx, sql`explain (format json) ${query}`);
    const raw = Object.values(row!)[0];
    const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
    return nodesOf(plan[0]!.Plan);
  });
}

const HEAVY = ['submissions', 'runs', 'activity_log'];
const SUMMARIES = [
  'learner_module_stats',
  'learner_exercise_stats',
  'learner_activity_days',
  'learner_activity_weeks',
];

function expectIndexedSummaries(nodes: PlanNode[], expected: string[]) {
  const relations = nodes.filter((n) => n['Relation Name']).map((n) => n['Relation Name']!);
  expect(relations.filter((r) => HEAVY.includes(r))).toEqual([]);
  for (const table of expected) expect(relations).toContain(table);
  const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
  expect(seqScans.filter((r) => SUMMARIES.includes(r!))).toEqual([]);
}

const now = new Date();
const scopes: Array<[string, () => DashboardScope]> = [
  ['the programme', () => ({})],
  ['a tutor', () => ({ groupIds: [groupId] })],
  ['a filter', () => ({ disciplineId: 'programming' })],
];

describe.each(scopes)("the dashboard's plans for %s", (_name, scope) => {
  it('reads completion and scores from learner_module_stats', async () => {
    expectIndexedSummaries(await planOf(groupDisciplineFiguresQuery(scope())), ['learner_module_stats']);
  });

  it('reads activity from the activity days and weeks', async () => {
    expectIndexedSummaries(await planOf(groupActivityQuery(scope(), now)), [
      'learner_activity_days',
      'learner_activity_weeks',
    ]);
    expectIndexedSummaries(await planOf(weeklyActivityQuery(scope(), now)), ['learner_activity_weeks']);
  });

  it('finds learners at risk from the summaries', async () => {
    expectIndexedSummaries(await planOf(learnersAtRiskQuery(scope(), now)), [
      'learner_activity_days',
      'learner_module_stats',
    ]);
  });

  it("reads tutors' activity through the tutors' indexes", async () => {
    const nodes = await planOf(tutorActivityQuery(scope(), now));
    expectIndexedSummaries(nodes, []);
    const indexes = nodes.map((n) => n['Index Name']).filter(Boolean);
    expect(indexes).toEqual(
      expect.arrayContaining(['tutor_messages_sender_created_idx', 'live_sessions_tutor_started_idx']),
    );
    // Help requests answered lately: by tutor and time, or by time (the planner picks either).
    expect(indexes.some((name) => /^help_requests_taken(_at)?_idx$/.test(name!))).toBe(true);
    const seqScans = nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
    expect(seqScans.filter((r) => ['help_requests', 'tutor_messages', 'live_sessions'].includes(r!))).toEqual(
      [],
    );
  });
});

describe("the gradebook's plan", () => {
  it('reads best scores from learner_exercise_stats by its key', async () => {
    expectIndexedSummaries(await planOf(gradebookCellsQuery(moduleId, learnerIds)), [
      'learner_exercise_stats',
    ]);
  });
});

describe('the seeded programme', () => {
  it('keeps, for each graded submission, the done job that graded it', async () => {
    const [counts] = await rowsOf<{ submissions: number; jobs: number; done: number }>(
      database.db,
      sql`select (select count(*)::int from submissions) as submissions,
        (select count(*)::int from grading_jobs) as jobs,
        (select count(*)::int from grading_jobs j join submissions s on s.id = j.submission_id
          where j.status = 'done' and s.status = 'graded' and j.updated_at = s.graded_at) as done`,
    );
    expect(counts!.submissions).toBeGreaterThanOrEqual(170 * 12);
    expect(counts).toEqual({
      submissions: counts!.submissions,
      jobs: counts!.submissions,
      done: counts!.submissions,
    });
  });
});
