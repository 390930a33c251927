// A grader's decision on a flag: one transaction holds the review, the resolved flag, every score
// change with its audit line, and the notifications; the live events go out after the commit.
import type { Answer, Locale, ReviewDecisionBody, ReviewDecisionResult } from '@tremplin/contracts';
import { matchGap, normalizeAnswer, type FullSpec, type ModuleDefinition } from '@tremplin/content';
import {
  findLatestPublished,
  findOpenVersion,
  findReview,
  findReviewFlag,
  findSubmission,
  insertNotifications,
  insertReview,
  listCoordinatorIds,
  listGradedAnswers,
  listTutorsOfLearners,
  lockFlag,
  publishModule,
  recordAudit,
  saveDraftContent,
  setSubmissionScore,
  type Db,
  type NewNotification,
  type ReviewFlagRow,
} from '@tremplin/db';
import type { EventBus, PlatformEvent } from '../../grading/events.ts';
import { gradeEnglish } from '../../grading/grade-exercise.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertGrader, conflictOf, toReviewRecord, type ReviewSettings } from './reviews.service.ts';

const roundScore = (value: number) => Math.round(value * 1000) / 1000;

interface ScoreChange {
  submissionId: string;
  userId: string;
  exerciseId: string;
  exerciseTitle: string;
  before: number | null;
  after: number;
  maxScore: number;
}

/** Decides flags: confirm, override, misconduct, dismiss, or accept an English answer as a variant. */
export class DecisionsService {
  readonly #db: Db;
  readonly #bus: EventBus;
  readonly #settings: ReviewSettings;
  readonly #now: () => Date;

  constructor(db: Db, bus: EventBus, settings: ReviewSettings, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#bus = bus;
    this.#settings = settings;
    this.#now = now;
  }

