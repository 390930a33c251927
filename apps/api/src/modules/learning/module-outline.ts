import type { ExerciseSummary, ModuleProgress } from '@tremplin/contracts';
import type { BestScoreRow, ExerciseRow, LessonRow } from '@tremplin/db';

export type OutlineItem =
  { type: 'lesson'; id: string; title: string } | { type: 'exercise'; id: string; title: string };

/** The reading order of a module: each lesson followed by its exercises, then the free exercises. */
export function outline(lessons: LessonRow[], exercises: ExerciseRow[]): OutlineItem[] {
  const items: OutlineItem[] = [];
  for (const lesson of lessons) {
    items.push({ type: 'lesson', id: lesson.id, title: lesson.title });
    for (const e of exercises)
      if (e.lessonId === lesson.id) items.push({ type: 'exercise', id: e.id, title: e.title });
  }
  for (const e of exercises) if (!e.lessonId) items.push({ type: 'exercise', id: e.id, title: e.title });
  return items;
}

/** The items before and after one in the reading order. */
export function neighbours(
  items: OutlineItem[],
  id: string,
): { previous: OutlineItem | null; next: OutlineItem | null } {
  const at = items.findIndex((item) => item.id === id);
  return { previous: items[at - 1] ?? null, next: at >= 0 ? (items[at + 1] ?? null) : null };
}

// Vocabulary is a review activity with no score: it is not counted among the exercises to do.
const counted = (e: ExerciseRow) => e.kind !== 'vocabulary';

export function summarize(
  e: ExerciseRow,
  best: Map<string, BestScoreRow>,
  changed: Set<string> = new Set(),
): ExerciseSummary {
  const row = best.get(e.id);
  return {
    ...(changed.has(e.id) ? { changedSinceSolved: true } : {}),
    id: e.id,
    slug: e.slug,
    title: e.title,
    kind: e.kind,
    lessonId: e.lessonId,
    maxScore: e.maxScore,
    bestScore: row?.bestScore ?? null,
    attempts: row?.attempts ?? 0,
  };
}

/** A module's progress: each exercise counted once, at its best graded score. */
export function progressOf(
  lessons: LessonRow[],
  exercises: ExerciseRow[],
  read: Set<string>,
  best: Map<string, BestScoreRow>,
): ModuleProgress {
  const scored = exercises.filter(counted);
  return {
    exercisesDone: scored.filter((e) => best.get(e.id)?.bestScore != null).length,
    exercisesTotal: scored.length,
    lessonsRead: lessons.filter((l) => read.has(l.id)).length,
    lessonsTotal: lessons.length,
    score: round(scored.reduce((sum, e) => sum + (best.get(e.id)?.bestScore ?? 0), 0)),
    maxScore: round(scored.reduce((sum, e) => sum + e.maxScore, 0)),
  };
}

/** The first exercise not yet solved in full, in reading order. */
export function nextExercise(
  items: OutlineItem[],
  exercises: ExerciseRow[],
  best: Map<string, BestScoreRow>,
) {
  const byId = new Map(exercises.map((e) => [e.id, e]));
  for (const item of items) {
    const e = byId.get(item.id);
    if (e && counted(e) && (best.get(e.id)?.bestScore ?? -1) < e.maxScore) {
      return { id: e.id, title: e.title, kind: e.kind };
    }
  }
  return null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
