import type {
  ClaimResult,
  Discipline,
  ExerciseKind,
  FlagSource,
  GradeOutcome,
  Locale,
  MatchRegion,
  QueueItem,
  QueueQuery,
  ReviewedSubmission,
  ReviewItem,
  ReviewQueue,
  ReviewRecord,
  StoredGradeOutcome,
  WorkEvent,
  Answer,
} from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';
import { matchGap } from '@tremplin/content';
import {
  claimFlag,
  countReviewQueue,
  findFlagClaim,
  findReview,
  findReviewFlag,
  findSubmissionWithLearner,
  listExerciseWork,
  listRelatedFlags,
  listReviewQueue,
  listSharedGroups,
  releaseFlag,
  type Db,
  type ReviewFlagRow,
} from '@tremplin/db';
import { renderResult } from '../../grading/feedback.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { lomeWords } from '../recruitment/lome-time.ts';
import { renderReason } from './reasons.ts';

export interface ReviewSettings {
  claimMinutes: number;
  conflictRule: 'tutor' | 'none';
}

const DAY_MS = 86_400_000;
const DEFAULT_LIMIT = 50;

/** Graders (and admins) work the queue; everyone else, the coordination included, gets 403. */
export function assertGrader(actor: Actor): void {
  if (!actor.roles.has('grader') && !actor.roles.has('admin')) throw forbidden();
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');
function decodeCursor(raw: string | undefined): { at: string; id: string } | undefined {
  if (!raw) return undefined;
  const [at, id] = Buffer.from(raw, 'base64url').toString().split('|');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!at || !id || !uuid.test(id) || Number.isNaN(Date.parse(at.replace(' ', 'T'))))
    throw new AppError('TREMPLIN_ERR_VALIDATION', { detail: 'after' }, 'after');
  return { at, id };
}

/** Whether this grader tutors the learner (the conflict rule), as the reason shown, or null. */
export async function conflictOf(
  db: Db,
  settings: ReviewSettings,
  actor: Actor,
  learnerId: string,
  locale: Locale,
): Promise<string | null> {
  if (settings.conflictRule === 'none') return null;
  const shared = await listSharedGroups(db, learnerId, actor.user.id);
  if (shared.length === 0) return null;
  return locale === 'en'
    ? 'You tutor this learner: another grader must decide.'
    : 'Vous êtes le tuteur ou la tutrice de cet apprenant : un autre correcteur doit décider.';
}

/** The queue, the review page and the claims. Decisions are in decisions.ts. */
export class ReviewsService {
  readonly #db: Db;
  readonly #settings: ReviewSettings;
  readonly #now: () => Date;

  constructor(db: Db, settings: ReviewSettings, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#settings = settings;
    this.#now = now;
  }

  async queue(actor: Actor, query: QueueQuery, locale: Locale): Promise<ReviewQueue> {
    assertGrader(actor);
    const now = this.#now();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const filter = {
      view: query.view ?? 'open',
      userId: actor.user.id,
      now,
      source: query.source,
      discipline: query.discipline,
      moduleId: query.module,
      exerciseSlug: query.exercise,
      universityId: query.university,
      groupId: query.group,
      createdBefore:
        query.minAgeDays === undefined ? undefined : new Date(now.getTime() - query.minAgeDays * DAY_MS),
      limit: limit + 1,
      after: decodeCursor(query.after),
    } as const;
    const [rows, counts] = await Promise.all([
      listReviewQueue(this.#db, filter),
      countReviewQueue(this.#db, filter),
    ]);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => this.#item(row, actor, now, locale)),
      counts: {
        total: Object.values(counts.bySource).reduce((a, b) => a + b, 0),
        mine: counts.mine,
        bySource: counts.bySource,
      },
      next: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
    };
  }

