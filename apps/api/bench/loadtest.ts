// `pnpm loadtest`: a peak hour of the programme against a whole deployment on PostgreSQL.
//
// By default it starts the deployment itself, as production runs it: a fresh database
// `tremplin_loadtest` on the PostgreSQL server of LOADTEST_DATABASE_URL (migrated, with the demo
// programme and 15,000 learners in 900 groups of about 17, each with a tutor, and 5 coordinators;
// by default with half a year of work behind them, as a peak hour in the middle of the year meets,
// the database analysed as a running one is),
// LOADTEST_APIS API instances (`apps/api/src/server.ts` with GRADING_WORKER=false, each its own
// process with its production flags) and LOADTEST_GRADERS grader workers (`pnpm start:grader`).
// A load process then plays the hour's peak (loadtest-load.ts), after LOADTEST_WARMUP_SECONDS of the
// same load that are not measured (a peak hour meets warm instances): LOADTEST_ACTIVE learners at once
// browse, save drafts, run and submit code and answer English exercises, each waiting about
// LOADTEST_THINK_SECONDS between actions; the 900 tutors watch their groups on the live cockpit; 5
// coordinators refresh their dashboards. It reports throughput, errors, p50/p99 per kind of
// request, submit-to-result latency, tutor event latency and each process's CPU and memory, says
// PASS or FAIL against the targets, and writes the report into docs/performance.md.
//
// LOADTEST_DATABASE_URL: a PostgreSQL server URL whose role may create databases (required),
// LOADTEST_STUDENTS (15000), LOADTEST_GROUPS (900), LOADTEST_ACTIVE (3000), LOADTEST_SECONDS (120),
// LOADTEST_WARMUP_SECONDS (30), LOADTEST_THINK_SECONDS (20), LOADTEST_APIS (2), LOADTEST_GRADERS (2), LOADTEST_WRITE_DOCS (true),
// LOADTEST_HISTORY (true; false: the learners start with no work behind them, the tables that grow
// during the hour empty and without statistics).
// LOADTEST_RESTART_DATABASE: a shell command that restarts the PostgreSQL server (e.g.
// `pg_ctlcluster 15 main restart`), run halfway through the peak: the drill of a database restart
// under load (its report goes under its own heading).
import { execSync, fork } from 'node:child_process';
import { once } from 'node:events';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '@tremplin/db';
import { withDatabaseName } from '@tremplin/db/test-support';
import { sql } from 'drizzle-orm';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../src/server-flags.ts';
import { writeDocs } from './docs.ts';
import type { DropDrill, LoadReport } from './loadtest-load.ts';
import { startProcess, type DrillProcess } from '../drills/drill-kit.ts';
import { commandLine, cpuMs, familyOf, freePort, processesNamed, rssMb, nextMessage } from './proc.ts';
import { HALF_YEAR, seedBenchPeople } from './seed.ts';
import { LOOP_TIMER_MS, round, summarize } from './stats.ts';

const env = process.env;
const SERVER_URL = env.LOADTEST_DATABASE_URL;
const STUDENTS = Number(env.LOADTEST_STUDENTS ?? 15_000);
const GROUPS = Number(env.LOADTEST_GROUPS ?? 900);
const ACTIVE = Number(env.LOADTEST_ACTIVE ?? 3000);
const SECONDS = Number(env.LOADTEST_SECONDS ?? 120);
const WARMUP_SECONDS = Number(env.LOADTEST_WARMUP_SECONDS ?? 30);
const THINK_SECONDS = Number(env.LOADTEST_THINK_SECONDS ?? 20);
const APIS = Number(env.LOADTEST_APIS ?? 2);
const GRADERS = Number(env.LOADTEST_GRADERS ?? 2);
const COORDINATORS = 5;
const WRITE_DOCS = (env.LOADTEST_WRITE_DOCS ?? 'true') !== 'false';
const HISTORY = (env.LOADTEST_HISTORY ?? 'true') !== 'false';
const RESTART_DATABASE = env.LOADTEST_RESTART_DATABASE;
/** A directory for CPU profiles of the API instances (node --cpu-prof), to look into a slow run. */
const PROFILE_DIR = env.LOADTEST_PROFILE_DIR;
const ROOT = path.resolve(import.meta.dirname, '../../..');

