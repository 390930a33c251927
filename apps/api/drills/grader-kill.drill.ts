// `pnpm drill:grader` (DRILL_DATABASE_URL): a grader worker killed mid-job. The API and two graders
// (a 3 s lease) run as processes of their own over a fresh PostgreSQL database; demo learners send
// DRILL_SUBMISSIONS (200) code submissions over HTTP; one grader is killed with SIGKILL while it
// holds running jobs and a replacement starts. Every accepted submission must end graded, once,
// with its expected score, and nothing be left running. Prints the figures; exits 1 on a failure.
import { schema } from '@tremplin/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
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

const SUBMISSIONS = Number(process.env.DRILL_SUBMISSIONS ?? 200);
const LEASE_SECONDS = 3;
const LEARNERS = 10;
const graderEnv = { GRADING_LEASE_SECONDS: String(LEASE_SECONDS) };

const started = performance.now();
await runDrill(async (drill, processes) => {
  const { database } = drill;
  const api = await startApi(drill.url);
  processes.push(api);
  const [doomed, survivor] = await Promise.all([
    startGrader(drill.url, 'grader-1', graderEnv),
    startGrader(drill.url, 'grader-2', graderEnv),
  ]);
  processes.push(doomed, survivor);
  const cookies = await Promise.all(
    Array.from({ length: LEARNERS }, (_, i) => signIn(api.url, `etudiant${i + 1}@tremplin.test`)),
  );
  const planned = planSubmissions(cookies, await codeExercises(database), SUBMISSIONS, 'drill-grader');
  console.log(
    `drill: ${SUBMISSIONS} submissions of ${LEARNERS} demo learners, two graders, a ${LEASE_SECONDS} s lease`,
  );

  const accepted = new Map<string, PlannedSubmission>();
  const refused: number[] = [];
  const submitting = inParallel(planned, 8, async (s) => {
    const answer = await submit(api.url, s);
    if (answer.id) accepted.set(answer.id, s);
    else refused.push(answer.status);
  });

  // Kill grader 1 as soon as it holds running jobs, once the queue has filled a little.
  const held = async () =>
    database.db
      .select({ id: schema.gradingJobs.id })
      .from(schema.gradingJobs)
      .where(and(eq(schema.gradingJobs.lockedBy, doomed.workerId), eq(schema.gradingJobs.status, 'running')));
  const watchUntil = performance.now() + 30_000;
  while (accepted.size < SUBMISSIONS / 4 || (await held()).length === 0) {
    check(performance.now() < watchUntil, 'grader 1 never held a running job to be killed on');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  doomed.child.kill('SIGKILL');
  await doomed.exited;
  const victims = (await held()).map((j) => j.id);
  check(victims.length > 0, 'grader 1 finished its jobs in the instant before the kill: run the drill again');
  const [lease] = await database.db
    .select({
      ms: sql<number>`(extract(epoch from max(${schema.gradingJobs.lockedUntil}) - now()) * 1000)::int`,
    })
    .from(schema.gradingJobs)
    .where(inArray(schema.gradingJobs.id, victims));
  const killedAt = performance.now();
  console.log(
    `drill: grader 1 killed (SIGKILL) holding ${victims.length} running jobs; a replacement starts`,
  );
  const replacement = await startGrader(drill.url, 'grader-3', graderEnv);
  processes.push(replacement);

  // Recovery: the killed grader's jobs, claimed again once their lease expired, are done.
  let recoveredAt = 0;
  while (!recoveredAt) {
    check(performance.now() - killedAt < 60_000, "the killed grader's jobs were not recovered within 60 s");
    const [row] = await database.db
      .select({ open: sql<number>`count(*) filter (where ${schema.gradingJobs.status} <> 'done')::int` })
      .from(schema.gradingJobs)
      .where(inArray(schema.gradingJobs.id, victims));
    if (row!.open === 0) recoveredAt = performance.now();
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await submitting;
  await waitForEmptyQueue(database, 60_000);
  const doneAt = performance.now();

  check(
    refused.length === 0,
    `${refused.length} submissions were refused: ${JSON.stringify(refused.slice(0, 5))}`,
  );
  await checkAllGradedOnce(database, accepted, [doomed, survivor, replacement]);
  const retried = await database.db
    .select({ attempts: schema.gradingJobs.attempts })
    .from(schema.gradingJobs)
    .where(inArray(schema.gradingJobs.id, victims));
  check(
    retried.every((j) => j.attempts === 2),
    `each job of the killed grader should have taken two attempts: ${JSON.stringify(retried)}`,
  );
  console.log(
    [
      `drill passed: ${accepted.size} submissions accepted (202), all graded once with their expected score`,
      `  jobs held by the killed grader: ${victims.length}, all graded by another after their lease (${LEASE_SECONDS} s)`,
      `  recovery after the kill: ${seconds(recoveredAt - killedAt)} (their leases ran out ${seconds(lease!.ms)} after it)`,
      `  queue drained ${seconds(doneAt - killedAt)} after the kill; total ${seconds(doneAt - started)} (database set-up included)`,
    ].join('\n'),
  );
});
