// `pnpm drill:api` (DRILL_DATABASE_URL): an API instance killed while submissions arrive. Two API
// processes and two graders over a fresh PostgreSQL database; demo learners send DRILL_SUBMISSIONS
// (300) code submissions spread over both instances; API 1 gets SIGKILL a third of the way. A client
// whose request fails sends it again to the other instance with the same idempotency key. Every
// submission must end accepted once (one row per key), graded once with its expected score. Not in CI.
import { schema } from '@tremplin/db';
import { inArray } from 'drizzle-orm';
import {
  check,
  checkAllGradedOnce,
  codeExercises,
  inParallel,
  planSubmissions,
  runDrill,
  seconds,
  signIn,
  startApi,
  startGrader,
  submit,
  waitForEmptyQueue,
  type PlannedSubmission,
} from './drill-kit.ts';

const SUBMISSIONS = Number(process.env.DRILL_SUBMISSIONS ?? 300);
const LEARNERS = 10;

const started = performance.now();
await runDrill(async (drill, processes) => {
  const { database } = drill;
  const apis = await Promise.all([startApi(drill.url, 'api-1'), startApi(drill.url, 'api-2')]);
  const graders = await Promise.all([startGrader(drill.url, 'grader-1'), startGrader(drill.url, 'grader-2')]);
  processes.push(...apis, ...graders);
  const cookies = await Promise.all(
    Array.from({ length: LEARNERS }, (_, i) => signIn(apis[i % 2]!.url, `etudiant${i + 1}@tremplin.test`)),
  );
  const planned = planSubmissions(cookies, await codeExercises(database), SUBMISSIONS, 'drill-api');
  console.log(`drill: ${SUBMISSIONS} submissions of ${LEARNERS} demo learners over two API instances`);

  const accepted = new Map<string, PlannedSubmission>();
  const refused: string[] = [];
  let retriedElsewhere = 0;
  let killedAt = 0;
  let sent = 0;
  await inParallel(planned, 8, async (s) => {
    const first = sent++ % 2;
    if (sent === Math.floor(SUBMISSIONS / 3)) {
      apis[0]!.child.kill('SIGKILL');
      killedAt = performance.now();
      console.log(`drill: API 1 killed (SIGKILL) after ${sent} submissions were sent`);
    }
    // The client's rule: a request without an answer, or a 5xx, goes again to the other instance.
    for (let attempt = 0; attempt < 4; attempt++) {
      const api = apis[(first + attempt) % 2]!;
      const answer = await submit(api.url, s);
      if (answer.id) {
        accepted.set(answer.id, s);
        return;
      }
      if (answer.status !== 0 && answer.status < 500) break;
      retriedElsewhere++;
    }
    refused.push(s.key);
  });
  const allSentAt = performance.now();
  await waitForEmptyQueue(database, 120_000);
  const doneAt = performance.now();

  check(killedAt > 0, 'API 1 was never killed');
  check(
    refused.length === 0,
    `${refused.length} submissions were never accepted: ${refused.slice(0, 3).join(', ')}`,
  );
  const stored = await database.db
    .select({ id: schema.submissions.id })
    .from(schema.submissions)
    .where(
      inArray(
        schema.submissions.idempotencyKey,
        planned.map((s) => s.key),
      ),
    );
  check(
    stored.length === SUBMISSIONS && accepted.size === SUBMISSIONS,
    `one submission per key expected: ${SUBMISSIONS} keys, ${stored.length} stored, ${accepted.size} accepted ids`,
  );
  await checkAllGradedOnce(database, accepted, graders);
  console.log(
    [
      `drill passed: ${accepted.size} submissions accepted once each and graded once with their expected score`,
      `  requests sent again to the other instance: ${retriedElsewhere} (those cut by the kill, and each later one first sent to the dead instance)`,
      `  all accepted ${seconds(allSentAt - killedAt)} after the kill; queue drained ${seconds(doneAt - killedAt)} after it`,
      `  total ${seconds(doneAt - started)} (database set-up included)`,
    ].join('\n'),
  );
});
