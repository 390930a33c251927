// Tutors' notes about their learners.
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../client.ts';
import { learnerNotes, users } from '../../schema/index.ts';

export interface LearnerNoteRow {
  authorId: string;
  authorName: string;
  body: string;
  updatedAt: Date;
}

/** Every note kept about a learner, by author name. */
export async function listLearnerNotes(db: Db, learnerId: string): Promise<LearnerNoteRow[]> {
  return db
    .select({
      authorId: learnerNotes.authorId,
      authorName: users.displayName,
      body: learnerNotes.body,
      updatedAt: learnerNotes.updatedAt,
    })
    .from(learnerNotes)
    .innerJoin(users, eq(users.id, learnerNotes.authorId))
    .where(eq(learnerNotes.learnerId, learnerId))
    .orderBy(asc(users.displayName));
}

/** Replaces an author's note about a learner; an empty body deletes it. */
export async function saveLearnerNote(
  db: Db,
  note: { learnerId: string; authorId: string; body: string; now: Date },
): Promise<void> {
  if (note.body.trim() === '') {
    await db
      .delete(learnerNotes)
      .where(and(eq(learnerNotes.learnerId, note.learnerId), eq(learnerNotes.authorId, note.authorId)));
    return;
  }
  await db
    .insert(learnerNotes)
    .values({ learnerId: note.learnerId, authorId: note.authorId, body: note.body, updatedAt: note.now })
    .onConflictDoUpdate({
      target: [learnerNotes.learnerId, learnerNotes.authorId],
      set: { body: note.body, updatedAt: note.now },
    });
}
