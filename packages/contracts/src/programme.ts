// The programme's structure as the coordination manages it: universities, cohorts, disciplines,
// groups with their tutors, learners' moves, group enrolments in modules with deadlines.
import { Type, type Static, type TSchema } from 'typebox';
import { Id } from './common.ts';
import { Discipline } from './learning.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ format: 'date-time' });
const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const Reason = Type.String({ maxLength: 1000 });

export const University = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  city: Type.String(),
});
export type University = Static<typeof University>;

export const CohortKind = Type.Union([Type.Literal('students'), Type.Literal('tutor-training')]);
export type CohortKind = Static<typeof CohortKind>;

export const Cohort = Type.Object({
  id: Id,
  slug: Type.String(),
  name: Type.String(),
  kind: CohortKind,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
});
export type Cohort = Static<typeof Cohort>;

export const DisciplineInfo = Type.Object({ id: Discipline, nameFr: Type.String(), nameEn: Type.String() });
export type DisciplineInfo = Static<typeof DisciplineInfo>;

export const Person = Type.Object({ id: Id, displayName: Type.String() });
export type Person = Static<typeof Person>;

/** A group's enrolment in a module; `dueAt` null: no deadline. */
export const GroupEnrolment = Type.Object({
  moduleId: Id,
  slug: Type.String(),
  title: Type.String(),
  dueAt: Nullable(Instant),
});
export type GroupEnrolment = Static<typeof GroupEnrolment>;

export const StructureGroup = Type.Object({
  id: Id,
  name: Type.String(),
  universityId: Id,
  universityName: Type.String(),
  cohortId: Id,
  cohortName: Type.String(),
  learnerCount: Type.Integer(),
  tutors: Type.Array(Person),
  modules: Type.Array(GroupEnrolment),
});
export type StructureGroup = Static<typeof StructureGroup>;

export const EnrollableModule = Type.Object({
  id: Id,
  slug: Type.String(),
  title: Type.String(),
  discipline: Discipline,
});
export type EnrollableModule = Static<typeof EnrollableModule>;

/** Everything the structure page needs in one answer. */
export const ProgrammeStructure = Type.Object({
  universities: Type.Array(University),
  cohorts: Type.Array(Cohort),
  disciplines: Type.Array(DisciplineInfo),
  groups: Type.Array(StructureGroup),
  modules: Type.Array(EnrollableModule),
});
export type ProgrammeStructure = Static<typeof ProgrammeStructure>;

export const CreateCohortBody = Type.Object({
  slug: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', minLength: 1, maxLength: 80 }),
  name: Name,
  kind: CohortKind,
  startsOn: Type.String({ format: 'date' }),
  endsOn: Type.String({ format: 'date' }),
});
export type CreateCohortBody = Static<typeof CreateCohortBody>;

export const CreateGroupBody = Type.Object({ name: Name, universityId: Id, cohortId: Id });
export type CreateGroupBody = Static<typeof CreateGroupBody>;

/** The group's tutors after the change (replaces them; an empty list leaves the group without one). */
export const SetTutorsBody = Type.Object({
  tutorIds: Type.Array(Id, { maxItems: 5, uniqueItems: true }),
  reason: Type.Optional(Reason),
});
export type SetTutorsBody = Static<typeof SetTutorsBody>;

export const MoveLearnerBody = Type.Object({
  learnerId: Id,
  /** The group they leave; needed only when they learn in several (a tutor in training, say). */
  fromGroupId: Type.Optional(Id),
  toGroupId: Id,
  reason: Type.Optional(Reason),
});
export type MoveLearnerBody = Static<typeof MoveLearnerBody>;

export const MoveLearnerResult = Type.Object({ learnerId: Id, fromGroupId: Id, toGroupId: Id });
export type MoveLearnerResult = Static<typeof MoveLearnerResult>;

/** Enrols the group in a module (or changes its deadline): an instant, shown in Lomé time. */
export const GroupModuleBody = Type.Object({ dueAt: Nullable(Instant) });
export type GroupModuleBody = Static<typeof GroupModuleBody>;

export const GroupModuleParams = Type.Object({ groupId: Id, moduleId: Id });
export type GroupModuleParams = Static<typeof GroupModuleParams>;

export const GroupModuleResult = Type.Object({
  groupId: Id,
  moduleId: Id,
  dueAt: Nullable(Instant),
  /** Learners enrolled (already enrolled ones included). */
  learners: Type.Integer(),
});
export type GroupModuleResult = Static<typeof GroupModuleResult>;

/** One move of a learner between groups. */
export const GroupMove = Type.Object({
  fromGroupName: Nullable(Type.String()),
  toGroupName: Nullable(Type.String()),
  movedByName: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  movedAt: Instant,
});
export type GroupMove = Static<typeof GroupMove>;

export const GroupMoveList = Type.Object({ moves: Type.Array(GroupMove) });
export type GroupMoveList = Static<typeof GroupMoveList>;
