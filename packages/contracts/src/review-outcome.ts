// A grader's decision and what a learner sees of it: shared by the learner's and the tutors' views
// of a submission and by the graders' pages (kept apart so that learning.ts can use it).
import { Type, type Static, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Instant = Type.String({ description: 'ISO 8601 date and time' });

/**
 * confirmed: the automatic score stands; overridden: a new score (comment required); misconduct:
 * academic misconduct (comment required; tutors and the coordination are notified); dismissed: the
 * flag was wrong; accepted: an English answer becomes an accepted variant and its givers are regraded.
 */
export const ReviewDecision = Type.Union([
  Type.Literal('confirmed'),
  Type.Literal('overridden'),
  Type.Literal('misconduct'),
  Type.Literal('dismissed'),
  Type.Literal('accepted'),
]);
export type ReviewDecision = Static<typeof ReviewDecision>;

/** What a learner (and their tutor) sees of reviews of a submission. */
export const SubmissionReview = Type.Object({
  /** An appeal or another flag waits for a grader. */
  pending: Type.Boolean(),
  /** Whether the learner may still appeal (graded, not appealed yet). */
  appealable: Type.Boolean(),
  appeal: Nullable(Type.Object({ comment: Type.String(), at: Instant })),
  outcome: Nullable(
    Type.Object({
      decision: ReviewDecision,
      previousScore: Nullable(Type.Number()),
      newScore: Nullable(Type.Number()),
      comment: Type.String(),
      at: Instant,
    }),
  ),
});
export type SubmissionReview = Static<typeof SubmissionReview>;
