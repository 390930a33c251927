import type {
  AppealCreated,
  Answer,
  DictationPlay,
  DraftBody,
  Exercise,
  HelpRequest,
  Locale,
  RunResult,
  Submission,
  SubmissionAccepted,
  SubmissionBody,
  SubmissionReview,
  StoredCodeResult,
  StoredGradeOutcome,
} from '@tremplin/contracts';
import { AnswerShapeError, DICTATION_DEFAULTS, gradeAnswer } from '@tremplin/content';
import {
  findDraft,
  findRun,
  findOwnSubmission,
  findSubmission,
  insertAppeal,
  insertHelpRequest,
  insertRun,
  insertSubmissionWithJob,
  listUserExerciseSubmissions,
  listVersionContent,
  logActivity,
  logPastes,
  saveDraft,
  takeDictationPlay,
  type Db,
  type OwnSubmissionRow,
} from '@tremplin/db';
import type { GraderPool } from '@tremplin/grader';
import { AppError, notFound, withDetails } from '../../errors.ts';
import type { RunGate } from '../../fair-use/run-gate.ts';
import { helpRequested, type EventBus } from '../../grading/events.ts';
import { renderResult } from '../../grading/feedback.ts';
import { gradeCode } from '../../grading/grade-exercise.ts';
import type { Actor } from '../auth/auth.service.ts';
import { neighbours, outline } from '../learning/module-outline.ts';
import { lomeWords } from '../recruitment/lome-time.ts';
import { localExercise, localLesson, localModule, workAcrossVersions } from '../learning/versions.ts';
import { learnerView, reachExercise, type ReachableExercise } from './exercise-access.ts';
import { submissionReviews } from './submission-review.ts';
import { newHelpView } from '../tutoring/views.ts';

const DEFAULT_MAX_SOURCE_BYTES = 64 * 1024;
/** How long work made offline may wait on the device, and how far ahead a device's clock may be. */
export const OFFLINE_MAX_AGE_MS = 7 * 24 * 3600_000;
export const OFFLINE_CLOCK_SKEW_MS = 5 * 60_000;
const KIND_NAMES: Record<Locale, { code: string; answer: string }> = {
  fr: { code: 'du code', answer: 'une réponse' },
  en: { code: 'code', answer: 'an answer' },
};

export interface ExercisesDeps {
  db: Db;
  pool: GraderPool;
  bus: EventBus;
  /** Admits runs to the grader pool: one at a time per learner, none while the graders are behind. */
  runGate: RunGate;
}

/** A learner working on an exercise: reading it, drafting, running, submitting, asking for help. */
export class ExercisesService {
  readonly #d: ExercisesDeps;

  constructor(deps: ExercisesDeps) {
    this.#d = deps;
  }

  async get(actor: Actor, exerciseId: string, locale: Locale = 'fr'): Promise<Exercise> {
    const { db } = this.#d;
    const reached = await reachExercise(db, actor, exerciseId);
    const { spec, place } = reached;
    const exercise = localExercise(reached.exercise, locale);
    const [{ lessons, exercises }, draft, work, view] = await Promise.all([
      listVersionContent(db, [place.versionId]),
      spec.kind === 'code' ? findDraft(db, actor.user.id, exercise.id) : undefined,
      workAcrossVersions(db, actor.user.id, [place], [exercise]),
      learnerView(db, exercise.id, spec, actor.user.id),
    ]);
    const { previous, next } = neighbours(
      outline(
        lessons.map((l) => localLesson(l, locale)),
        exercises.map((e) => localExercise(e, locale)),
      ),
      exercise.id,
    );
    const best = work.best.get(exercise.id);
    const hints = Array.isArray(exercise.hints) ? (exercise.hints as string[]) : [];
    return {
      id: exercise.id,
      slug: exercise.slug,
      title: exercise.title,
      kind: exercise.kind,
      promptMd: exercise.promptMd,
      ...(exercise.hint ? { hint: exercise.hint } : {}),
      hints: hints.length > 0 ? hints : exercise.hint ? [exercise.hint] : [],
      maxScore: exercise.maxScore,
      moduleSlug: place.moduleSlug,
      moduleTitle: localModule({ title: place.moduleTitle }, place.moduleEn, locale).title,
      previous,
      next,
      spec: view,
      draft: draft ? { code: draft.code, updatedAt: draft.updatedAt.toISOString() } : null,
      bestScore: best?.bestScore ?? null,
      attempts: best?.attempts ?? 0,
      ...(work.changed.has(exercise.id) ? { changedSinceSolved: true } : {}),
    };
  }

