// `pnpm bench:live`: starts the Tremplin server on a database of its own (embedded, or a fresh
// database on the PostgreSQL server of BENCH_DATABASE_URL), connects
// thousands of student and tutor sockets from a separate load process, generates student activity
// at several rates and measures from each action to its tutor's receipt; then does the same
// against a bare `ws` server routing the same messages (the ceiling). Prints the figures and
// writes them into docs/performance.md under "## Live dashboards" (embedded) or "## Live
// dashboards on PostgreSQL".
//
// BENCH_DATABASE_URL (none: the embedded engine; else a server URL whose role may create
// databases: the benchmark creates and drops `tremplin_bench_live` there), BENCH_STUDENTS (15000), BENCH_GROUPS (900), BENCH_RATES (200,2000), BENCH_SECONDS (20),
// BENCH_API_RATE (50: the phase through the API itself), BENCH_CONCURRENCY (200 sockets opening
// at once, each retried after the server's Retry-After when deferred), BENCH_WRITE_DOCS (true).
// Diagnosis (figures not recorded): BENCH_PROFILE_DIR (CPU profiles of the server per phase),
// BENCH_PROFILE_ALLOCATIONS (true: allocation profiles instead; promoted: only what outlived the
// young generation; retained: only what is alive at the phase's end), BENCH_STATEMENT_KINDS=true
// (each phase's SQL by kind), BENCH_SERVER_FLAGS (the server's Node flags), BENCH_HEAP_DIR (heap
// snapshots once connected).
// Each server's memory is read after a full garbage collection (both run with --expose-gc).
import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { migrate, openDatabase } from '@tremplin/db';
import { withDatabaseName } from '@tremplin/db/test-support';
import { sql } from 'drizzle-orm';
import type { Diagnostics } from './diagnostics.ts';
import { SERVER_ENVIRONMENT, SERVER_NODE_FLAGS } from '../src/server-flags.ts';
import { writeDocs } from './docs.ts';
import { cpuMs, rssMb, nextMessage } from './proc.ts';
import type { Mode, PhaseResult, Via } from './live-load.ts';
import { seedBenchPeople } from './seed.ts';

const env = process.env;
const STUDENTS = Number(env.BENCH_STUDENTS ?? 15_000);
const GROUPS = Number(env.BENCH_GROUPS ?? 900);
const RATES = (env.BENCH_RATES ?? '200,2000').split(',').map(Number);
const SECONDS = Number(env.BENCH_SECONDS ?? 20);
const API_RATE = Number(env.BENCH_API_RATE ?? 50);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 200);
const WRITE_DOCS = (env.BENCH_WRITE_DOCS ?? 'true') !== 'false';
const SERVER_URL = env.BENCH_DATABASE_URL;
const ENGINE = SERVER_URL ? 'PostgreSQL' : 'PGlite';
/** A directory for CPU profiles of the Tremplin server, one per phase (to look into a slow run). */
const PROFILE_DIR = env.BENCH_PROFILE_DIR;
/** A directory for heap snapshots of both servers once every socket is connected (memory per socket). */
const HEAP_DIR = env.BENCH_HEAP_DIR;
/** The Node flags of Tremplin's server (BENCH_SERVER_FLAGS='' compares with Node's defaults). */
const SERVER_FLAGS =
  env.BENCH_SERVER_FLAGS === undefined
    ? SERVER_NODE_FLAGS
    : env.BENCH_SERVER_FLAGS.split(' ').filter(Boolean);
// The server writes its profiles and snapshots there: a missing directory would lose them.
for (const dir of [PROFILE_DIR, HEAP_DIR]) if (dir) mkdirSync(dir, { recursive: true });
const here = (file: string) => path.join(import.meta.dirname, file);

interface Run {
  mode: Mode;
  connect: {
    students: number;
    tutors: number;
    failed: number;
    deferred: number;
    studentsMs: number;
    totalMs: number;
  };
  /** RSS before any socket and with every socket connected, idle, each after a full collection. */
  rssBeforeMb: number;
  rssIdleMb: number;
  /** RSS the moment every socket is connected, the garbage of connecting included. */
  rssConnectedMb: number;
  /** SQL statements the server sent during the connect phase (background work included). */
  statements: number;
  phases: Array<
    PhaseResult & {
      rssPeakMb: number;
      serverCpu: number;
      loadCpu: number;
      server: Diagnostics;
      /** The machine's 1-minute load average at the end of the phase (other work shares its 2 cores). */
      machineLoad: number;
    }
  >;
}