  async decide(
    actor: Actor,
    flagId: string,
    body: ReviewDecisionBody,
    locale: Locale,
  ): Promise<ReviewDecisionResult> {
    assertGrader(actor);
    const comment = (body.comment ?? '').trim();
    if (body.percent !== undefined && !(body.percent >= 0 && body.percent <= 100))
      throw new AppError('TREMPLIN_ERR_REVIEW_SCORE_RANGE', {}, 'percent');
    if (body.decision === 'overridden' && body.percent === undefined)
      throw new AppError('TREMPLIN_ERR_REVIEW_SCORE_RANGE', {}, 'percent');
    if ((body.decision === 'overridden' || body.decision === 'misconduct') && !comment)
      throw new AppError('TREMPLIN_ERR_REVIEW_COMMENT_REQUIRED', {}, 'comment');
    if (body.decision === 'accepted' && !body.itemId)
      throw new AppError('TREMPLIN_ERR_REVIEW_NOT_ACCEPTABLE', {}, 'itemId');

    const row = await findReviewFlag(this.#db, flagId);
    if (!row) throw notFound();
    if (await conflictOf(this.#db, this.#settings, actor, row.learnerId, locale))
      throw new AppError('TREMPLIN_ERR_REVIEW_CONFLICT');

    const now = this.#now();
    const changes: ScoreChange[] = [];
    let version: number | undefined;
    let regraded: number | undefined;
    await this.#db.transaction(async (tx) => {
      const flag = await lockFlag(tx, flagId);
      if (!flag) throw notFound();
      if (flag.status === 'resolved') throw new AppError('TREMPLIN_ERR_REVIEW_DECIDED');
      if (flag.claimedBy !== actor.user.id || !flag.claimExpiresAt || flag.claimExpiresAt <= now)
        throw new AppError('TREMPLIN_ERR_REVIEW_NOT_CLAIMED');

      // The score now (a regrade may have changed it since the page was read).
      const current = (await findReviewFlag(tx, flagId))!;
      let newScore: number | null = current.score;
      if (body.decision === 'overridden' || (body.decision === 'misconduct' && body.percent !== undefined)) {
        newScore = roundScore((body.percent! / 100) * current.maxScore);
      }
      if (body.decision === 'accepted') {
        const accepted = await this.#accept(tx, actor, current, body.itemId!, now);
        version = accepted.version;
        regraded = accepted.changes.length;
        changes.push(...accepted.changes.filter((c) => c.after !== c.before));
        newScore = accepted.changes.find((c) => c.submissionId === current.submissionId)?.after ?? newScore;
      } else if (newScore !== current.score && newScore !== null) {
        await setSubmissionScore(tx, current.submissionId, newScore);
        changes.push({
          submissionId: current.submissionId,
          userId: current.learnerId,
          exerciseId: current.exerciseId,
          exerciseTitle: current.exerciseTitle,
          before: current.score,
          after: newScore,
          maxScore: current.maxScore,
        });
      }
      await insertReview(tx, {
        flagId,
        reviewerId: actor.user.id,
        decision: body.decision,
        previousScore: current.score,
        newScore,
        comment,
        now,
      });
      const reason = comment || `review ${body.decision}`;
      for (const change of changes) {
        await recordAudit(tx, {
          action: 'score.changed',
          subjectType: 'submission',
          subjectId: change.submissionId,
          before: { score: change.before },
          after: { score: change.after },
          reason,
          actorId: actor.user.id,
        });
      }
      await insertNotifications(tx, await this.#notifications(tx, current, body, comment, changes, newScore));
    });

    const review = await findReview(this.#db, flagId);
    this.#publish(row, body, changes);
    return {
      flagId,
      review: toReviewRecord(review!),
      ...(version !== undefined ? { version } : {}),
      ...(regraded !== undefined ? { regraded } : {}),
    };
  }

  async #notifications(
    db: Db,
    row: ReviewFlagRow,
    body: ReviewDecisionBody,
    comment: string,
    changes: ScoreChange[],
    newScore: number | null,
  ): Promise<NewNotification[]> {
    const out: NewNotification[] = [];
    for (const change of changes) {
      out.push({
        userId: change.userId,
        kind: 'grade.changed',
        data: {
          submissionId: change.submissionId,
          exerciseId: change.exerciseId,
          exercise: change.exerciseTitle,
          before: change.before,
          after: change.after,
          maxScore: change.maxScore,
          comment,
          flagId: row.id,
          decision: body.decision,
        },
      });
    }
    // An appeal is answered even when the score stands.
    if (row.source === 'appeal' && !changes.some((c) => c.submissionId === row.submissionId)) {
      out.push({
        userId: row.learnerId,
        kind: 'review.decided',
        data: {
          submissionId: row.submissionId,
          exerciseId: row.exerciseId,
          exercise: row.exerciseTitle,
          decision: body.decision,
          before: row.score,
          after: newScore,
          maxScore: row.maxScore,
          comment,
          flagId: row.id,
        },
      });
    }
    if (body.decision === 'misconduct') {
      const learners = [row.learnerId];
      if (row.otherSubmissionId) {
        const other = await findReviewFlagOther(db, row.otherSubmissionId);
        if (other) learners.push(other);
      }
      const readers = new Set([...(await listTutorsOfLearners(db, learners)), ...(await listCoordinatorIds(db))]);
      for (const userId of readers)
        out.push({
          userId,
          kind: 'misconduct',
          data: {
            flagId: row.id,
            submissionId: row.submissionId,
            otherSubmissionId: row.otherSubmissionId,
            learnerIds: learners,
            learner: row.learnerName,
            exerciseId: row.exerciseId,
            exercise: row.exerciseTitle,
            comment,
          },
        });
    }
    return out;
  }

  /**
   * Accept this answer: the gap's typed answer joins the accepted answers in a new published
   * version of the module (and in the author's open draft, if any), then every graded submission
   * of that exercise (any version) that gave the same answer is regraded with the new key.
   */
  async #accept(
    db: Db,
    actor: Actor,
    row: ReviewFlagRow,
    itemId: string,
    now: Date,
  ): Promise<{ version: number | undefined; changes: ScoreChange[] }> {
    const spec = row.spec as FullSpec;
    const answer = row.answers as Answer | null;
    const gap = spec.kind === 'cloze' ? spec.gaps.find((g) => g.id === itemId) : undefined;
    const typed = answer?.kind === 'cloze' ? answer.gaps[itemId]?.trim() : undefined;
    if (!gap || !typed || matchGap(gap, typed).status !== 'wrong')
      throw new AppError('TREMPLIN_ERR_REVIEW_NOT_ACCEPTABLE', {}, 'itemId');

    const latest = await findLatestPublished(db, row.moduleId);
    if (!latest) throw notFound();
    const withVariant = (content: ModuleDefinition): ModuleDefinition | undefined => {
      const copy = structuredClone(content);
      const exercise = copy.exercises.find((e) => e.slug === row.exerciseSlug);
      if (exercise?.spec.kind !== 'cloze') return undefined;
      const target = exercise.spec.gaps.find((g) => g.id === itemId);
      if (!target) return undefined;
      const cs = target.caseSensitive ?? false;
      if (!target.answers.some((a) => normalizeAnswer(a, cs) === normalizeAnswer(typed, cs)))
        target.answers.push(typed);
      return copy;
    };
    const published = withVariant(latest.content as ModuleDefinition);
    if (!published) throw new AppError('TREMPLIN_ERR_REVIEW_NOT_ACCEPTABLE', {}, 'itemId');
    const note = `Variante acceptée par ${actor.user.displayName} : « ${typed} »`;

    let version: number | undefined;
    const open = await findOpenVersion(db, row.moduleId);
    if (open) {
      // A version is being written: the one-open-version rule forbids publishing beside it, so the
      // variant goes into it (its publication will carry it) and the regrade uses the new key now.
      const draft = withVariant(open.content as ModuleDefinition);
      if (draft && open.status === 'draft')
        await saveDraftContent(db, open.id, { revision: open.revision, content: draft, actorId: actor.user.id, now });
    } else {
      version = (await publishModule(db, published, { note, actorId: actor.user.id, now })).version;
    }

    const newSpec = published.exercises.find((e) => e.slug === row.exerciseSlug)!.spec as FullSpec;
    const cs = gap.caseSensitive ?? false;
    const wanted = normalizeAnswer(typed, cs);
    const changes: ScoreChange[] = [];
    for (const s of await listGradedAnswers(db, row.moduleId, row.exerciseSlug)) {
      const given = s.answers as Answer;
      if (given.kind !== 'cloze' || normalizeAnswer(given.gaps[itemId] ?? '', cs) !== wanted) continue;
      const graded = gradeEnglish(newSpec, given, { hint: s.hint });
      const after = roundScore(graded.share * s.maxScore);
      await setSubmissionScore(db, s.id, after, graded.result);
      changes.push({
        submissionId: s.id,
        userId: s.userId,
        exerciseId: s.exerciseId,
        exerciseTitle: s.title,
        before: s.score,
        after,
        maxScore: s.maxScore,
      });
    }
    return { version, changes };
  }

  #publish(row: ReviewFlagRow, body: ReviewDecisionBody, changes: ScoreChange[]): void {
    for (const change of changes) {
      this.#bus.publish({
        type: 'submission.graded',
        submissionId: change.submissionId,
        userId: change.userId,
        exerciseId: change.exerciseId,
        status: 'graded',
        score: change.after,
        maxScore: change.maxScore,
        passed: null,
        total: null,
      });
    }
    const reviewed: PlatformEvent = {
      type: 'submission.reviewed',
      submissionId: row.submissionId,
      userId: row.learnerId,
      exerciseId: row.exerciseId,
      flagId: row.id,
      decision: body.decision,
    };
    this.#bus.publish(reviewed);
  }
}

/** The learner of the other submission of a similarity pair. */
async function findReviewFlagOther(db: Db, submissionId: string): Promise<string | undefined> {
  return (await findSubmission(db, submissionId))?.userId;
}