  /**
   * Saves the draft, and records the pastes the editor reported since the last save (for graders).
   * With `base` (see DraftBody) a draft changed since by another device is kept and answered in a
   * 409: the learner chooses; without it the last save wins (older clients).
   */
  async saveDraft(
    actor: Actor,
    exerciseId: string,
    { code, pastes = [], baseUpdatedAt }: DraftBody,
  ): Promise<{ updatedAt: string }> {
    const reached = await reachExercise(this.#d.db, actor, exerciseId);
    this.#checkCode(reached, code);
    const now = new Date();
    const base =
      baseUpdatedAt === undefined ? undefined : baseUpdatedAt === null ? null : new Date(baseUpdatedAt);
    const saved = await saveDraft(this.#d.db, actor.user.id, exerciseId, code, now, base);
    if ('conflict' in saved) {
      const server = { code: saved.conflict.code, updatedAt: saved.conflict.updatedAt.toISOString() };
      throw withDetails(
        new AppError('TREMPLIN_ERR_DRAFT_CONFLICT', { at: lomeWords(saved.conflict.updatedAt) }),
        { server },
      );
    }
    await logPastes(this.#d.db, {
      userId: actor.user.id,
      groupId: actor.memberships.find((m) => m.role === 'student' && m.groupId)?.groupId ?? null,
      exerciseId,
      pastes,
      now,
    });
    this.#d.bus.publish({ type: 'draft.saved', userId: actor.user.id, exerciseId });
    return { updatedAt: saved.savedAt.toISOString() };
  }

  async run(actor: Actor, exerciseId: string, code: string, locale: Locale): Promise<RunResult> {
    const { db, pool, bus, runGate } = this.#d;
    const reached = await reachExercise(db, actor, exerciseId);
    const spec = this.#checkCode(reached, code);
    const release = await runGate.admit(actor.user.id);
    const { result } = await gradeCode(pool, spec, code, { includeHidden: false }).finally(release);
    const now = new Date();
    const id = await insertRun(db, {
      userId: actor.user.id,
      exerciseId,
      code,
      result,
      testsPassed: result.passed,
      testsTotal: result.total,
      createdAt: now,
    });
    bus.publish({
      type: 'run.completed',
      runId: id,
      userId: actor.user.id,
      exerciseId,
      passed: result.passed,
      total: result.total,
    });
    return { id, result: renderResult(result, locale) };
  }

  /** `requestId` goes with the grading job: the worker's log lines name the request that queued it. */
  async submit(
    actor: Actor,
    exerciseId: string,
    body: SubmissionBody,
    locale: Locale,
    requestId: string,
  ): Promise<SubmissionAccepted> {
    const { db } = this.#d;
    const reached = await reachExercise(db, actor, exerciseId, { forAnswering: true });
    const { exercise, spec, place } = reached;
    const names = KIND_NAMES[locale];
    let content: { kind: 'code'; code: string } | { kind: 'answers'; answer: Answer };
    if (spec.kind === 'code') {
      if (body.code === undefined || body.answer !== undefined) {
        throw new AppError('TREMPLIN_ERR_WRONG_EXERCISE_KIND', {
          expected: names.code,
          received: names.answer,
        });
      }
      this.#checkCode(reached, body.code);
      content = { kind: 'code', code: body.code };
    } else {
      if (body.answer === undefined || body.code !== undefined || spec.kind === 'vocabulary') {
        throw new AppError('TREMPLIN_ERR_WRONG_EXERCISE_KIND', {
          expected: names.answer,
          received: names.code,
        });
      }
      try {
        // The answer's shape is checked before anything is stored; the grade itself comes from the queue.
        gradeAnswer(spec, body.answer, { locale });
      } catch (error) {
        if (error instanceof AnswerShapeError) {
          throw new AppError('TREMPLIN_ERR_ANSWER_SHAPE', { detail: error.message });
        }
        throw error;
      }
      content = { kind: 'answers', answer: body.answer };
    }
    const now = new Date();
    const madeOfflineAt = offlineTime(body.clientCreatedAt, now, locale);
    const { submission, created } = await insertSubmissionWithJob(
      db,
      {
        userId: actor.user.id,
        exerciseId,
        moduleVersionId: place.versionId,
        kind: content.kind,
        code: content.kind === 'code' ? content.code : null,
        answers: content.kind === 'answers' ? content.answer : null,
        maxScore: exercise.maxScore,
        idempotencyKey: body.idempotencyKey,
        createdAt: now,
        clientCreatedAt: madeOfflineAt,
      },
      { requestId, logActivity: true },
    );
    if (created) {
      this.#d.bus.publish({
        type: 'submission.queued',
        submissionId: submission.id,
        userId: actor.user.id,
        exerciseId,
      });
    }
    return { id: submission.id, status: submission.status };
  }

  async getSubmission(actor: Actor, submissionId: string, locale: Locale): Promise<Submission> {
    const submission = await findOwnSubmission(this.#d.db, submissionId);
    // Another learner's work: not even its existence is told.
    if (!submission || submission.userId !== actor.user.id) throw notFound();
    const reviews = await submissionReviews(this.#d.db, [submission], 'learner');
    return toSubmission(submission, locale, reviews.get(submission.id));
  }

  /**
   * The learner contests the grade of their own graded submission, once, with a comment for the
   * graders (another learner's submission: not found).
   */
  async appeal(actor: Actor, submissionId: string, comment: string, locale: Locale): Promise<AppealCreated> {
    const { db } = this.#d;
    const submission = await findSubmission(db, submissionId);
    if (!submission || submission.userId !== actor.user.id) throw notFound();
    const text = comment.trim();
    if (text.length === 0) {
      throw new AppError(
        'TREMPLIN_ERR_VALIDATION',
        { detail: locale === 'en' ? 'the comment is empty' : 'le commentaire est vide' },
        'comment',
      );
    }
    if (submission.status !== 'graded') throw new AppError('TREMPLIN_ERR_APPEAL_NOT_GRADED');
    const created = await insertAppeal(db, {
      submissionId,
      userId: actor.user.id,
      comment: text,
      now: new Date(),
    });
    if (!created) throw new AppError('TREMPLIN_ERR_APPEAL_EXISTS');
    return { id: created.id, submissionId, createdAt: created.createdAt.toISOString() };
  }

  /** A Run of the learner's own, its result read again in the reader's language. */
  async getRun(actor: Actor, runId: string, locale: Locale): Promise<RunResult> {
    const run = await findRun(this.#d.db, runId);
    if (!run || run.userId !== actor.user.id) throw notFound();
    return { id: run.id, result: renderResult(run.result as StoredCodeResult, locale) };
  }

  async history(actor: Actor, exerciseId: string, locale: Locale): Promise<Submission[]> {
    await reachExercise(this.#d.db, actor, exerciseId);
    const rows = await listUserExerciseSubmissions(this.#d.db, actor.user.id, exerciseId);
    const reviews = await submissionReviews(this.#d.db, rows, 'learner');
    return rows.map((row) => toSubmission(row, locale, reviews.get(row.id)));
  }

  async playDictation(actor: Actor, exerciseId: string): Promise<DictationPlay> {
    const { spec } = await reachExercise(this.#d.db, actor, exerciseId);
    if (spec.kind !== 'dictation') throw notFound();
    const maxPlays = spec.maxPlays ?? DICTATION_DEFAULTS.maxPlays;
    const used = await takeDictationPlay(this.#d.db, actor.user.id, exerciseId, maxPlays);
    if (used === undefined) throw new AppError('TREMPLIN_ERR_PLAY_LIMIT', { max: maxPlays });
    return { text: spec.text, lang: spec.lang, playsUsed: used, maxPlays };
  }

  async requestHelp(actor: Actor, exerciseId: string, message: string): Promise<HelpRequest> {
    const { db, bus } = this.#d;
    const { exercise } = await reachExercise(db, actor, exerciseId);
    const group = actor.memberships.find((m) => m.role === 'student' && m.groupId);
    if (!group?.groupId) throw new AppError('TREMPLIN_ERR_FORBIDDEN');
    const row = await insertHelpRequest(db, {
      userId: actor.user.id,
      groupId: group.groupId,
      exerciseId,
      message: message.trim(),
    });
    await logActivity(db, {
      userId: actor.user.id,
      groupId: group.groupId,
      kind: 'help.requested',
      exerciseId,
      data: { helpRequestId: row.id },
    });
    bus.publish(helpRequested(newHelpView(row, actor.user.displayName, exercise.title)));
    return {
      id: row.id,
      exerciseId: row.exerciseId,
      status: row.status,
      message: row.message,
      createdAt: row.createdAt.toISOString(),
    };
  }

  #checkCode({ spec }: ReachableExercise, code: string) {
    if (spec.kind !== 'code') throw notFound();
    const limit = spec.limits?.maxSourceBytes ?? DEFAULT_MAX_SOURCE_BYTES;
    const size = Buffer.byteLength(code, 'utf8');
    if (size > limit) throw new AppError('TREMPLIN_ERR_CODE_TOO_LARGE', { size, limit });
    return spec;
  }
}

function toSubmission(
  row: OwnSubmissionRow,
  locale: Locale,
  review: SubmissionReview | undefined,
): Submission {
  return {
    id: row.id,
    exerciseId: row.exerciseId,
    status: row.status,
    score: row.score,
    maxScore: row.maxScore,
    createdAt: row.createdAt.toISOString(),
    ...(row.clientCreatedAt ? { madeOfflineAt: row.clientCreatedAt.toISOString() } : {}),
    late: row.late,
    gradedAt: row.gradedAt?.toISOString() ?? null,
    code: row.code,
    answer: (row.answers as Answer | null) ?? null,
    result: row.results ? renderResult(row.results as StoredGradeOutcome, locale) : null,
    ...(review ? { review } : {}),
  };
}

/**
 * When a submission sent later was made offline, by the device's clock: within the last
 * OFFLINE_MAX_AGE_MS (older work is refused, not back-dated) and never ahead of the server by more
 * than OFFLINE_CLOCK_SKEW_MS (a time just ahead is taken as now). Undefined: made as it was sent.
 */
function offlineTime(clientCreatedAt: string | undefined, now: Date, locale: Locale): Date | null {
  if (clientCreatedAt === undefined) return null;
  const at = new Date(clientCreatedAt);
  const words =
    locale === 'en'
      ? { future: 'it is in the future', old: 'it is more than 7 days old' }
      : { future: 'elle est dans le futur', old: 'elle date de plus de 7 jours' };
  if (at.getTime() > now.getTime() + OFFLINE_CLOCK_SKEW_MS)
    throw new AppError('TREMPLIN_ERR_OFFLINE_TIME', { detail: words.future }, 'clientCreatedAt');
  if (at.getTime() < now.getTime() - OFFLINE_MAX_AGE_MS)
    throw new AppError('TREMPLIN_ERR_OFFLINE_TIME', { detail: words.old }, 'clientCreatedAt');
  return at.getTime() > now.getTime() ? now : at;
}
