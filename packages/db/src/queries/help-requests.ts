import type { Db } from '../client.ts';
import { helpRequests } from '../schema/index.ts';

export type HelpRequestRow = typeof helpRequests.$inferSelect;

export async function insertHelpRequest(
  db: Db,
  request: typeof helpRequests.$inferInsert,
): Promise<HelpRequestRow> {
  const [row] = await db.insert(helpRequests).values(request).returning();
  return row!;
}
