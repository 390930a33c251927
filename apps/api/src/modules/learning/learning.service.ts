import type {
  Lesson,
  Locale,
  ModuleDetail,
  ModuleSummary,
  Progress,
  RecentSubmission,
} from '@tremplin/contracts';
import {
  countActivityByDay,
  findLessonFor,
  listEnrolledModules,
  listLearnerDeadlines,
  listReadLessons,
  listRecentSubmissions,
  listVersionContent,
  logActivity,
  markLessonRead,
  type Db,
  type EnrolledModuleRow,
} from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { neighbours, nextExercise, outline, progressOf, summarize } from './module-outline.ts';
import { localExercise, localLesson, localModule, workAcrossVersions } from './versions.ts';

const ACTIVITY_DAYS = 56;

/** Modules, lessons and progress as a learner sees them: only what they are enrolled in. */
export class LearningService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async listModules(actor: Actor, locale: Locale = 'fr'): Promise<ModuleSummary[]> {
    const modules = await listEnrolledModules(this.#db, actor.user.id);
    return (await this.#describe(actor, modules, locale)).map(
      ({ lessons: _l, exercises: _e, ...summary }) => summary,
    );
  }

  async getModule(actor: Actor, slug: string, locale: Locale = 'fr'): Promise<ModuleDetail> {
    const modules = await listEnrolledModules(this.#db, actor.user.id, slug);
    const [detail] = await this.#describe(actor, modules, locale);
    if (!detail) throw notFound();
    return detail;
  }

  async getLesson(actor: Actor, lessonId: string, locale: Locale = 'fr'): Promise<Lesson> {
    const found = await findLessonFor(this.#db, lessonId, actor.user.id);
    if (!found || !isOpenToLearners(found.place.versionStatus)) throw notFound();
    if (!found.place.enrolled) throw new AppError('TREMPLIN_ERR_NOT_ENROLLED');
    const { place } = found;
    const lesson = localLesson(found.lesson, locale);
    const { lessons: lessonRows, exercises: exerciseRows } = await listVersionContent(this.#db, [
      place.versionId,
    ]);
    const lessons = lessonRows.map((l) => localLesson(l, locale));
    const exercises = exerciseRows.map((e) => localExercise(e, locale));
    const own = exercises.filter((e) => e.lessonId === lesson.id);
    const [read, work] = await Promise.all([
      listReadLessons(this.#db, actor.user.id, [lesson.id]),
      workAcrossVersions(this.#db, actor.user.id, [place], own),
    ]);
    const { previous, next } = neighbours(outline(lessons, exercises), lesson.id);
    return {
      id: lesson.id,
      title: lesson.title,
      bodyMd: lesson.bodyMd,
      moduleSlug: place.moduleSlug,
      moduleTitle: localModule({ title: place.moduleTitle }, place.moduleEn, locale).title,
      read: read.has(lesson.id),
      previous,
      next,
      exercises: own.map((e) => summarize(e, work.best, work.changed)),
    };
  }

  async markRead(actor: Actor, lessonId: string): Promise<void> {
    const found = await findLessonFor(this.#db, lessonId, actor.user.id);
    if (!found || !isOpenToLearners(found.place.versionStatus)) throw notFound();
    if (!found.place.enrolled) throw new AppError('TREMPLIN_ERR_NOT_ENROLLED');
    const now = new Date();
    if (await markLessonRead(this.#db, actor.user.id, lessonId, now)) {
      await logActivity(this.#db, {
        userId: actor.user.id,
        kind: 'lesson.read',
        data: { lessonId },
        createdAt: now,
      });
    }
  }

  /**
   * The progress page's figures, but the vocabulary due: that count is the daily review's queue
   * (cards due and the day's new ones), which the vocabulary service builds.
   */
  async progress(
    actor: Actor,
    now = new Date(),
    locale: Locale = 'fr',
  ): Promise<Omit<Progress, 'vocabularyDue'>> {
    const modules = await listEnrolledModules(this.#db, actor.user.id);
    const described = await this.#describe(actor, modules, locale);
    const since = new Date(now.getTime() - (ACTIVITY_DAYS - 1) * 86_400_000);
    since.setUTCHours(0, 0, 0, 0);
    const [perDay, recent] = await Promise.all([
      countActivityByDay(this.#db, actor.user.id, since),
      this.recent(actor),
    ]);
    const counts = new Map(perDay.map((d) => [d.date, d.count]));
    const activity = Array.from({ length: ACTIVITY_DAYS }, (_, i) => {
      const date = new Date(since.getTime() + i * 86_400_000).toISOString().slice(0, 10);
      return { date, count: counts.get(date) ?? 0 };
    });
    return {
      modules: described.map((m) => ({
        slug: m.slug,
        title: m.title,
        discipline: m.discipline,
        progress: m.progress,
      })),
      exercises: described.flatMap((m) =>
        m.exercises.map((e) => ({
          id: e.id,
          title: e.title,
          moduleSlug: m.slug,
          kind: e.kind,
          bestScore: e.bestScore,
          maxScore: e.maxScore,
          attempts: e.attempts,
        })),
      ),
      activity,
      recent,
    };
  }

  /** The learner's latest submissions, newest first (their home's feedback, the progress page's). */
  async recent(actor: Actor): Promise<RecentSubmission[]> {
    const rows = await listRecentSubmissions(this.#db, actor.user.id, 10);
    return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
  }

  async #describe(actor: Actor, modules: EnrolledModuleRow[], locale: Locale): Promise<ModuleDetail[]> {
    const versionIds = modules.map((m) => m.versionId);
    const { lessons: lessonRows, exercises: exerciseRows } = await listVersionContent(this.#db, versionIds);
    const lessons = lessonRows.map((l) => localLesson(l, locale));
    const exercises = exerciseRows.map((e) => localExercise(e, locale));
    const [read, { best, changed }, deadlines] = await Promise.all([
      listReadLessons(
        this.#db,
        actor.user.id,
        lessons.map((l) => l.id),
      ),
      workAcrossVersions(this.#db, actor.user.id, modules, exercises),
      listLearnerDeadlines(this.#db, actor.user.id),
    ]);
    return modules.map((module) => {
      const m = localModule(module, module.en, locale);
      const ownLessons = lessons.filter((l) => l.moduleVersionId === m.versionId);
      const ownExercises = exercises.filter((e) => e.moduleVersionId === m.versionId);
      const items = outline(ownLessons, ownExercises);
      return {
        slug: m.slug,
        title: m.title,
        summary: m.summary,
        discipline: m.discipline,
        version: m.version,
        progress: progressOf(ownLessons, ownExercises, read, best),
        nextExercise: nextExercise(items, ownExercises, best),
        dueAt: deadlines.get(m.moduleId)?.toISOString() ?? null,
        lessons: ownLessons.map((l) => ({ id: l.id, title: l.title, read: read.has(l.id) })),
        exercises: ownExercises.map((e) => summarize(e, best, changed)),
      };
    });
  }
}

/** Learners read published versions, and archived ones they worked on; never a draft or one in review. */
export function isOpenToLearners(status: string): boolean {
  return status === 'published' || status === 'archived';
}