  async item(actor: Actor, flagId: string, locale: Locale): Promise<ReviewItem> {
    assertGrader(actor);
    const row = await findReviewFlag(this.#db, flagId);
    if (!row) throw notFound();
    const now = this.#now();
    const [submission, other, related, review, conflict] = await Promise.all([
      this.#reviewed(
        {
          id: row.submissionId,
          userId: row.learnerId,
          learnerName: row.learnerName,
          status: row.submissionStatus,
          score: row.score,
          maxScore: row.maxScore,
          createdAt: row.submittedAt,
          code: row.code,
          answers: row.answers,
          results: row.results,
        },
        row,
        locale,
      ),
      row.otherSubmissionId ? this.#other(row.otherSubmissionId, row, locale) : null,
      listRelatedFlags(
        this.#db,
        [row.submissionId, ...(row.otherSubmissionId ? [row.otherSubmissionId] : [])],
        row.id,
      ),
      findReview(this.#db, row.id),
      conflictOf(this.#db, this.#settings, actor, row.learnerId, locale),
    ]);
    const details = (row.details ?? {}) as Record<string, unknown>;
    return {
      flag: this.#item(row, actor, now, locale),
      details,
      promptMd: row.promptMd,
      submission,
      other,
      regions: Array.isArray(details.regions) ? (details.regions as MatchRegion[]) : [],
      related: related.map((r) => ({ id: r.id, source: r.source as FlagSource, status: r.status })),
      review: review ? toReviewRecord(review) : null,
      conflict,
      acceptable: acceptableItems(row, locale),
    };
  }

  async claim(actor: Actor, flagId: string): Promise<ClaimResult> {
    assertGrader(actor);
    const now = this.#now();
    const expiresAt = new Date(now.getTime() + this.#settings.claimMinutes * 60_000);
    const won = await claimFlag(this.#db, { flagId, userId: actor.user.id, now, expiresAt });
    if (won) {
      return {
        flagId,
        claim: {
          by: { id: actor.user.id, displayName: actor.user.displayName },
          expiresAt: won.claimExpiresAt.toISOString(),
          mine: true,
        },
      };
    }
    const state = await findFlagClaim(this.#db, flagId);
    if (!state) throw notFound();
    if (state.status === 'resolved') throw new AppError('TREMPLIN_ERR_REVIEW_DECIDED');
    throw new AppError('TREMPLIN_ERR_REVIEW_CLAIMED', {
      name: state.claimerName ?? '?',
      until: state.claimExpiresAt ? lomeWords(state.claimExpiresAt) : '?',
    });
  }

  async release(actor: Actor, flagId: string): Promise<void> {
    assertGrader(actor);
    if (await releaseFlag(this.#db, flagId, actor.user.id)) return;
    const state = await findFlagClaim(this.#db, flagId);
    if (!state) throw notFound();
    if (state.status === 'resolved') throw new AppError('TREMPLIN_ERR_REVIEW_DECIDED');
    // Not mine (nobody's, or another grader's): letting go of it changes nothing.
  }

  #item(row: ReviewFlagRow, actor: Actor, now: Date, locale: Locale): QueueItem {
    const live = row.claimedBy && row.claimExpiresAt && row.claimExpiresAt > now && row.status === 'open';
    return {
      id: row.id,
      source: row.source as FlagSource,
      reason: renderReason(
        { source: row.source as FlagSource, reason: row.reason, details: row.details, similarity: row.similarity },
        locale,
      ),
      status: row.status,
      createdAt: row.createdAt.toISOString(),
      submissionId: row.submissionId,
      learner: { id: row.learnerId, displayName: row.learnerName },
      group: row.groupId && row.groupName ? { id: row.groupId, name: row.groupName } : null,
      university:
        row.universityId && row.universityName ? { id: row.universityId, name: row.universityName } : null,
      discipline: row.discipline as Discipline,
      module: { id: row.moduleId, slug: row.moduleSlug, title: row.moduleTitle },
      exercise: {
        id: row.exerciseId,
        slug: row.exerciseSlug,
        title: titleIn(row.exerciseTitle, row.exerciseEn, locale),
        kind: row.exerciseKind as ExerciseKind,
      },
      score: row.score,
      maxScore: row.maxScore,
      similarity: row.similarity,
      claim: live
        ? {
            by: { id: row.claimedBy!, displayName: row.claimerName ?? '?' },
            expiresAt: row.claimExpiresAt!.toISOString(),
            mine: row.claimedBy === actor.user.id,
          }
        : null,
      decision: row.decision ?? null,
    };
  }

  async #other(submissionId: string, row: ReviewFlagRow, locale: Locale): Promise<ReviewedSubmission | null> {
    const found = await findSubmissionWithLearner(this.#db, submissionId);
    if (!found) return null;
    const s = found.submission;
    return this.#reviewed(
      {
        id: s.id,
        userId: s.userId,
        learnerName: found.learnerName,
        status: s.status,
        score: s.score,
        maxScore: s.maxScore,
        createdAt: s.createdAt,
        code: s.code,
        answers: s.answers,
        results: s.results,
      },
      row,
      locale,
    );
  }

  async #reviewed(
    s: {
      id: string;
      userId: string;
      learnerName: string;
      status: ReviewedSubmission['status'];
      score: number | null;
      maxScore: number;
      createdAt: Date;
      code: string | null;
      answers: unknown;
      results: unknown;
    },
    row: ReviewFlagRow,
    locale: Locale,
  ): Promise<ReviewedSubmission> {
    const work = await listExerciseWork(this.#db, s.userId, row.moduleId, row.exerciseSlug);
    const history: WorkEvent[] = [
      ...work.runs.map((r) => ({
        kind: 'run' as const,
        at: r.at.toISOString(),
        passed: r.passed,
        total: r.total,
        code: r.code,
      })),
      ...work.submissions.map((w) => {
        const result = w.results as { passed?: number; total?: number } | null;
        return {
          kind: 'submission' as const,
          at: w.at.toISOString(),
          score: w.score,
          passed: typeof result?.passed === 'number' ? result.passed : null,
          total: typeof result?.total === 'number' ? result.total : null,
          code: w.code,
        };
      }),
      ...work.pastes.map((p) => {
        const data = (p.data ?? {}) as { chars?: unknown; intoEmpty?: unknown };
        return {
          kind: 'paste' as const,
          at: p.at.toISOString(),
          ...(typeof data.chars === 'number' ? { chars: data.chars } : {}),
          ...(typeof data.intoEmpty === 'boolean' ? { intoEmpty: data.intoEmpty } : {}),
        };
      }),
      ...(work.draft ? [{ kind: 'draft' as const, at: work.draft.at.toISOString() }] : []),
    ].sort((a, b) => a.at.localeCompare(b.at));
    return {
      id: s.id,
      learner: { id: s.userId, displayName: s.learnerName },
      status: s.status,
      score: s.score,
      maxScore: s.maxScore,
      createdAt: s.createdAt.toISOString(),
      code: s.code,
      answer: (s.answers as Answer | null) ?? null,
      result: s.results ? (renderResult(s.results as StoredGradeOutcome, locale) as GradeOutcome) : null,
      history,
    };
  }
}

function titleIn(title: string, en: unknown, locale: Locale): string {
  const english = (en as { title?: unknown } | null)?.title;
  return locale === 'en' && typeof english === 'string' && english ? english : title;
}

/** A decided review as the graders' pages show it. */
export function toReviewRecord(found: NonNullable<Awaited<ReturnType<typeof findReview>>>): ReviewRecord {
  const r = found.review;
  return {
    decision: r.decision,
    reviewer: { id: r.reviewerId, displayName: found.reviewerName },
    previousScore: r.previousScore,
    newScore: r.newScore,
    comment: r.comment,
    at: r.createdAt.toISOString(),
  };
}

/**
 * The gaps of a cloze answer that were not counted correct and hold a typed answer: each could
 * become an accepted variant.
 */
export function acceptableItems(
  row: Pick<ReviewFlagRow, 'spec' | 'answers' | 'status'>,
  locale: Locale,
): ReviewItem['acceptable'] {
  const spec = row.spec as FullSpec;
  const answer = row.answers as Answer | null;
  if (row.status !== 'open' || spec.kind !== 'cloze' || answer?.kind !== 'cloze') return [];
  const out: ReviewItem['acceptable'] = [];
  for (const gap of spec.gaps) {
    const typed = answer.gaps[gap.id]?.trim();
    if (!typed || matchGap(gap, typed).status !== 'wrong') continue;
    const label =
      locale === 'en'
        ? `Gap ${gap.id} (expected: “${gap.answers[0]}”)`
        : `Trou ${gap.id} (attendu : « ${gap.answers[0]} »)`;
    out.push({ itemId: gap.id, label, answer: typed });
  }
  return out;
}
