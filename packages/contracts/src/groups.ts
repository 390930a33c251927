import { Type, type Static } from 'typebox';
import { Id } from './common.ts';

export const GroupSummary = Type.Object({
  id: Id,
  name: Type.String(),
  universityName: Type.String(),
  cohortName: Type.String(),
  learnerCount: Type.Integer(),
  tutorName: Type.Union([Type.String(), Type.Null()]),
});
export type GroupSummary = Static<typeof GroupSummary>;

export const GroupList = Type.Object({ groups: Type.Array(GroupSummary) });
export type GroupList = Static<typeof GroupList>;

export const Learner = Type.Object({
  id: Id,
  displayName: Type.String(),
  email: Type.String(),
});
export type Learner = Static<typeof Learner>;

export const LearnerList = Type.Object({ learners: Type.Array(Learner) });
export type LearnerList = Static<typeof LearnerList>;

export const GroupParams = Type.Object({ groupId: Id });
export type GroupParams = Static<typeof GroupParams>;

export const LearnerParams = Type.Object({ learnerId: Id });
export type LearnerParams = Static<typeof LearnerParams>;

/** What a tutor, a coordinator or the learner themself may read about one learner. */
export const LearnerProfile = Type.Object({
  id: Id,
  displayName: Type.String(),
  email: Type.String(),
  groups: Type.Array(Type.Object({ id: Id, name: Type.String(), universityName: Type.String() })),
});
export type LearnerProfile = Static<typeof LearnerProfile>;
