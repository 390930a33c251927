// A learner's path across the versions of a module: work is matched by exercise slug (a new version
// keeps what they solved), an exercise whose grading changed since they solved it is flagged, and
// texts come in English where the author wrote them and the reader asked for English.
import type { Locale } from '@tremplin/contracts';
import { listWorkBySlug, type BestScoreRow, type Db, type ExerciseRow, type LessonRow } from '@tremplin/db';

export interface VersionWork {
  /** By the current version's exercise id: the best graded score and attempts over every version. */
  best: Map<string, BestScoreRow>;
  /** Current exercise ids solved in an earlier version whose tests or answer key differ from this one's. */
  changed: Set<string>;
}

/** The learner's work on these exercises (rows of the current versions of these modules), by slug. */
export async function workAcrossVersions(
  db: Db,
  userId: string,
  versions: Array<{ moduleId: string; versionId: string }>,
  exercises: ExerciseRow[],
): Promise<VersionWork> {
  const moduleOf = new Map(versions.map((v) => [v.versionId, v.moduleId]));
  const work = await listWorkBySlug(db, userId, [...new Set(versions.map((v) => v.moduleId))]);
  const bySlug = new Map(work.map((w) => [`${w.moduleId}:${w.slug}`, w]));
  const best = new Map<string, BestScoreRow>();
  const changed = new Set<string>();
  for (const e of exercises) {
    const w = bySlug.get(`${moduleOf.get(e.moduleVersionId)}:${e.slug}`);
    if (!w) continue;
    best.set(e.id, { exerciseId: e.id, bestScore: w.bestScore, attempts: w.attempts });
    // Solved only on rows of this very content (or on rows stored before hashes existed): unchanged.
    if (w.solvedHashes.length > 0 && e.contentHash && !w.solvedHashes.includes(e.contentHash))
      changed.add(e.id);
  }
  return { best, changed };
}

type English = { title?: unknown; summary?: unknown; body?: unknown; prompt?: unknown } | null | undefined;

const text = (value: unknown, fallback: string) =>
  typeof value === 'string' && value !== '' ? value : fallback;

/** A lesson row with its English title and body when the reader reads English and they exist. */
export function localLesson(row: LessonRow, locale: Locale): LessonRow {
  if (locale !== 'en') return row;
  const en = row.en as English;
  return { ...row, title: text(en?.title, row.title), bodyMd: text(en?.body, row.bodyMd) };
}

/** An exercise row with its English title and prompt when the reader reads English and they exist. */
export function localExercise(row: ExerciseRow, locale: Locale): ExerciseRow {
  if (locale !== 'en') return row;
  const en = row.en as English;
  return { ...row, title: text(en?.title, row.title), promptMd: text(en?.prompt, row.promptMd) };
}

/** A module's title and summary in the reader's language. */
export function localModule<T extends { title: string; summary?: string }>(
  row: T,
  en: unknown,
  locale: Locale,
): T {
  if (locale !== 'en') return row;
  const english = en as English;
  return {
    ...row,
    title: text(english?.title, row.title),
    ...(row.summary !== undefined ? { summary: text(english?.summary, row.summary) } : {}),
  };
}
