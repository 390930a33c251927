import type {
  Dashboard,
  DashboardQuery,
  FigureRow,
  Figures,
  Gradebook,
  LearnerReport,
} from '@tremplin/contracts';
import {
  findGroupSummary,
  findPublishedModule,
  findUserById,
  findLearnerActivity,
  findSharedResult,
  listDashboardFilters,
  listGradebookCells,
  listLateSubmissionIds,
  listGroupActivity,
  listGroupDisciplineFigures,
  listGroupLearners,
  listGroupModules,
  listGroupTutors,
  listLearnerExerciseStats,
  listLearnerGroups,
  listLearnerModuleStats,
  listLearnersAtRisk,
  listModuleExercises,
  listTutorActivity,
  listWeeklyActivity,
  saveSharedResult,
  type DashboardScope,
  type Db,
  type GroupDisciplineRow,
} from '@tremplin/db';
import { forbidden, notFound } from '../../errors.ts';
import { DASHBOARD_SECONDS } from '../../config.ts';
import { SharedResults } from '../../shared-result.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertReadGroup, assertReadLearner, overseesAll } from '../tutoring/tutoring-access.ts';
import { toCsv } from '@tremplin/db';

const emptySums = (): {
  learners: number;
  enrolments: number;
  completionSum: number;
  scoreSum: number;
  maxSum: number;
} => ({
  learners: 0,
  enrolments: 0,
  completionSum: 0,
  scoreSum: 0,
  maxSum: 0,
});

/** Figures from summed enrolments: the same arithmetic at every level, so levels agree. */
function figuresOf(s: ReturnType<typeof emptySums>): Figures {
  return {
    learners: s.learners,
    enrolments: s.enrolments,
    completion: s.enrolments === 0 ? null : round(s.completionSum / s.enrolments),
    averageScore: s.maxSum === 0 ? null : round(s.scoreSum / s.maxSum),
  };
}

/** Four decimals: a ratio shown as a percentage with two. */
const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Adds per-group-and-discipline rows up by a key; learners are counted per group (a learner has one). */
function rollUp(
  rows: GroupDisciplineRow[],
  keyOf: (row: GroupDisciplineRow) => string[],
  learnersOfGroup: Map<string, number>,
): Map<string, ReturnType<typeof emptySums> & { groups: Set<string> }> {
  const out = new Map<string, ReturnType<typeof emptySums> & { groups: Set<string> }>();
  for (const row of rows) {
    for (const key of keyOf(row)) {
      const sums = out.get(key) ?? { ...emptySums(), groups: new Set<string>() };
      sums.enrolments += row.enrolments;
      sums.completionSum += row.completionSum;
      sums.scoreSum += row.scoreSum;
      sums.maxSum += row.maxSum;
      sums.groups.add(row.groupId);
      out.set(key, sums);
    }
  }
  for (const sums of out.values()) {
    sums.learners = [...sums.groups].reduce((n, g) => n + (learnersOfGroup.get(g) ?? 0), 0);
  }
  return out;
}

/**
 * The shape of a shared dashboard, in its key: bumped when the `Dashboard` contract changes, so that
 * during a deploy an instance never takes one kept by an instance of the other release (a field it
 * must send would be missing). 2: learners at risk name their overdue modules.
 */
const DASHBOARD_SHAPE = 2;

/** The coordination's dashboard, gradebooks and learner reports; a tutor's, limited to their groups. */
export class DashboardsService {
  readonly #db: Db;
  readonly #now: () => Date;
  /**
   * Dashboards by scope, shared for DASHBOARD_SECONDS: the programme's reads every learner's
   * summaries (about 0.5 s of the database's time at 15,000 learners), and coordinators and tutors
   * reloading it together would otherwise hold the database for everyone. `generatedAt` says when.
   */
  readonly #shared: SharedResults<Dashboard>;
  readonly #sharedMs: number;
  /** When this instance last saw the coordination change the programme: older shared rows are not taken. */
  #forgottenAt = 0;

  constructor(db: Db, now: () => Date = () => new Date(), sharedSeconds = DASHBOARD_SECONDS) {
    this.#db = db;
    this.#now = now;
    this.#sharedMs = sharedSeconds * 1000;
    this.#shared = new SharedResults({ ttlMs: this.#sharedMs, now: () => now().getTime() });
  }