async function measure(
  mode: Mode,
  where: string,
  people: unknown,
  plan: Array<{ rate: number; via: Via }>,
): Promise<Run> {
  const server = fork(here(mode === 'tremplin' ? 'live-server.ts' : 'bare-server.ts'), [where], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // Tremplin's server runs with its production flags; the bare server with Node's defaults. Both
    // have the production environment (glibc's malloc settings) and may be asked for a full
    // collection before their memory is read (--expose-gc).
    execArgv: [...(mode === 'tremplin' ? SERVER_FLAGS : []), '--expose-gc'],
    env: {
      ...env,
      ...SERVER_ENVIRONMENT,
      ...(env.BENCH_GLIBC_TUNABLES ? { GLIBC_TUNABLES: env.BENCH_GLIBC_TUNABLES } : {}),
    },
  });
  const { port } = await nextMessage<{ port: number }>(server, 'ready');
  const load = fork(here('live-load.ts'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  console.log(`[${mode}] server pid ${server.pid} on port ${port}; connecting…`);
  const profiled = PROFILE_DIR && mode === 'tremplin';
  /** RSS after a full collection: what the server holds. */
  const heldMb = async () => {
    server.send({ type: 'collect' });
    await nextMessage(server, 'collected');
    return rssMb(server.pid!);
  };
  const rssBeforeMb = await heldMb();
  server.send({ type: 'statements' });
  const before = await nextMessage<{ count: number }>(server, 'statements');
  if (profiled) server.send({ type: 'profile-start' });
  load.send({ type: 'start', mode, port, people, concurrency: CONCURRENCY });
  const { type: _t, ...connect } = await nextMessage<Run['connect'] & { type: string }>(load, 'connected');
  const rssConnectedMb = rssMb(server.pid!);
  if (HEAP_DIR) {
    server.send({ type: 'heap', file: path.join(HEAP_DIR, `${mode}.heapsnapshot`) });
    await nextMessage(server, 'heap');
  }
  server.send({ type: 'statements' });
  const statements = (await nextMessage<{ count: number }>(server, 'statements')).count - before.count;
  const rssIdleMb = await heldMb();
  if (profiled) {
    server.send({ type: 'profile-stop', file: path.join(PROFILE_DIR, 'connect.cpuprofile') });
    await nextMessage(server, 'profiled');
  }
  console.log(
    `[${mode}] ${connect.students} students + ${connect.tutors} tutors in ${connect.totalMs} ms ` +
      `(${connect.deferred} deferred, ${statements} SQL statements); RSS ${rssBeforeMb} → ${rssIdleMb} MB ` +
      `after a full collection (${rssConnectedMb} MB right after connecting)`,
  );
  const phases: Run['phases'] = [];
  for (const { rate, via } of plan) {
    server.send({ type: 'diagnostics' });
    await nextMessage(server, 'diagnostics');
    let peak = rssMb(server.pid!);
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid!))), 250);
    if (profiled) server.send({ type: 'profile-start' });
    const cpu = [cpuMs(server.pid!), cpuMs(load.pid!), performance.now()];
    load.send({ type: 'phase', rate, seconds: SECONDS, via });
    const { result } = await nextMessage<{ result: PhaseResult }>(load, 'phase');
    clearInterval(sampler);
    if (profiled) {
      server.send({ type: 'profile-stop', file: path.join(PROFILE_DIR, `${via}-${rate}.cpuprofile`) });
      await nextMessage(server, 'profiled');
    }
    const wall = performance.now() - cpu[2]!;
    const serverCpu = Math.round((100 * (cpuMs(server.pid!) - cpu[0]!)) / wall);
    const loadCpu = Math.round((100 * (cpuMs(load.pid!) - cpu[1]!)) / wall);
    server.send({ type: 'diagnostics' });
    const { type: _d, ...diagnostics } = await nextMessage<Diagnostics & { type: string }>(
      server,
      'diagnostics',
    );
    const machineLoad = Math.round(loadavg()[0]! * 10) / 10;
    phases.push({ ...result, rssPeakMb: peak, serverCpu, loadCpu, server: diagnostics, machineLoad });
    console.log(
      `[${mode}${mode === 'tremplin' ? `, ${via}` : ''}] ${rate}/s: p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms; ` +
        `${result.received}/${result.sent} received, ${result.errors} errors ${JSON.stringify(result.statuses)}; RSS peak ${peak} MB; CPU server ${serverCpu} %, load ${loadCpu} %, machine load ${machineLoad}; server loop p99 ` +
        `${diagnostics.loopP99Ms} ms, max ${diagnostics.loopMaxMs} ms, GC ${diagnostics.gcTotalMs} ms (max ${diagnostics.gcMaxMs}; ` +
        `${diagnostics.scavenges} scavenges, ${diagnostics.scavengeMs} ms); ` +
        `heap ${diagnostics.heapMb} MB, external ${diagnostics.externalMb} MB`,
    );
  }
  load.send({ type: 'close' });
  await nextMessage(load, 'closed').catch(() => {});
  server.send({ type: 'stop' });
  await new Promise((resolve) => server.once('exit', resolve));
  return { mode, connect, rssBeforeMb, rssIdleMb, rssConnectedMb, statements, phases };
}

