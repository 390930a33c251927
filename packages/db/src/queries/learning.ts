import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { dictationPlays, drafts, lessonReads, users, vocabularyStates } from '../schema/index.ts';
import { oncePerDatabase } from './prepared.ts';

export async function findDraft(
  db: Db,
  userId: string,
  exerciseId: string,
): Promise<{ code: string; updatedAt: Date } | undefined> {
  const [row] = await db
    .select({ code: drafts.code, updatedAt: drafts.updatedAt })
    .from(drafts)
    .where(and(eq(drafts.userId, userId), eq(drafts.exerciseId, exerciseId)))
    .limit(1);
  return row;
}

/** The upsert of a draft, its SQL built once per database; `setWhere`: when it may replace the draft found. */
const draftUpsert = (name: string, setWhere?: SQL) =>
  oncePerDatabase((db) =>
    db
      .insert(drafts)
      .values({
        userId: sql.placeholder('userId'),
        exerciseId: sql.placeholder('exerciseId'),
        code: sql.placeholder('code'),
        updatedAt: sql.placeholder('now'),
      })
      .onConflictDoUpdate({
        target: [drafts.userId, drafts.exerciseId],
        set: { code: sql`excluded.code`, updatedAt: sql`excluded.updated_at` },
        ...(setWhere ? { setWhere } : {}),
      })
      .returning({ updatedAt: drafts.updatedAt })
      .prepare(name),
  );
/** The last save wins; only where there was no draft; only over the draft the text was written from. */
const saveOver = {
  any: draftUpsert('save_draft'),
  none: draftUpsert('save_draft_if_none', sql`false`),
  // ISO 8601: compared as a timestamp, not encoded by the column.
  base: draftUpsert(
    'save_draft_over_base',
    sql`${drafts.updatedAt} = ${sql.placeholder('base')}::timestamptz`,
  ),
};

/**
 * Saves (or replaces) a draft; answers when it was saved. With `base` (the `updatedAt` the text was
 * written from, null: no draft then), the draft is replaced only if it is still that one, in one
 * statement; otherwise nothing is written and the answer is the draft that is kept (`conflict`).
 * Without it the last save wins.
 */
export async function saveDraft(
  db: Db,
  userId: string,
  exerciseId: string,
  code: string,
  now: Date,
  base?: Date | null,
): Promise<{ savedAt: Date } | { conflict: { code: string; updatedAt: Date } }> {
  const over = base === undefined ? saveOver.any : base === null ? saveOver.none : saveOver.base;
  const [saved] = await over(db).execute({
    userId,
    exerciseId,
    code,
    now,
    base: base?.toISOString() ?? null,
  });
  if (saved) return { savedAt: saved.updatedAt };
  const kept = await findDraft(db, userId, exerciseId);
  // The draft that stood in the way was deleted meanwhile (cannot happen today): save over nothing.
  if (!kept) return saveDraft(db, userId, exerciseId, code, now);
  return { conflict: kept };
}

/** When a learner's device last had nothing left to send; answers the time stored. */
export async function markLearnerSynced(db: Db, userId: string, now: Date): Promise<Date> {
  await db.update(users).set({ lastSyncedAt: now }).where(eq(users.id, userId));
  return now;
}

/** Marks a lesson read; true the first time only. */
export async function markLessonRead(db: Db, userId: string, lessonId: string, now: Date): Promise<boolean> {
  const inserted = await db
    .insert(lessonReads)
    .values({ userId, lessonId, readAt: now })
    .onConflictDoNothing()
    .returning({ lessonId: lessonReads.lessonId });
  return inserted.length > 0;
}

export async function listReadLessons(db: Db, userId: string, lessonIds: string[]): Promise<Set<string>> {
  if (lessonIds.length === 0) return new Set();
  const rows = await db
    .select({ lessonId: lessonReads.lessonId })
    .from(lessonReads)
    .where(and(eq(lessonReads.userId, userId), inArray(lessonReads.lessonId, lessonIds)));
  return new Set(rows.map((r) => r.lessonId));
}

export async function countDictationPlays(db: Db, userId: string, exerciseId: string): Promise<number> {
  const [row] = await db
    .select({ plays: dictationPlays.plays })
    .from(dictationPlays)
    .where(and(eq(dictationPlays.userId, userId), eq(dictationPlays.exerciseId, exerciseId)));
  return row?.plays ?? 0;
}

/** Counts one more play unless the limit is reached; answers the plays used, or undefined when refused. */
export async function takeDictationPlay(
  db: Db,
  userId: string,
  exerciseId: string,
  maxPlays: number,
): Promise<number | undefined> {
  const [row] = await db
    .insert(dictationPlays)
    .values({ userId, exerciseId, plays: 1 })
    .onConflictDoUpdate({
      target: [dictationPlays.userId, dictationPlays.exerciseId],
      set: { plays: sql`${dictationPlays.plays} + 1` },
      setWhere: sql`${dictationPlays.plays} < ${maxPlays}`,
    })
    .returning({ plays: dictationPlays.plays });
  return row?.plays;
}

export type VocabularyStateRow = typeof vocabularyStates.$inferSelect;

/** A learner's review states of these cards (keys stable across module versions). */
export async function listVocabularyStates(
  db: Db,
  userId: string,
  cardKeys: string[],
): Promise<VocabularyStateRow[]> {
  if (cardKeys.length === 0) return [];
  return db
    .select()
    .from(vocabularyStates)
    .where(and(eq(vocabularyStates.userId, userId), inArray(vocabularyStates.cardKey, cardKeys)))
    .orderBy(asc(vocabularyStates.due));
}

export async function saveVocabularyState(
  db: Db,
  row: { userId: string; cardKey: string; exerciseId: string; state: unknown; due: Date; now: Date },
): Promise<void> {
  await db
    .insert(vocabularyStates)
    .values({
      userId: row.userId,
      cardKey: row.cardKey,
      exerciseId: row.exerciseId,
      state: row.state,
      due: row.due,
      reviews: 1,
      lastReviewedAt: row.now,
      firstReviewedAt: row.now,
    })
    .onConflictDoUpdate({
      target: [vocabularyStates.userId, vocabularyStates.cardKey],
      set: {
        // The card's exercise row in the version reviewed last (its key is the same in every version).
        exerciseId: row.exerciseId,
        state: row.state,
        due: row.due,
        reviews: sql`${vocabularyStates.reviews} + 1`,
        lastReviewedAt: row.now,
      },
    });
}
