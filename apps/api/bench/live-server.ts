// The Tremplin server of `pnpm bench:live`, in its own process: the real app, with its grader
// pool, on the benchmark's embedded database.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { insertHelpRequest, openDatabase, schema } from '@tremplin/db';
import { buildApp } from '../src/app.ts';
import { helpRequested } from '../src/grading/events.ts';
import { newHelpView } from '../src/modules/tutoring/views.ts';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { writeHeapSnapshot } from 'node:v8';
import { collectGarbage, watchProcess } from './diagnostics.ts';

// The database: a PostgreSQL URL, or the embedded engine's data directory.
const where = process.argv[2];
if (!where || !process.send)
  throw new Error('usage: forked by live.bench.ts with a database URL or directory');
const databaseUrl = where.startsWith('postgres') ? where : undefined;
const dataDir = databaseUrl ? '.tmp/bench-unused-data' : where;

const config = loadConfig({
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  // The embedded engine's cache, as the server reads it.
  ...(process.env.EMBEDDED_CACHE_MB ? { EMBEDDED_CACHE_MB: process.env.EMBEDDED_CACHE_MB } : {}),
  LOG_LEVEL: 'error',
  PRETTY_LOGS: 'false',
  SEED_DEMO: 'false',
  WEB_BUILD_DIR: '.tmp/no-web-build',
});
const database = await openDatabase(databaseOptions(config));
// Every statement the server sends, counted (the benchmark reports them per socket connect).
let statements = 0;
// BENCH_STATEMENT_KINDS=true: after each phase, the statements of that phase by kind (diagnosis).
const kinds = process.env.BENCH_STATEMENT_KINDS === 'true' ? new Map<string, number>() : undefined;
database.watchStatements((statement) => {
  statements += 1;
  if (!kinds) return;
  const kind = statement.replace(/\s+/g, ' ').trim().slice(0, 70);
  kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
});
const app = await buildApp({
  config,
  database,
  logger: { level: 'error' },
});

interface Action {
  kind: 'edit' | 'run' | 'submit' | 'help';
  userId: string;
  groupId: string;
  exerciseId: string;
}

// Names for the help requests' views, as the API has them at hand (the learner's session, the
// exercise it reached).
const names = new Map(
  (await database.db.select({ id: schema.users.id, name: schema.users.displayName }).from(schema.users)).map(
    (u) => [u.id, u.name],
  ),
);
const titles = new Map(
  (
    await database.db
      .select({ id: schema.exercises.id, title: schema.exercises.title })
      .from(schema.exercises)
  ).map((e) => [e.id, e.title]),
);

/** A help request stored as the API stores it (`insertHelpRequest`), then published with its view. */
async function storeHelp(action: Action): Promise<void> {
  const row = await insertHelpRequest(database.db, {
    userId: action.userId,
    groupId: action.groupId,
    exerciseId: action.exerciseId,
    message: 'Je bloque',
  });
  const title = row.exerciseId ? (titles.get(row.exerciseId) ?? '') : null;
  app.grading.bus.publish(helpRequested(newHelpView(row, names.get(row.userId) ?? '', title)));
}

/**
 * Benchmark only: the events the API publishes once a student's request is handled (a draft
 * saved, a run graded, a submission queued, a help request stored), fed by the load process over
 * one socket, so that the live path is measured at rates the embedded database could not write.
 */
app.get('/bench/events', { websocket: true, schema: { hide: true } }, (socket) => {
  const { bus } = app.grading;
  socket.on('message', (raw: Buffer) => {
    for (const a of JSON.parse(raw.toString()) as Action[]) {
      if (a.kind === 'edit') bus.publish({ type: 'draft.saved', userId: a.userId, exerciseId: a.exerciseId });
      if (a.kind === 'run')
        bus.publish({
          type: 'run.completed',
          runId: randomUUID(),
          userId: a.userId,
          exerciseId: a.exerciseId,
          passed: 1,
          total: 3,
        });
      if (a.kind === 'submit')
        bus.publish({
          type: 'submission.queued',
          submissionId: randomUUID(),
          userId: a.userId,
          exerciseId: a.exerciseId,
        });
      if (a.kind === 'help') void storeHelp(a);
    }
  });
});
await app.listen({ host: config.host, port: 0 });
const address = app.server.address();
process.send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });

const diagnostics = watchProcess();
/**
 * BENCH_PROFILE_ALLOCATIONS=true: allocation profiles (.heapprofile) instead of CPU profiles, every
 * allocation sampled; `promoted`: only those that outlived the young generation (what makes
 * scavenges long and the old generation grow), collected later or not; `retained`: only those
 * still alive at the phase's end. Both end the phase with collections that leave out what was
 * still young and dead (without them, up to a semi-space of it was counted as promoted), and need
 * an old generation that no full collection empties during the phase (`promoted` counts what a
 * full collection frees, young garbage included): run them with
 * BENCH_SERVER_FLAGS='--max-semi-space-size=16 --initial-old-space-size=512'.
 */
const ALLOCATIONS_MODE = process.env.BENCH_PROFILE_ALLOCATIONS ?? '';
const ALLOCATIONS = ['true', 'promoted', 'retained'].includes(ALLOCATIONS_MODE);
const profiler = new Session();
profiler.connect();
process.on('message', async (message: { type: string }) => {
  if (message.type === 'diagnostics') {
    process.send!({ type: 'diagnostics', ...diagnostics.take() });
    if (kinds) {
      const top = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 12);
      console.error(
        `statements by kind since the last phase:\n${top.map(([k, n]) => `  ${n}  ${k}`).join('\n')}`,
      );
      kinds.clear();
    }
  }
  if (message.type === 'profile-start') {
    if (ALLOCATIONS) {
      // Every allocation sampled, the collected ones included: where the garbage comes from.
      const flags = {
        includeObjectsCollectedByMajorGC: ALLOCATIONS_MODE !== 'retained',
        includeObjectsCollectedByMinorGC: ALLOCATIONS_MODE === 'true',
      };
      profiler.post('HeapProfiler.enable', () =>
        profiler.post('HeapProfiler.startSampling', { samplingInterval: 16_384, ...flags }),
      );
    } else profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
  }
  if (message.type === 'profile-stop') {
    const file = (message as { file?: string }).file!;
    const written = (error: Error | null, profile: object) => {
      if (!error)
        writeFileSync(
          file.replace(/\.cpuprofile$/, ALLOCATIONS ? '.heapprofile' : '.cpuprofile'),
          JSON.stringify(profile),
        );
      process.send!({ type: 'profiled' });
    };
    if (ALLOCATIONS_MODE === 'promoted') {
      // Twice: what survived one collection is promoted by the second, the rest is freed.
      collectGarbage('minor');
      collectGarbage('minor');
    }
    if (ALLOCATIONS_MODE === 'retained') collectGarbage();
    if (ALLOCATIONS)
      profiler.post('HeapProfiler.stopSampling', (error, result) => written(error, result?.profile));
    else profiler.post('Profiler.stop', (error, result) => written(error, result?.profile));
  }
  if (message.type === 'sockets') process.send!({ type: 'sockets', count: app.live.sockets.size });
  if (message.type === 'collect') {
    collectGarbage();
    process.send!({ type: 'collected' });
  }
  if (message.type === 'heap') {
    writeHeapSnapshot((message as { file?: string }).file);
    process.send!({ type: 'heap' });
  }
  if (message.type === 'statements') process.send!({ type: 'statements', count: statements });
  if (message.type === 'stop') {
    await app.close();
    await database.close();
    process.exit(0);
  }
});