const held = (run: Run) => run.connect.students + run.connect.tutors;
const perSocket = (n: number, run: Run) => n / Math.max(1, held(run));
/** What each socket adds to the server's memory, in KB. */
const stateKb = (run: Run) => Math.round(perSocket((run.rssIdleMb - run.rssBeforeMb) * 1024, run));

/** A ratio as a verdict prints it: one decimal, two where one would hide the side of the target. */
const times = (value: number, target: number) => `${value.toFixed(Math.abs(value - target) < 0.05 ? 2 : 1)}×`;

/** The targets of issue 17 on this run's figures, each PASS or FAIL. */
function verdicts(tremplin: Run, bare: Run): string[] {
  const busiest = (run: Run) => run.phases.find((p) => p.via !== 'api' && p.rate === 2000);
  const t = busiest(tremplin);
  const b = busiest(bare);
  const check = (ok: boolean, what: string) => `- ${ok ? 'PASS' : 'FAIL'}: ${what}`;
  const connectRatio = tremplin.connect.totalMs / bare.connect.totalMs;
  const rssRatio = tremplin.rssIdleMb / bare.rssIdleMb;
  return [
    check(
      tremplin.connect.failed === 0 && held(tremplin) === held(bare) && connectRatio <= 3,
      `${held(tremplin)} sockets connect in ≤ 3× bare \`ws\`: ${(tremplin.connect.totalMs / 1000).toFixed(1)} s against ` +
        `${(bare.connect.totalMs / 1000).toFixed(1)} s (${times(connectRatio, 3)}), ${tremplin.connect.failed} failed, ` +
        `${tremplin.connect.deferred} deferred then admitted`,
    ),
    check(
      perSocket(tremplin.statements, tremplin) <= 1,
      `at most one SQL statement per socket connect: ${perSocket(tremplin.statements, tremplin).toFixed(2)} ` +
        `(${tremplin.statements} for ${held(tremplin)} sockets, background work included)`,
    ),
    check(
      rssRatio <= 2.5,
      `server RSS with every socket, after a full collection, ≤ 2.5× bare \`ws\`: ${tremplin.rssIdleMb} MB against ${bare.rssIdleMb} MB ` +
        `(${times(rssRatio, 2.5)}; per socket ${stateKb(tremplin)} KB against ${stateKb(bare)} KB)`,
    ),
    t && b
      ? check(
          t.p99 <= 4 * b.p99 && t.missing === 0,
          `2,000 actions/s reach the tutors at p99 ≤ 4× bare \`ws\`: ${t.p99} ms against ${b.p99} ms ` +
            `(${times(t.p99 / b.p99, 4)}), ${t.missing} lost`,
        )
      : '- not measured: 2,000 actions/s',
  ];
}

