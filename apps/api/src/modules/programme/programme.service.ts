import type {
  Cohort,
  CreateCohortBody,
  CreateGroupBody,
  DisciplineInfo,
  GroupModuleResult,
  GroupMove,
  MoveLearnerResult,
  ProgrammeStructure,
  StructureGroup,
} from '@tremplin/contracts';
import {
  enrolGroupInModule,
  findCohort,
  findGroup,
  findModuleById,
  findUniversity,
  findUserById,
  insertCohort,
  insertGroup,
  listCohorts,
  listDisciplines,
  listEnrollableModules,
  listGroupEnrolments,
  listLearnerGroups,
  listLearnerMoves,
  listStructureGroups,
  listUniversities,
  moveLearner,
  recordAudit,
  replaceGroupTutors,
  setGroupModuleDeadline,
  type CohortRow,
  type Db,
} from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';

const unknown = (fr: string, en: string, field: string) =>
  new AppError('TREMPLIN_ERR_UNKNOWN_REFERENCE', { what: { fr, en } }, field);

const toCohort = (c: CohortRow): Cohort => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  kind: c.kind,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
});

/**
 * The programme's structure, managed by the coordination (the routes check the role). Every change
 * and its audit line are written in one transaction.
 */
export class ProgrammeService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async structure(): Promise<ProgrammeStructure> {
    const [universities, cohorts, disciplines, groups, groupModules, modules] = await Promise.all([
      listUniversities(this.#db),
      listCohorts(this.#db),
      listDisciplines(this.#db),
      listStructureGroups(this.#db),
      listGroupEnrolments(this.#db),
      listEnrollableModules(this.#db),
    ]);
    const modulesOf = new Map<string, StructureGroup['modules']>();
    for (const m of groupModules) {
      const list = modulesOf.get(m.groupId) ?? [];
      list.push({
        moduleId: m.moduleId,
        slug: m.slug,
        title: m.title,
        dueAt: m.dueAt?.toISOString() ?? null,
      });
      modulesOf.set(m.groupId, list);
    }
    return {
      universities,
      cohorts: cohorts.map(toCohort),
      disciplines: disciplines as DisciplineInfo[],
      groups: groups.map((g) => ({ ...g, modules: modulesOf.get(g.id) ?? [] })),
      modules: modules as ProgrammeStructure['modules'],
    };
  }

  async createCohort(actorId: string, body: CreateCohortBody): Promise<Cohort> {
    if (body.endsOn <= body.startsOn) throw new AppError('TREMPLIN_ERR_COHORT_DATES', {}, 'endsOn');
    return this.#db.transaction(async (tx) => {
      const cohort = await insertCohort(tx, { ...body, name: body.name.trim() });
      if (!cohort) throw new AppError('TREMPLIN_ERR_COHORT_EXISTS', { slug: body.slug }, 'slug');
      await recordAudit(tx, {
        actorId,
        action: 'cohort.create',
        subjectType: 'cohort',
        subjectId: cohort.id,
        after: toCohort(cohort),
      });
      return toCohort(cohort);
    });
  }

  async createGroup(actorId: string, body: CreateGroupBody): Promise<StructureGroup> {
    const name = body.name.trim();
    const [university, cohort] = await Promise.all([
      findUniversity(this.#db, body.universityId),
      findCohort(this.#db, body.cohortId),
    ]);
    if (!university) throw unknown("L'université", 'The university', 'universityId');
    if (!cohort) throw unknown('La promotion', 'The cohort', 'cohortId');
    const group = await this.#db.transaction(async (tx) => {
      const row = await insertGroup(tx, { name, universityId: university.id, cohortId: cohort.id });
      if (!row) throw new AppError('TREMPLIN_ERR_GROUP_EXISTS', { name }, 'name');
      await recordAudit(tx, {
        actorId,
        action: 'group.create',
        subjectType: 'group',
        subjectId: row.id,
        after: { name, university: university.slug, cohort: cohort.slug },
      });
      return row;
    });
    return {
      id: group.id,
      name: group.name,
      universityId: university.id,
      universityName: university.name,
      cohortId: cohort.id,
      cohortName: cohort.name,
      learnerCount: 0,
      tutors: [],
      modules: [],
    };
  }

  /** Makes `tutorIds` the group's tutors: each gains the tutor role in the group (their cockpit opens). */
  async setTutors(
    actorId: string,
    groupId: string,
    tutorIds: string[],
    reason: string | undefined,
  ): Promise<StructureGroup> {
    if (!(await findGroup(this.#db, groupId))) throw notFound();
    for (const id of tutorIds) {
      const user = await findUserById(this.#db, id);
      if (!user) throw unknown('Le compte du tuteur', "The tutor's account", 'tutorIds');
    }
    await this.#db.transaction(async (tx) => {
      const { before, after } = await replaceGroupTutors(tx, groupId, tutorIds);
      await recordAudit(tx, {
        actorId,
        action: 'group.set-tutors',
        subjectType: 'group',
        subjectId: groupId,
        before: { tutorIds: before },
        after: { tutorIds: after },
        reason: reason ?? null,
      });
    });
    return this.#group(groupId);
  }

  /** Moves a learner from their group to another; their work and history stay theirs. */
  async moveLearner(
    actorId: string,
    input: {
      learnerId: string;
      fromGroupId?: string | undefined;
      toGroupId: string;
      reason?: string | undefined;
    },
  ): Promise<MoveLearnerResult> {
    if (!(await findUserById(this.#db, input.learnerId)))
      throw unknown("L'apprenant", 'The learner', 'learnerId');
    const target = await findGroup(this.#db, input.toGroupId);
    if (!target) throw unknown('Le groupe de destination', 'The destination group', 'toGroupId');
    const groups = await listLearnerGroups(this.#db, input.learnerId);
    const from = input.fromGroupId ? groups.find((g) => g.id === input.fromGroupId) : groups[0];
    if (!from) throw new AppError('TREMPLIN_ERR_NOT_A_LEARNER', {}, 'learnerId');
    if (groups.some((g) => g.id === target.id))
      throw new AppError('TREMPLIN_ERR_SAME_GROUP', {}, 'toGroupId');
    await this.#db.transaction(async (tx) => {
      const moved = await moveLearner(tx, {
        userId: input.learnerId,
        fromGroupId: from.id,
        toGroupId: target.id,
        movedBy: actorId,
        reason: input.reason ?? null,
      });
      // Moved by someone else in between: the coordinator reloads and sees where the learner is now.
      if (!moved) throw new AppError('TREMPLIN_ERR_CONFLICT');
      await recordAudit(tx, {
        actorId,
        action: 'learner.move',
        subjectType: 'user',
        subjectId: input.learnerId,
        before: { groupId: from.id, groupName: from.name },
        after: { groupId: target.id, groupName: target.name },
        reason: input.reason ?? null,
      });
    });
    return { learnerId: input.learnerId, fromGroupId: from.id, toGroupId: target.id };
  }

  async learnerMoves(learnerId: string): Promise<GroupMove[]> {
    const moves = await listLearnerMoves(this.#db, learnerId);
    return moves.map((m) => ({ ...m, movedAt: m.movedAt.toISOString() }));
  }

  /** Enrols the group in the module (or changes its deadline) and its current learners with it. */
  async enrolGroup(
    actorId: string,
    groupId: string,
    moduleId: string,
    dueAt: string | null,
  ): Promise<GroupModuleResult> {
    if (!(await findGroup(this.#db, groupId))) throw notFound();
    if (!(await findModuleById(this.#db, moduleId))) throw notFound();
    const due = dueAt === null ? null : new Date(dueAt);
    const learners = await this.#db.transaction(async (tx) => {
      const result = await enrolGroupInModule(tx, { groupId, moduleId, dueAt: due, enrolledBy: actorId });
      await recordAudit(tx, {
        actorId,
        action: result.before === undefined ? 'group.enrol-module' : 'group.set-deadline',
        subjectType: 'group',
        subjectId: groupId,
        before:
          result.before === undefined ? null : { moduleId, dueAt: result.before?.toISOString() ?? null },
        after: { moduleId, dueAt: due?.toISOString() ?? null, learners: result.learners },
      });
      return result.learners;
    });
    return { groupId, moduleId, dueAt: due?.toISOString() ?? null, learners };
  }

  /** Changes the deadline of a module the group is already enrolled in. */
  async setDeadline(
    actorId: string,
    groupId: string,
    moduleId: string,
    dueAt: string | null,
  ): Promise<GroupModuleResult> {
    const due = dueAt === null ? null : new Date(dueAt);
    await this.#db.transaction(async (tx) => {
      const changed = await setGroupModuleDeadline(tx, { groupId, moduleId, dueAt: due });
      if (!changed) throw new AppError('TREMPLIN_ERR_GROUP_NOT_ENROLLED');
      await recordAudit(tx, {
        actorId,
        action: 'group.set-deadline',
        subjectType: 'group',
        subjectId: groupId,
        before: { moduleId, dueAt: changed.before?.toISOString() ?? null },
        after: { moduleId, dueAt: due?.toISOString() ?? null },
      });
    });
    const learners = (await listStructureGroups(this.#db, groupId))[0]?.learnerCount ?? 0;
    return { groupId, moduleId, dueAt: due?.toISOString() ?? null, learners };
  }

  async #group(groupId: string): Promise<StructureGroup> {
    const [group] = await listStructureGroups(this.#db, groupId);
    if (!group) throw notFound();
    const modules = await listGroupEnrolments(this.#db, [groupId]);
    return {
      ...group,
      modules: modules.map((m) => ({
        moduleId: m.moduleId,
        slug: m.slug,
        title: m.title,
        dueAt: m.dueAt?.toISOString() ?? null,
      })),
    };
  }
}
