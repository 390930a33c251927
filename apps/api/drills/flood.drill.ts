// `pnpm drill:flood` (DRILL_DATABASE_URL): the queue filled faster than the graders drain it. One API
// and two graders over a fresh PostgreSQL database; DRILL_LEARNERS (20) demo learners send
// DRILL_SUBMISSIONS (2,000) code submissions at once, 50 requests in flight; once all are queued,
// one more learner sends a single submission. Every submission must be graded once with its expected
// score; the late learner's grade should come in its turn, not after the whole backlog (fair order,
// docs/adr/0007-fair-use-of-the-graders.md); and the processes' memory should stay flat. Not in CI.
import { schema } from '@tremplin/db';
import { eq, ne, sql } from 'drizzle-orm';
import { rssMb } from '../bench/proc.ts';
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

const SUBMISSIONS = Number(process.env.DRILL_SUBMISSIONS ?? 2000);
const LEARNERS = Number(process.env.DRILL_LEARNERS ?? 20);

await runDrill(async (drill, processes) => {
  const { database } = drill;
  const api = await startApi(drill.url);
  const graders = await Promise.all([startGrader(drill.url, 'grader-1'), startGrader(drill.url, 'grader-2')]);
  processes.push(api, ...graders);
  const cookies = await Promise.all(
    Array.from({ length: LEARNERS + 1 }, (_, i) => signIn(api.url, `etudiant${i + 1}@tremplin.test`)),
  );
  const late = cookies.pop()!;
  const exercises = await codeExercises(database);
  const planned = planSubmissions(cookies, exercises, SUBMISSIONS, 'drill-flood');
  console.log(`drill: ${SUBMISSIONS} submissions of ${LEARNERS} demo learners at once, two graders`);

  // Memory of each process, sampled every second: at the start, its peak, at the end.
  const memory = processes.map((p) => ({
    name: p.name,
    start: rssMb(p.child.pid!),
    peak: rssMb(p.child.pid!),
    end: 0,
  }));
  const sampler = setInterval(() => {
    processes.forEach((p, i) => (memory[i]!.peak = Math.max(memory[i]!.peak, rssMb(p.child.pid!))));
  }, 1000);

  const accepted = new Map<string, PlannedSubmission>();
  const refused: number[] = [];
  const floodAt = performance.now();
  await inParallel(planned, 50, async (s) => {
    const answer = await submit(api.url, s);
    if (answer.id) accepted.set(answer.id, s);
    else refused.push(answer.status);
  });
  const queuedAt = performance.now();
  const [latePlan] = planSubmissions([late], exercises, 1, 'drill-flood-late');
  const lateAnswer = await submit(api.url, latePlan!);
  check(lateAnswer.id !== undefined, `the late submission was refused (${lateAnswer.status})`);
  accepted.set(lateAnswer.id!, latePlan!);

  const lateSentAt = performance.now();
  const lateGraded = (async () => {
    for (;;) {
      const [row] = await database.db
        .select({ status: schema.submissions.status })
        .from(schema.submissions)
        .where(eq(schema.submissions.id, lateAnswer.id!));
      if (row?.status === 'graded') return performance.now() - lateSentAt;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  const [waiting] = await database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(schema.gradingJobs)
    .where(eq(schema.gradingJobs.status, 'queued'));

  await waitForEmptyQueue(database, 600_000);
  const doneAt = performance.now();
  const lateWaitMs = await lateGraded;
  clearInterval(sampler);
  processes.forEach((p, i) => (memory[i]!.end = rssMb(p.child.pid!)));

  check(
    refused.length === 0,
    `${refused.length} submissions were refused: ${JSON.stringify(refused.slice(0, 5))}`,
  );
  await checkAllGradedOnce(database, accepted, graders);
  // Fair order: every flooding learner's last grade comes at about the same time.
  const lastGrades = await database.db
    .select({ at: sql<number>`extract(epoch from max(${schema.submissions.gradedAt}))::float8` })
    .from(schema.submissions)
    .where(ne(schema.submissions.id, lateAnswer.id!))
    .groupBy(schema.submissions.userId);
  const spread = (Math.max(...lastGrades.map((g) => g.at)) - Math.min(...lastGrades.map((g) => g.at))) * 1000;
  console.log(
    [
      `drill passed: ${accepted.size} submissions graded once with their expected score`,
      `  all ${SUBMISSIONS} accepted in ${seconds(queuedAt - floodAt)}; queue drained ${seconds(doneAt - queuedAt)} later (${Math.round(SUBMISSIONS / ((doneAt - queuedAt) / 1000))} graded/s)`,
      `  fair order: the ${LEARNERS} learners' last grades came within ${seconds(spread)} of each other; ` +
        `the late learner's single submission was graded ${seconds(lateWaitMs)} after it was sent, ahead of ${waiting!.n} waiting`,
      ...memory.map(
        (m) =>
          `  ${m.name} RSS: ${m.start} MB at the start, ${m.peak} MB at the peak, ${m.end} MB at the end`,
      ),
    ].join('\n'),
  );
});
