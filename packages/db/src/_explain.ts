import { sql } from 'drizzle-orm';
import { openDatabase } from './index.ts';
import { groupActivityQuery, groupDisciplineFiguresQuery, learnersAtRiskQuery, rowsOf, tutorActivityQuery, weeklyActivityQuery } from './queries/dashboards.ts';
const database = await openDatabase({ url: process.env.DATABASE_URL! });
const now = new Date();
const queries = { figures: groupDisciplineFiguresQuery({}), activity: groupActivityQuery({}, now), weekly: weeklyActivityQuery({}, now), atRisk: learnersAtRiskQuery({}, now), tutors: tutorActivityQuery({}, now) };
const only = process.argv[2];
for (const [name, q] of Object.entries(queries)) {
  if (only && only !== name) continue;
  const rows = await rowsOf<Record<string, string>>(database.db, sql`explain (analyze, buffers) ${q}`);
  const text = rows.map((r) => Object.values(r)[0]).join('\n');
  console.log(`=== ${name}`);
  console.log(only ? text : text.split('\n').filter(l => /Execution Time|Planning Time/.test(l)).join('\n'));
}
await database.close();