  /** The coordination changed the programme (an import, a group, a move): its next dashboard reads it. */
  forgetShared(): void {
    this.#shared.clear();
    this.#forgottenAt = this.#now().getTime();
  }

  async dashboard(actor: Actor, query: DashboardQuery): Promise<Dashboard> {
    let scope: DashboardScope;
    if (overseesAll(actor)) scope = {};
    else if (actor.roles.has('tutor')) {
      scope = {
        groupIds: actor.memberships.filter((m) => m.role === 'tutor' && m.groupId).map((m) => m.groupId!),
      };
    } else throw forbidden();
    if (query.cohort) scope.cohortId = query.cohort;
    if (query.university) scope.universityId = query.university;
    if (query.discipline) scope.disciplineId = query.discipline;
    const key = JSON.stringify([
      scope.groupIds?.toSorted(),
      scope.cohortId,
      scope.universityId,
      scope.disciplineId,
    ]);
    if (scope.groupIds) return this.#shared.get(key, () => this.#compute(scope));
    return this.#shared.get(
      key,
      () => this.#programmeDashboard(key, scope),
      (dashboard) => Date.parse(dashboard.generatedAt),
    );
  }

  /**
   * The programme's dashboard of a scope, shared by every instance: the one another instance
   * computed within the period, else computed here and left for the others (`shared_results`). A
   * deployment then computes it once per period, not once per instance.
   */
  async #programmeDashboard(key: string, scope: DashboardScope): Promise<Dashboard> {
    if (this.#sharedMs === 0) return this.#compute(scope);
    const sharedKey = `dashboard:v${DASHBOARD_SHAPE}:${key}`;
    const now = this.#now().getTime();
    const kept = await findSharedResult(this.#db, sharedKey);
    const madeAt = kept?.computedAt.getTime() ?? 0;
    if (kept && now - madeAt < this.#sharedMs && madeAt > this.#forgottenAt) return kept.value as Dashboard;
    const dashboard = await this.#compute(scope);
    await saveSharedResult(this.#db, sharedKey, dashboard, new Date(dashboard.generatedAt));
    return dashboard;
  }

  async #compute(scope: DashboardScope): Promise<Dashboard> {
    const now = this.#now();

    // One statement after the other. The programme's reads each hold a core of the database for a
    // few hundred milliseconds at 15,000 learners; sent together they held every core and most of
    // the instance's connections, and the learners' requests of that moment waited behind them.
    const db = this.#db;
    const filters = await listDashboardFilters(db);
    const figures = await listGroupDisciplineFigures(db, scope);
    const activity = await listGroupActivity(db, scope, now);
    const weekly = await listWeeklyActivity(db, scope, now);
    const atRisk = await listLearnersAtRisk(db, scope, now);
    const tutors = await listTutorActivity(db, scope, now);
    const groupTutors = await listGroupTutors(db, scope);
    const learnersOfGroup = new Map(activity.map((g) => [g.groupId, g.learners]));
    const tutorsOfGroup = new Map<string, Array<{ id: string; name: string }>>();
    for (const t of groupTutors) {
      tutorsOfGroup.set(t.groupId, [
        ...(tutorsOfGroup.get(t.groupId) ?? []),
        { id: t.tutorId, name: t.displayName },
      ]);
    }
    const names = {
      university: new Map(filters.universities.map((u) => [u.id, u.name])),
      cohort: new Map(filters.cohorts.map((c) => [c.id, c.name])),
      discipline: new Map(filters.disciplines.map((d) => [d.id, d.nameFr])),
      tutor: new Map(groupTutors.map((t) => [t.tutorId, t.displayName])),
    };
    const rows = (
      sums: Map<string, ReturnType<typeof emptySums>>,
      nameOf: Map<string, string>,
    ): FigureRow[] =>
      [...sums.entries()]
        .map(([id, s]) => ({ id, name: nameOf.get(id) ?? id, ...figuresOf(s) }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr'));

    const byGroup = rollUp(figures, (r) => [r.groupId], learnersOfGroup);
    const all = rollUp(figures, () => ['all'], learnersOfGroup).get('all') ?? emptySums();
    const overallLearners = activity.reduce((n, g) => n + g.learners, 0);
    return {
      scope: scope.groupIds ? 'tutor' : 'programme',
      generatedAt: now.toISOString(),
      filters: {
        ...filters,
        disciplines: filters.disciplines as Dashboard['filters']['disciplines'],
      },
      overall: {
        ...figuresOf({ ...all, learners: overallLearners }),
        activeThisWeek: activity.reduce((n, g) => n + g.activeThisWeek, 0),
        inactive7Days: activity.reduce((n, g) => n + g.inactive7Days, 0),
        atRisk: atRisk.total,
      },
      byUniversity: rows(
        rollUp(figures, (r) => [r.universityId], learnersOfGroup),
        names.university,
      ),
      byDiscipline: rows(
        // A learner follows several disciplines: the learners of a discipline are its enrolled ones.
        new Map(
          [...rollUp(figures, (r) => [r.disciplineId], learnersOfGroup).entries()].map(([id, s]) => [
            id,
            {
              ...s,
              learners: figures.filter((r) => r.disciplineId === id).reduce((n, r) => n + r.learners, 0),
            },
          ]),
        ),
        names.discipline,
      ),
      byCohort: rows(
        rollUp(figures, (r) => [r.cohortId], learnersOfGroup),
        names.cohort,
      ),
      byTutor: rows(
        rollUp(figures, (r) => (tutorsOfGroup.get(r.groupId) ?? []).map((t) => t.id), learnersOfGroup),
        names.tutor,
      ),
      groups: activity
        .map((g) => ({
          id: g.groupId,
          name: g.groupName,
          university: names.university.get(g.universityId) ?? '',
          tutors: (tutorsOfGroup.get(g.groupId) ?? []).map((t) => t.name).sort(),
          ...figuresOf({ ...(byGroup.get(g.groupId) ?? emptySums()), learners: g.learners }),
          activeThisWeek: g.activeThisWeek,
          inactive7Days: g.inactive7Days,
        }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      weeklyActivity: weekly,
      atRisk: atRisk.learners.map((l) => ({
        id: l.learnerId,
        displayName: l.displayName,
        group: { id: l.groupId, name: l.groupName },
        tutorName: l.tutorName,
        lastActiveOn: l.lastActiveOn,
        inactive: l.inactive,
        failingModules: l.failingModules,
        overdueModules: l.overdueModules,
      })),
      tutors: tutors.map((t) => ({
        id: t.tutorId,
        displayName: t.displayName,
        groups: t.groups,
        learners: t.learners,
        liveSessions: t.liveSessions,
        helpAnswered: t.helpAnswered,
        medianResponseSeconds: t.medianResponseSeconds === null ? null : Math.round(t.medianResponseSeconds),
        feedbackGiven: t.feedbackGiven,
        learnersWithoutContact: t.learnersWithoutContact,
      })),
    };
  }

  async gradebook(actor: Actor, groupId: string, moduleSlug: string | undefined): Promise<Gradebook> {
    assertReadGroup(actor, groupId);
    const [group, modules] = await Promise.all([
      findGroupSummary(this.#db, groupId),
      listGroupModules(this.#db, groupId),
    ]);
    if (!group) throw notFound();
    const slug = moduleSlug ?? modules[0]?.slug;
    const base = {
      group: { id: group.id, name: group.name },
      modules: modules.map(({ slug, title }) => ({ slug, title })),
    };
    if (!slug) return { ...base, module: null, exercises: [], learners: [] };
    const [module, learners] = await Promise.all([
      findPublishedModule(this.#db, slug),
      listGroupLearners(this.#db, groupId),
    ]);
    if (!module) throw notFound();
    // The group's deadline for it came with the group's modules.
    const dueAt = modules.find((m) => m.slug === slug)?.dueAt ?? null;
    const [exercises, cells] = await Promise.all([
      listModuleExercises(this.#db, module.versionId),
      listGradebookCells(
        this.#db,
        module.moduleId,
        learners.map((l) => l.id),
      ),
    ]);
    const cellOf = new Map(cells.map((c) => [`${c.userId}:${c.exerciseSlug}`, c]));
    const late = dueAt
      ? await listLateSubmissionIds(
          this.#db,
          cells.flatMap((c) => (c.bestSubmissionId ? [c.bestSubmissionId] : [])),
          dueAt,
        )
      : new Set<string>();
    const maxTotal = exercises.reduce((sum, e) => sum + e.maxScore, 0);
    return {
      ...base,
      module: {
        slug: module.slug,
        title: module.title,
        version: module.version,
        dueAt: dueAt?.toISOString() ?? null,
      },
      exercises: exercises.map((e) => ({ slug: e.slug, title: e.title, maxScore: e.maxScore })),
      learners: learners.map((learner) => {
        const row = exercises.map((e) => {
          const cell = cellOf.get(`${learner.id}:${e.slug}`);
          return {
            bestScore: cell?.bestScore ?? null,
            attempts: cell?.attempts ?? 0,
            failedAttempts: cell?.failedAttempts ?? 0,
            submissionId: cell?.bestSubmissionId ?? null,
            late: cell?.bestSubmissionId ? late.has(cell.bestSubmissionId) : false,
          };
        });
        return {
          id: learner.id,
          displayName: learner.displayName,
          cells: row,
          total: row.reduce((sum, c) => sum + (c.bestScore ?? 0), 0),
          maxTotal,
          exercisesPassed: row.filter(
            (c, i) => c.bestScore !== null && c.bestScore >= exercises[i]!.maxScore / 2,
          ).length,
        };
      }),
    };
  }

  /** The gradebook as CSV: the screen's numbers, one row per learner. */
  async gradebookCsv(
    actor: Actor,
    groupId: string,
    moduleSlug: string | undefined,
  ): Promise<{ filename: string; body: string }> {
    const book = await this.gradebook(actor, groupId, moduleSlug);
    const header = [
      'learner',
      ...book.exercises.map((e) => `${e.title} (/${e.maxScore})`),
      'total',
      'max',
      'passed',
      // With a deadline: how many exercises' work came after it.
      ...(book.module?.dueAt ? ['late'] : []),
    ];
    const rows = book.learners.map((l) => [
      l.displayName,
      ...l.cells.map((c) => (c.bestScore === null ? '' : String(c.bestScore))),
      String(l.total),
      String(l.maxTotal),
      String(l.exercisesPassed),
      ...(book.module?.dueAt ? [String(l.cells.filter((c) => c.late).length)] : []),
    ]);
    return { filename: `carnet-${book.module?.slug ?? 'vide'}.csv`, body: toCsv(header, rows) };
  }

  async learnerReport(actor: Actor, learnerId: string): Promise<LearnerReport> {
    await assertReadLearner(this.#db, actor, learnerId);
    const learner = await findUserById(this.#db, learnerId);
    if (!learner) throw notFound();
    const now = this.#now();
    const [groups, modules, exerciseStats, activity] = await Promise.all([
      listLearnerGroups(this.#db, learnerId),
      listLearnerModuleStats(this.#db, learnerId),
      listLearnerExerciseStats(this.#db, learnerId),
      findLearnerActivity(this.#db, learnerId, now),
    ]);
    const tutors = await listGroupTutors(this.#db, { groupIds: groups.map((g) => g.id) });
    const scores = await Promise.all(
      modules.map(async (m) => {
        const published = await findPublishedModule(this.#db, m.slug);
        return published ? listModuleExercises(this.#db, published.versionId) : [];
      }),
    );
    return {
      learner: { id: learner.id, displayName: learner.displayName, email: learner.email },
      groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        university: g.universityName,
        tutors: tutors
          .filter((t) => t.groupId === g.id)
          .map((t) => t.displayName)
          .sort(),
      })),
      generatedAt: now.toISOString(),
      lastActiveOn: activity.lastActiveOn,
      weeklyActivity: activity.weeks,
      modules: modules.map((m, i) => ({
        slug: m.slug,
        title: m.title,
        titleEn: m.titleEn,
        discipline: m.disciplineId as LearnerReport['modules'][number]['discipline'],
        completion: m.exercises === 0 ? 0 : round(Math.min(1, m.exercisesPassed / m.exercises)),
        averageScore: m.maxSum === 0 ? null : round(m.scoreSum / m.maxSum),
        exercises: m.exercises,
        exercisesPassed: m.exercisesPassed,
        attempts: m.attempts,
        failedAttempts: m.failedAttempts,
        lastAttemptAt: m.lastAttemptAt,
        scores: (scores[i] ?? []).map((e) => {
          const stat = exerciseStats.find((s) => s.moduleId === m.moduleId && s.exerciseSlug === e.slug);
          return {
            slug: e.slug,
            title: e.title,
            maxScore: e.maxScore,
            bestScore: stat?.bestScore ?? null,
            attempts: stat?.attempts ?? 0,
          };
        }),
      })),
    };
  }
}