/** The targets of a peak hour on this 2-core machine. */
const TARGETS = { apiP99Ms: 200, submitP99Ms: 1000, tutorP99Ms: 100 };

if (!SERVER_URL) {
  console.error(
    'pnpm loadtest needs LOADTEST_DATABASE_URL: a PostgreSQL server URL whose role may create databases, e.g.\n' +
      '  LOADTEST_DATABASE_URL=postgres://tremplin_dev:tremplin_dev@127.0.0.1:5432/tremplin_dev pnpm loadtest',
  );
  process.exit(1);
}

// Its own database per run, so that two runs on one server never meet.
const DB_NAME = `tremplin_loadtest_${process.pid}`;
const databaseUrl = withDatabaseName(SERVER_URL, DB_NAME);

async function recreateDatabase(): Promise<void> {
  const admin = await openDatabase({ url: SERVER_URL });
  await admin.db.execute(sql.raw(`drop database if exists ${DB_NAME} with (force)`));
  await admin.db.execute(sql.raw(`create database ${DB_NAME}`));
  await admin.close();
}

async function dropDatabase(): Promise<void> {
  const admin = await openDatabase({ url: SERVER_URL });
  await admin.db.execute(sql.raw(`drop database if exists ${DB_NAME} with (force)`));
  await admin.close();
}

/** Starts a process of the deployment (`apps/api/src/<script>`) on the load test's database. */
async function startMember(name: string, nodeArgs: string[], script: string, extra: Record<string, string>) {
  const member = startProcess(name, [...nodeArgs, path.join(ROOT, 'apps/api/src', script)], {
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    ...extra,
  });
  await member.waitForLine((line) => /Server listening|grader ready/.test(String(line.msg)), 120_000);
  const port = extra.METRICS_PORT ?? extra.PORT;
  return Object.assign(member, { metrics: `http://127.0.0.1:${port}/metrics` });
}

/**
 * A process's event-loop delay since the last read (prom-client's gauges, whose histogram each
 * scrape restarts), in ms; undefined when its metrics cannot be read.
 */
async function loopDelayOf(metricsUrl: string): Promise<{ p99: number; max: number } | undefined> {
  try {
    const text = await (await fetch(metricsUrl)).text();
    const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) * 1000;
    const p99 = read('nodejs_eventloop_lag_p99_seconds');
    const max = read('nodejs_eventloop_lag_max_seconds');
    return Number.isFinite(p99) && Number.isFinite(max) ? { p99: round(p99), max: round(max) } : undefined;
  } catch {
    return undefined;
  }
}

/** What a deployment's process logged as an error or worse (pino levels 50 and 60). */
function errorsOf(member: DrillProcess): string[] {
  return member.lines
    .filter((line) => Number(line.level) >= 50)
    .map((line) => JSON.stringify(line).slice(0, 400));
}

/** CPU (% of one core) and RSS of each part of the deployment over the measured window. */
interface Usage {
  name: string;
  cpuPercent: number;
  rssPeakMb: number;
}

/**
 * Samples the parts every 2 s. A part's processes may come and go (PostgreSQL's backends): each
 * process counts from its CPU time when first seen (0 for one born during the window) to its last
 * sample.
 */
function watchUsage(parts: Array<{ name: string; pids: () => number[] }>) {
  const started = performance.now();
  const tracked = parts.map((p) => ({
    first: new Map(p.pids().map((pid) => [pid, cpuMs(pid)])),
    last: new Map<number, number>(),
    peak: 0,
  }));
  const sample = () =>
    parts.forEach((p, i) => {
      const t = tracked[i]!;
      let rss = 0;
      for (const pid of p.pids()) {
        if (!t.first.has(pid)) t.first.set(pid, 0);
        const cpu = cpuMs(pid);
        if (cpu > 0) t.last.set(pid, cpu);
        rss += rssMb(pid);
      }
      t.peak = Math.max(t.peak, rss);
    });
  sample();
  const timer = setInterval(sample, 2000);
  return (): Usage[] => {
    clearInterval(timer);
    sample();
    const wall = performance.now() - started;
    return parts.map((p, i) => {
      const t = tracked[i]!;
      let used = 0;
      for (const [pid, last] of t.last) used += last - (t.first.get(pid) ?? 0);
      return { name: p.name, cpuPercent: Math.round((100 * used) / wall), rssPeakMb: t.peak };
    });
  };
}

