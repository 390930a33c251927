// Seeing the programme: the coordination's dashboard (a tutor's, scoped to their groups), the
// gradebook of a group in a module (and its CSV) and a learner's printable report.
import { Type, type Static, type TSchema } from 'typebox';
import { Id } from './common.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD, Lomé time' });
const Instant = Type.String({ description: 'ISO 8601 date and time' });
const Ratio = Type.Number({ minimum: 0, maximum: 1 });
const Discipline = Type.Union([
  Type.Literal('programming'),
  Type.Literal('ai'),
  Type.Literal('english'),
  Type.Literal('tutoring'),
]);

export const DashboardQuery = Type.Object({
  cohort: Type.Optional(Id),
  university: Type.Optional(Id),
  discipline: Type.Optional(Discipline),
});
export type DashboardQuery = Static<typeof DashboardQuery>;

/**
 * Completion: the mean over enrolments of exercises passed (best score at least half the marks)
 * out of the module's exercises. Average score: best scores summed over marks of what was attempted
 * (null when nothing was graded).
 */
export const Figures = Type.Object({
  learners: Type.Integer(),
  enrolments: Type.Integer(),
  completion: Nullable(Ratio),
  averageScore: Nullable(Ratio),
});
export type Figures = Static<typeof Figures>;

export const FigureRow = Type.Object({ id: Type.String(), name: Type.String(), ...Figures.properties });
export type FigureRow = Static<typeof FigureRow>;

export const GroupFigureRow = Type.Object({
  id: Id,
  name: Type.String(),
  university: Type.String(),
  tutors: Type.Array(Type.String()),
  ...Figures.properties,
  activeThisWeek: Type.Integer(),
  inactive7Days: Type.Integer(),
});
export type GroupFigureRow = Static<typeof GroupFigureRow>;

export const AtRiskLearner = Type.Object({
  id: Id,
  displayName: Type.String(),
  group: Type.Object({ id: Id, name: Type.String() }),
  tutorName: Nullable(Type.String()),
  lastActiveOn: Nullable(Day),
  /** No activity for 7 days. */
  inactive: Type.Boolean(),
  /** Slugs of the modules where most graded attempts failed (3 attempts or more). */
  failingModules: Type.Array(Type.String()),
  /** Slugs of the modules past the group's deadline with exercises never graded. */
  overdueModules: Type.Array(Type.String()),
});
export type AtRiskLearner = Static<typeof AtRiskLearner>;

export const TutorActivity = Type.Object({
  id: Id,
  displayName: Type.String(),
  groups: Type.Integer(),
  learners: Type.Integer(),
  liveSessions: Type.Integer(),
  helpAnswered: Type.Integer(),
  medianResponseSeconds: Nullable(Type.Number()),
  feedbackGiven: Type.Integer(),
  learnersWithoutContact: Type.Integer(),
});
export type TutorActivity = Static<typeof TutorActivity>;

export const Dashboard = Type.Object({
  /** `programme`: the coordination's view; `tutor`: limited to the caller's groups. */
  scope: Type.Union([Type.Literal('programme'), Type.Literal('tutor')]),
  generatedAt: Instant,
  filters: Type.Object({
    cohorts: Type.Array(Type.Object({ id: Id, name: Type.String() })),
    universities: Type.Array(Type.Object({ id: Id, name: Type.String() })),
    disciplines: Type.Array(Type.Object({ id: Discipline, nameFr: Type.String(), nameEn: Type.String() })),
  }),
  overall: Type.Object({
    ...Figures.properties,
    activeThisWeek: Type.Integer(),
    inactive7Days: Type.Integer(),
    atRisk: Type.Integer(),
  }),
  byUniversity: Type.Array(FigureRow),
  byDiscipline: Type.Array(FigureRow),
  byCohort: Type.Array(FigureRow),
  byTutor: Type.Array(FigureRow),
  groups: Type.Array(GroupFigureRow),
  /** Learners active each week (Monday, Lomé time), the last 12 weeks, oldest first. */
  weeklyActivity: Type.Array(Type.Object({ week: Day, learners: Type.Integer() })),
  /** The first 100 learners at risk, by group and name; `overall.atRisk` counts them all. */
  atRisk: Type.Array(AtRiskLearner),
  /** Over the last 30 days; contact over the last 14. */
  tutors: Type.Array(TutorActivity),
});
export type Dashboard = Static<typeof Dashboard>;

export const GradebookQuery = Type.Object({
  module: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,80}$' })),
});
export type GradebookQuery = Static<typeof GradebookQuery>;

export const GradebookCell = Type.Object({
  /** Best graded score, null when never graded. */
  bestScore: Nullable(Type.Number()),
  attempts: Type.Integer(),
  failedAttempts: Type.Integer(),
  submissionId: Nullable(Id),
  /**
   * That submission was made after the group's deadline for the module (when made offline, if it
   * was). False without a deadline.
   */
  late: Type.Boolean(),
});
export type GradebookCell = Static<typeof GradebookCell>;

export const Gradebook = Type.Object({
  group: Type.Object({ id: Id, name: Type.String() }),
  /** The modules the group's learners follow: the gradebook's other pages. */
  modules: Type.Array(Type.Object({ slug: Type.String(), title: Type.String() })),
  module: Nullable(
    Type.Object({
      slug: Type.String(),
      title: Type.String(),
      version: Type.Integer(),
      /** The group's deadline for the module; null: none. */
      dueAt: Nullable(Type.String({ format: 'date-time' })),
    }),
  ),
  exercises: Type.Array(Type.Object({ slug: Type.String(), title: Type.String(), maxScore: Type.Number() })),
  learners: Type.Array(
    Type.Object({
      id: Id,
      displayName: Type.String(),
      /** One cell per exercise, in the order of `exercises`. */
      cells: Type.Array(GradebookCell),
      /** Sum of the best scores, out of `maxTotal`. */
      total: Type.Number(),
      maxTotal: Type.Number(),
      exercisesPassed: Type.Integer(),
    }),
  ),
});
export type Gradebook = Static<typeof Gradebook>;

export const LearnerReport = Type.Object({
  learner: Type.Object({ id: Id, displayName: Type.String(), email: Type.String() }),
  groups: Type.Array(
    Type.Object({
      id: Id,
      name: Type.String(),
      university: Type.String(),
      tutors: Type.Array(Type.String()),
    }),
  ),
  generatedAt: Instant,
  lastActiveOn: Nullable(Day),
  weeklyActivity: Type.Array(Type.Object({ week: Day, events: Type.Integer() })),
  modules: Type.Array(
    Type.Object({
      slug: Type.String(),
      title: Type.String(),
      titleEn: Nullable(Type.String()),
      discipline: Discipline,
      completion: Ratio,
      averageScore: Nullable(Ratio),
      exercises: Type.Integer(),
      exercisesPassed: Type.Integer(),
      attempts: Type.Integer(),
      failedAttempts: Type.Integer(),
      lastAttemptAt: Nullable(Instant),
      scores: Type.Array(
        Type.Object({
          slug: Type.String(),
          title: Type.String(),
          maxScore: Type.Number(),
          bestScore: Nullable(Type.Number()),
          attempts: Type.Integer(),
        }),
      ),
    }),
  ),
});
export type LearnerReport = Static<typeof LearnerReport>;
