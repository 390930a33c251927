import type {
  Answer,
  LearnerActivity,
  LearnerDraft,
  LearnerExercise,
  LearnerNotes,
  LearnerSubmission,
  Locale,
  StoredCodeResult,
  StoredGradeOutcome,
  SubmissionReview,
} from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';
import {
  findExerciseFor,
  findLearnerSubmission,
  findLiveDraft,
  listLearnerNotes,
  listLearnerRuns,
  listLearnerSubmissions,
  listLearnerTimeline,
  saveLearnerNote,
  type Db,
  type LearnerSubmissionRow,
} from '@tremplin/db';
import { notFound } from '../../errors.ts';
import { renderResult } from '../../grading/feedback.ts';
import type { Actor } from '../auth/auth.service.ts';
import { learnerView } from '../exercises/exercise-access.ts';
import { submissionReviews } from '../exercises/submission-review.ts';
import { toTimelineEntry } from './timeline.ts';
import { assertReadLearner, assertTutorLearner } from './tutoring-access.ts';
import { toLiveDraft } from './views.ts';

function toSubmission(
  row: LearnerSubmissionRow,
  locale: Locale,
  review: SubmissionReview | undefined,
): LearnerSubmission {
  return {
    id: row.id,
    exercise: { id: row.exerciseId, title: row.exerciseTitle },
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    code: row.code,
    answer: (row.answers as Answer | null) ?? null,
    result: row.results ? renderResult(row.results as StoredGradeOutcome, locale) : null,
    createdAt: row.createdAt.toISOString(),
    ...(row.clientCreatedAt ? { madeOfflineAt: row.clientCreatedAt.toISOString() } : {}),
    late: row.late,
    gradedAt: row.gradedAt ? row.gradedAt.toISOString() : null,
    ...(review ? { review } : {}),
  };
}

/** The learner page: history with code and results, time line, live code, tutors' notes. */
export class LearnersService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async activity(
    actor: Actor,
    learnerId: string,
    query: { before?: string; limit?: number },
    locale: Locale,
  ): Promise<LearnerActivity> {
    await assertReadLearner(this.#db, actor, learnerId);
    const page = { ...(query.before ? { before: new Date(query.before) } : {}), limit: query.limit ?? 30 };
    const [runs, submissions, timeline] = await Promise.all([
      listLearnerRuns(this.#db, learnerId, page),
      listLearnerSubmissions(this.#db, learnerId, page),
      listLearnerTimeline(this.#db, learnerId, { ...page, limit: page.limit * 3 }),
    ]);
    const reviews = await submissionReviews(this.#db, submissions, 'tutor');
    return {
      runs: runs.map((r) => ({
        id: r.id,
        exercise: { id: r.exerciseId, title: r.exerciseTitle },
        code: r.code,
        result: renderResult(r.result as StoredCodeResult, locale),
        createdAt: r.createdAt.toISOString(),
      })),
      submissions: submissions.map((row) => toSubmission(row, locale, reviews.get(row.id))),
      timeline: timeline.map(toTimelineEntry),
    };
  }

  async submission(
    actor: Actor,
    learnerId: string,
    submissionId: string,
    locale: Locale,
  ): Promise<LearnerSubmission> {
    await assertReadLearner(this.#db, actor, learnerId);
    const row = await findLearnerSubmission(this.#db, learnerId, submissionId);
    if (!row) throw notFound();
    const reviews = await submissionReviews(this.#db, [row], 'tutor');
    return toSubmission(row, locale, reviews.get(row.id));
  }

  /** An exercise of the learner's modules as they see it, to read their answers by. */
  async exercise(actor: Actor, learnerId: string, exerciseId: string): Promise<LearnerExercise> {
    await assertReadLearner(this.#db, actor, learnerId);
    const found = await findExerciseFor(this.#db, exerciseId, learnerId);
    // Only what the learner could open: a module they are enrolled in, a version out of draft.
    if (!found || !found.place.enrolled || found.place.versionStatus === 'draft') throw notFound();
    const { exercise } = found;
    return {
      id: exercise.id,
      title: exercise.title,
      kind: exercise.kind,
      promptMd: exercise.promptMd,
      spec: await learnerView(this.#db, exercise.id, exercise.spec as FullSpec, learnerId),
    };
  }

  async draft(actor: Actor, learnerId: string): Promise<LearnerDraft> {
    await assertReadLearner(this.#db, actor, learnerId);
    const row = await findLiveDraft(this.#db, learnerId);
    return { draft: row ? toLiveDraft(row) : null };
  }

  async notes(actor: Actor, learnerId: string): Promise<LearnerNotes> {
    await assertReadLearner(this.#db, actor, learnerId);
    return this.#notes(learnerId);
  }

  async saveNote(actor: Actor, learnerId: string, body: string): Promise<LearnerNotes> {
    await assertTutorLearner(this.#db, actor, learnerId);
    await saveLearnerNote(this.#db, { learnerId, authorId: actor.user.id, body, now: new Date() });
    return this.#notes(learnerId);
  }

  async #notes(learnerId: string): Promise<LearnerNotes> {
    const rows = await listLearnerNotes(this.#db, learnerId);
    return {
      notes: rows.map((n) => ({
        author: { id: n.authorId, displayName: n.authorName },
        body: n.body,
        updatedAt: n.updatedAt.toISOString(),
      })),
    };
  }
}