/** Runs the restart command halfway through the peak; answers how long it took and what it said. */
async function restartHalfway(command: string): Promise<{ ms: number; output: string }> {
  await new Promise((resolve) => setTimeout(resolve, (WARMUP_SECONDS + SECONDS / 2) * 1000));
  const t0 = performance.now();
  const output = execSync(command, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  console.log(`restarted the database in ${Math.round(performance.now() - t0)} ms`);
  return { ms: performance.now() - t0, output };
}

async function main() {
  console.log(`pnpm loadtest: ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  let started = performance.now();
  await recreateDatabase();
  const database = await openDatabase({ url: databaseUrl });
  await migrate(database);
  const people = await seedBenchPeople(database.db, {
    students: STUDENTS,
    groups: GROUPS,
    english: true,
    coordinators: COORDINATORS,
    ...(HISTORY ? { history: HALF_YEAR, log: (line: string) => console.log(`  ${line}`) } : {}),
  });
  await database.close();
  console.log(
    `seeded ${STUDENTS} learners in ${GROUPS} groups${HISTORY ? ', with half a year of work,' : ''} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const members: Array<DrillProcess & { metrics: string }> = [];
  const ports: number[] = [];
  try {
    for (let i = 0; i < APIS; i += 1) {
      const port = await freePort();
      ports.push(port);
      members.push(
        await startMember(
          `api ${i + 1}`,
          [...SERVER_NODE_FLAGS, ...(PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [])],
          'server.ts',
          {
            ...SERVER_ENVIRONMENT,
            HOST: '127.0.0.1',
            PORT: String(port),
            GRADING_WORKER: 'false',
            GRADER_POOL_SIZE: '1',
          },
        ),
      );
    }
    for (let i = 0; i < GRADERS; i += 1) {
      members.push(
        await startMember(`grader ${i + 1}`, [], 'grader-main.ts', {
          GRADER_POOL_SIZE: '1',
          HOST: '127.0.0.1',
          METRICS_PORT: String(await freePort()),
        }),
      );
    }
    console.log(`deployment up: ${APIS} API instances (ports ${ports.join(', ')}), ${GRADERS} graders`);

    const load = fork(path.join(import.meta.dirname, 'loadtest-load.ts'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    load.send({
      type: 'start',
      bases: ports.map((p) => `127.0.0.1:${p}`),
      people,
      active: ACTIVE,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      thinkSeconds: THINK_SECONDS,
    });
    const connected = await nextMessage<{ ms: number; tutors: number; students: number; failed: number }>(
      load,
      'connected',
    );
    console.log(
      `connected ${connected.tutors} cockpits and ${connected.students} learners' feeds in ${(connected.ms / 1000).toFixed(1)} s (${connected.failed} failed); ${WARMUP_SECONDS} s of warm-up, then ${SECONDS} s of peak…`,
    );
    const usage = watchUsage([
      ...members.map((m) => ({ name: m.name, pids: () => familyOf(m.child.pid!) })),
      // The database's own backends (the server's other work, e.g. other databases, left out).
      {
        name: "PostgreSQL (this database's backends)",
        pids: () => processesNamed('postgres').filter((pid) => commandLine(pid).includes(DB_NAME)),
      },
      { name: 'load (the simulated users)', pids: () => [load.pid!] },
    ]);
    started = performance.now();
    // Each process's event-loop delay over the peak: its count restarts when the peak starts.
    const peakStarted = nextMessage(load, 'peak')
      .then(() => Promise.all(members.map((m) => loopDelayOf(m.metrics))))
      // The load process failing before its peak is told by its report's wait.
      .catch(() => []);
    load.send({ type: 'run' });
    const restart = RESTART_DATABASE ? restartHalfway(RESTART_DATABASE) : undefined;
    const { report } = await nextMessage<{ report: LoadReport }>(load, 'report');
    const used = usage();
    await peakStarted;
    const delays = new Map(
      await Promise.all(members.map(async (m) => [m.name, await loopDelayOf(m.metrics)] as const)),
    );
    delays.set('load (the simulated users)', report.loopDelay);
    load.send({ type: 'drop' });
    const { drill } = await nextMessage<{ drill: DropDrill }>(load, 'dropped');
    load.send({ type: 'close' });
    await once(load, 'exit');

    // Every accepted submission, as the database holds it: graded once, from its creation to its grade.
    const check = await openDatabase({ url: databaseUrl });
    const graded = await check.db.execute(sql`
      select extract(epoch from (s.graded_at - s.created_at)) * 1000 as ms, s.status, j.attempts
      from submissions s left join grading_jobs j on j.submission_id = s.id
      where s.id = any(${`{${report.accepted.join(',')}}`}::uuid[])`);
    const rows = ((graded as unknown as { rows?: unknown[] }).rows ?? graded) as Array<{
      ms: number | null;
      status: string;
      attempts: number | null;
    }>;
    await check.close();
    const server = summarize(rows.filter((r) => r.ms !== null).map((r) => Number(r.ms)));
    const ungraded = rows.filter((r) => r.status === 'queued' || r.status === 'grading').length;
    const retried = rows.filter((r) => (r.attempts ?? 1) > 1).length;
    const lost = report.accepted.length - rows.length;
    const memberErrors = members.flatMap(errorsOf);
    await present(
      report,
      used,
      delays,
      drill,
      { server, ungraded, total: rows.length, lost, retried },
      memberErrors,
      await restart,
    );
  } finally {
    await Promise.all(members.map((m) => m.stop()));
    await dropDatabase();
  }
}

async function present(
  report: LoadReport,
  used: Usage[],
  delays: Map<string, { p99: number; max: number } | undefined>,
  drill: DropDrill,
  submissions: {
    server: ReturnType<typeof summarize>;
    ungraded: number;
    total: number;
    lost: number;
    retried: number;
  },
  serverErrors: string[],
  restart: { ms: number; output: string } | undefined,
) {
  const requests = Object.values(report.kinds).reduce((n, k) => n + k.count, 0);
  const errors = Object.values(report.kinds).reduce((n, k) => n + k.errors, 0);
  const api = report.api;
  const verdicts = [
    [
      'every accepted submission graded, once',
      `${report.accepted.length} accepted: ${submissions.lost} lost, ${submissions.ungraded} ungraded, ${submissions.retried} graded after a retry`,
      submissions.lost === 0 && submissions.ungraded === 0,
    ],
    [
      `no errors (HTTP and sockets)`,
      `${errors} of ${requests} requests (warm-up: ${report.warmup.errors} of ${report.warmup.requests}), ${report.socketErrors} socket errors (${report.reopened} sockets closed by the server and reopened by their client)`,
      errors === 0 && report.warmup.errors === 0 && report.socketErrors === 0,
    ],
    [`API p99 < ${TARGETS.apiP99Ms} ms`, `${api.p99} ms (p50 ${api.p50} ms)`, api.p99 < TARGETS.apiP99Ms],
    [
      `submit-to-result p99 < ${TARGETS.submitP99Ms} ms`,
      `${report.submitToResult.p99} ms as the learner saw it (p50 ${report.submitToResult.p50}); ${submissions.server.p99} ms in the database (p50 ${submissions.server.p50})`,
      report.submitToResult.p99 < TARGETS.submitP99Ms && submissions.ungraded === 0,
    ],
    [
      `tutor event p99 < ${TARGETS.tutorP99Ms} ms`,
      `${report.tutorEvents.p99} ms (p50 ${report.tutorEvents.p50}; ${report.tutorEvents.count} events, ${report.tutorMissing} missing); p99 after a draft ${report.tutorEventsByAction.draft.p99}, a run ${report.tutorEventsByAction.run.p99}, a submission ${report.tutorEventsByAction.submit.p99}`,
      report.tutorEvents.p99 < TARGETS.tutorP99Ms && report.tutorMissing === 0,
    ],
  ] as const;
  const lines = [
    `Command: \`LOADTEST_DATABASE_URL=postgres://…/tremplin_dev pnpm loadtest\` (${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the end).`,
    '',
    `${APIS} API instances and ${GRADERS} grader workers on PostgreSQL; ${STUDENTS.toLocaleString('en')} learners in ${GROUPS} groups${HISTORY ? ` with half a year of work behind them (${HALF_YEAR.submissionsPerLearner} graded submissions, ${HALF_YEAR.runsPerLearner} runs each)` : ', with no work behind them'}, of whom ${ACTIVE.toLocaleString('en')} active at once (one action every ${THINK_SECONDS} s on average), ${GROUPS} tutors on the live cockpit, ${COORDINATORS} coordinators; ${WARMUP_SECONDS} s of warm-up under the same load, then ${SECONDS} s of peak, measured. ${requests.toLocaleString('en')} requests in the peak (${(requests / SECONDS).toFixed(0)}/s), ${report.submissions} submissions; ${report.accepted.length} accepted in the whole run (${submissions.total} in the database, ${submissions.ungraded} left ungraded).`,
    '',
    '| target | measured | verdict |',
    '| --- | --- | --- |',
    ...verdicts.map(([target, measured, pass]) => `| ${target} | ${measured} | ${pass ? 'PASS' : 'FAIL'} |`),
    '',
    '| kind of request | count | errors | p50 ms | p99 ms | max ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...Object.entries(report.kinds).map(
      ([kind, k]) =>
        `| ${kind} | ${k.count} | ${k.errors}${
          Object.keys(k.statuses).length
            ? ` (${Object.entries(k.statuses)
                .map(([s, n]) => `${s}: ${n}`)
                .join(', ')})`
            : ''
        } | ${k.p50} | ${k.p99} | ${k.max} |`,
    ),
    '',
    'Every request of the run by 10-second window of its start, the warm-up included:',
    '',
    '| from s | phase | requests | errors | p50 ms | p99 ms |',
    '| --- | --- | --- | --- | --- | --- |',
    ...report.timeline.map(
      (w) =>
        `| ${w.from} | ${w.warmup ? 'warm-up' : 'peak'} | ${w.count} | ${w.errors} | ${w.p50} | ${w.p99} |`,
    ),
    '',
    '| process | CPU (% of one core) | peak RSS MB | event-loop delay in the peak, p99 / max ms |',
    '| --- | --- | --- | --- |',
    ...used.map((u) => {
      const delay = delays.get(u.name);
      return `| ${u.name} | ${u.cpuPercent} | ${u.rssPeakMb} | ${delay ? `${delay.p99} / ${delay.max}` : '–'} |`;
    }),
    '',
    `The event-loop delay is read with a ${LOOP_TIMER_MS}-ms timer (prom-client's in the deployment's processes, scraped when the peak starts and when it ends; \`monitorEventLoopDelay\` in the load's): an idle loop reads about ${LOOP_TIMER_MS}, a stall its length.`,
    '',
    `**Drill: every socket dropped at once.** After the peak, the ${drill.sockets.toLocaleString('en')} sockets (cockpits and learners' feeds) were cut together and reopened, 200 at a time, as fast as the instances admitted them: every cockpit was back in ${(drill.tutorsBackMs / 1000).toFixed(1)} s and every socket in ${(drill.allBackMs / 1000).toFixed(1)} s (${drill.deferred} told to come back later, ${drill.failed} failed). The cockpits' new snapshots, read from the database, showed ${drill.tiles.toLocaleString('en')} tiles, ${drill.mismatched} of them different from what the live events had shown before the drop: ${drill.failed === 0 && drill.mismatched === 0 ? 'PASS' : 'FAIL'}.`,
    '',
    `Tutor events are measured from the learner's request to the tile's change on the tutor's socket (another instance for about half of them, through PostgreSQL's NOTIFY). Submit-to-result is measured as the web client sees it (reading the submission when the learner's feed announces its grade, else polling after 300 ms, then every ×1.25) and in the database (created_at to graded_at).`,
  ];
  if (serverErrors.length > 0)
    lines.push(
      '',
      `Server errors logged: ${serverErrors.length}; first: \`${serverErrors[0]!.replaceAll('`', "'")}\``,
    );
  if (restart)
    lines.unshift(
      `**PostgreSQL restarted halfway through the peak** (\`${RESTART_DATABASE}\`, ${(restart.ms / 1000).toFixed(1)} s). The errors below are the requests that met the restart; what must hold is that every accepted submission is graded once and that the platform recovers by itself.`,
      '',
    );
  const body = lines.join('\n');
  console.log(`\n${body}\n`);
  if (WRITE_DOCS)
    await writeDocs(
      restart
        ? '## Fault drill: PostgreSQL restarted under load'
        : '## Peak-hour load test (PostgreSQL, the whole deployment)',
      body,
    );
}

await main();
