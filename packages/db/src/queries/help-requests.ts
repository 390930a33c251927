import { sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { helpRequests } from '../schema/index.ts';
import { oncePerDatabase } from './prepared.ts';

export type HelpRequestRow = typeof helpRequests.$inferSelect;

export interface NewHelpRequest {
  userId: string;
  groupId: string;
  exerciseId?: string | null;
  liveSessionId?: string | null;
  message: string;
}

const insertStatement = oncePerDatabase((db) =>
  db
    .insert(helpRequests)
    .values({
      userId: sql.placeholder('userId'),
      groupId: sql.placeholder('groupId'),
      exerciseId: sql.placeholder('exerciseId'),
      liveSessionId: sql.placeholder('liveSessionId'),
      message: sql.placeholder('message'),
    })
    .returning()
    .prepare('insert_help_request'),
);

/** Stores an open help request; answers its row. */
export async function insertHelpRequest(db: Db, request: NewHelpRequest): Promise<HelpRequestRow> {
  const [row] = await insertStatement(db).execute({
    exerciseId: null,
    liveSessionId: null,
    ...request,
  });
  return row!;
}