function report(tremplin: Run, bare: Run): string {
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(1)}×` : '–');
  const ms = (p: PhaseResult) => `${p.p50} / ${p.p99} / ${p.max} ms`;
  const health = (p: Run['phases'][number]) =>
    `${p.serverCpu} %, ${p.server.loopP99Ms} / ${p.server.loopMaxMs} ms, ${p.server.gcTotalMs} ms (${p.server.gcMaxMs} ms; ` +
    `${p.server.scavenges} × ${p.server.scavenges > 0 ? (p.server.scavengeMs / p.server.scavenges).toFixed(1) : 0} ms)`;
  const lines = [
    `Measured with \`pnpm bench:live\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores ` +
      `(${cpus()[0]?.model.trim()}), Node ${process.version}, ${SERVER_URL ? 'PostgreSQL 15 on the same machine' : 'embedded database (PGlite)'}; the server, the load ` +
      'process and the ceiling on one machine over loopback.',
    '',
    `${tremplin.connect.students} student sockets, each following its feed after telling its exercise (\`focus\`), and ` +
      `${tremplin.connect.tutors} tutor sockets, each following its group's grid, in ${GROUPS} groups. Student actions, ` +
      'one at a time per student, mixed 40 % edits, 25 % runs, 20 % focus changes, 10 % submissions, 5 % help ' +
      'requests; latency is from the load process sending an action to the tutor socket receiving the tile (or ' +
      "help request) it changed. Focus changes go over the student's own socket. The other actions enter as the " +
      'events the API publishes once it has handled the request (`draft.saved`, `run.completed`, ' +
      '`submission.queued`, `help.requested` after storing the request), sent over one benchmark socket: ' +
      'handling 2,000 requests a second (each a transaction, runs and submissions graded in the sandboxes) is ' +
      'beyond this 2-core machine while it also runs the load process and the database, so the request path is measured apart, ' +
      `through the API itself (authentication, SQL, the grader pool running the code in its sandboxes) at ${API_RATE} actions/s. The ceiling is a ` +
      'bare `ws` server routing each student message to its tutor, with no authentication, database or state.',
    '',
    '| | Tremplin | bare `ws` | ratio |',
    '| --- | --- | --- | --- |',
    `| sockets held | ${tremplin.connect.students + tremplin.connect.tutors} (${tremplin.connect.failed} failed) | ` +
      `${bare.connect.students + bare.connect.tutors} (${bare.connect.failed} failed) | |`,
    `| time to connect all (Tremplin: authenticate, subscribe, snapshot) | ${(tremplin.connect.totalMs / 1000).toFixed(1)} s | ` +
      `${(bare.connect.totalMs / 1000).toFixed(1)} s | ${ratio(tremplin.connect.totalMs, bare.connect.totalMs)} |`,
    `| sockets deferred at the door (503, Retry-After), then retried with jitter | ${tremplin.connect.deferred} | ${bare.connect.deferred} | |`,
    `| SQL statements while connecting (background work included), per socket | ${tremplin.statements}, ${perSocket(tremplin.statements, tremplin).toFixed(2)} | – | |`,
    `| server RSS, all connected, idle, after a full collection | ${tremplin.rssIdleMb} MB | ${bare.rssIdleMb} MB | ${ratio(tremplin.rssIdleMb, bare.rssIdleMb)} |`,
    `| server RSS the moment all are connected (garbage of connecting included) | ${tremplin.rssConnectedMb} MB | ${bare.rssConnectedMb} MB | ${ratio(tremplin.rssConnectedMb, bare.rssConnectedMb)} |`,
    `| server RSS before any socket (after a full collection); per-socket state (growth ÷ sockets) | ${tremplin.rssBeforeMb} MB; ${stateKb(tremplin)} KB | ` +
      `${bare.rssBeforeMb} MB; ${stateKb(bare)} KB | ${ratio(stateKb(tremplin), stateKb(bare))} |`,
  ];
  for (const t of tremplin.phases.filter((p) => p.via === 'events')) {
    const b = bare.phases.find((p) => p.rate === t.rate);
    lines.push(
      `| **${t.rate} actions/s**, latency p50 / p99 / max | ${ms(t)} | ${b ? ms(b) : '–'} | ` +
        `${b ? `${ratio(t.p50, b.p50)} / ${ratio(t.p99, b.p99)}` : ''} |`,
      `| ${t.rate}/s: actions sent, effects received, lost | ${t.sent}, ${t.received}, ${t.missing} | ` +
        `${b ? `${b.sent}, ${b.received}, ${b.missing}` : '–'} | |`,
      `| ${t.rate}/s: server RSS peak | ${t.rssPeakMb} MB | ${b ? `${b.rssPeakMb} MB` : '–'} | |`,
      `| ${t.rate}/s: server CPU, event-loop delay p99 / max, GC (longest pause; scavenges × mean pause) | ${health(t)} | ${b ? health(b) : '–'} | |`,
      `| ${t.rate}/s: machine load average (2 cores, shared with other work) | ${t.machineLoad} | ${b ? b.machineLoad : '–'} | |`,
    );
  }
  for (const t of tremplin.phases.filter((p) => p.via === 'api')) {
    lines.push(
      `| **${t.rate} actions/s through the API**, latency p50 / p99 / max | ${ms(t)} | | |`,
      `| through the API: sent, received, lost, HTTP errors | ${t.sent}, ${t.received}, ${t.missing}, ${t.errors} | | |`,
    );
  }
  // The targets of the live dashboards (issue 5), checked on this run's figures.
  const held = tremplin.connect.students + tremplin.connect.tutors;
  const peakMb = Math.max(tremplin.rssConnectedMb, ...tremplin.phases.map((p) => p.rssPeakMb));
  const busiest = tremplin.phases.find((p) => p.via === 'events' && p.rate === 2000);
  const verdict = (ok: boolean) => (ok ? '**met**' : '**missed**');
  lines.push(
    '',
    `Targets: ${held} sockets held under 1 GB of server memory: ${verdict(held >= 15_900 && peakMb < 1000)} ` +
      `(RSS peak ${peakMb} MB over the whole run); at 2,000 actions/s, p99 under 50 ms: ` +
      (busiest
        ? `${verdict(busiest.p99 < 50 && busiest.missing === 0)} (${busiest.p99} ms).`
        : 'not measured.'),
  );
  lines.push('', 'Targets of issue 17 (same run):', '', ...verdicts(tremplin, bare));
  const kinds = Object.keys(tremplin.phases[0]?.byKind ?? {});
  lines.push('', 'Tremplin latency by kind of action, p50 / p99 in ms (count):', '');
  lines.push(`| phase | ${kinds.join(' | ')} |`, `| --- |${' --- |'.repeat(kinds.length)}`);
  for (const t of tremplin.phases) {
    const cells = kinds.map((k) => `${t.byKind[k]!.p50} / ${t.byKind[k]!.p99} (${t.byKind[k]!.count})`);
    lines.push(`| ${t.rate}/s${t.via === 'api' ? ' via the API' : ''} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** A database of the benchmark's own: a directory of the embedded engine, or one on the server. */
async function createBenchDatabase(): Promise<{ where: string; drop: () => Promise<void> }> {
  if (!SERVER_URL) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tremplin-bench-live-'));
    return { where: dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = 'tremplin_bench_live';
  const admin = await openDatabase({ url: SERVER_URL, poolSize: 1 });
  const recreate = async (create: boolean) => {
    await admin.db.execute(sql.raw(`drop database if exists "${name}" with (force)`));
    if (create) await admin.db.execute(sql.raw(`create database "${name}"`));
  };
  await recreate(true);
  return {
    where: withDatabaseName(SERVER_URL, name),
    drop: async () => {
      await recreate(false);
      await admin.close();
    },
  };
}

const bench = await createBenchDatabase();
try {
  const started = performance.now();
  const database = await openDatabase(SERVER_URL ? { url: bench.where } : { dataDir: bench.where });
  await migrate(database);
  const people = await seedBenchPeople(database.db, { students: STUDENTS, groups: GROUPS });
  await database.close();
  console.log(
    `seeded ${STUDENTS} learners in ${GROUPS} groups on ${ENGINE} in ${Math.round(performance.now() - started)} ms`,
  );

  const tremplin = await measure('tremplin', bench.where, people, [
    ...RATES.map((rate) => ({ rate, via: 'events' as const })),
    ...(API_RATE > 0 ? [{ rate: API_RATE, via: 'api' as const }] : []),
  ]);
  const bare = await measure(
    'bare',
    bench.where,
    people,
    RATES.map((rate) => ({ rate, via: 'events' as const })),
  );
  const body = report(tremplin, bare);
  console.log(`\n${body}\n`);
  if (WRITE_DOCS)
    await writeDocs(SERVER_URL ? '## Live dashboards on PostgreSQL' : '## Live dashboards', body);
} finally {
  await bench.drop();
}
