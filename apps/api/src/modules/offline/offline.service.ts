import type { Exercise, Lesson, Locale, ModuleDetail, OfflineCopy, OfflineFile } from '@tremplin/contracts';
import type { Actor } from '../auth/auth.service.ts';
import type { ExercisesService } from '../exercises/exercises.service.ts';
import type { LearningService } from '../learning/learning.service.ts';

/** The byte size of an answer as the route serializing it would send it. */
export interface AnswerSizes {
  module(body: ModuleDetail): number;
  lesson(body: Lesson): number;
  exercise(body: Exercise): number;
}

/**
 * What a learner's device keeps to open a module offline: the answers its pages read, each with its
 * size, read through the same services as those pages (so nothing the learner may not see, and no
 * answer key or hidden test, which those answers never hold). One item after the other: a download
 * is a rare request, and it should not take a burst of the pool's connections.
 */
export class OfflineService {
  readonly #learning: LearningService;
  readonly #exercises: ExercisesService;

  constructor(learning: LearningService, exercises: ExercisesService) {
    this.#learning = learning;
    this.#exercises = exercises;
  }

  async copy(actor: Actor, slug: string, locale: Locale, sizes: AnswerSizes): Promise<OfflineCopy> {
    const module = await this.#learning.getModule(actor, slug, locale);
    const files: OfflineFile[] = [{ url: `/api/modules/${module.slug}`, bytes: sizes.module(module) }];
    for (const { id } of module.lessons) {
      const lesson = await this.#learning.getLesson(actor, id, locale);
      files.push({ url: `/api/lessons/${id}`, bytes: sizes.lesson(lesson) });
    }
    for (const { id } of module.exercises) {
      const exercise = await this.#exercises.get(actor, id, locale);
      files.push({ url: `/api/exercises/${id}`, bytes: sizes.exercise(exercise) });
    }
    return { slug: module.slug, files, totalBytes: files.reduce((sum, f) => sum + f.bytes, 0) };
  }
}
