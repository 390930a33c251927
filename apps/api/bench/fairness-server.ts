// The Tremplin server of `pnpm bench:fairness` and of the sustained part of `pnpm bench:grader`, in
// its own process: the real app and its grader pool on the benchmark's embedded database, listening
// on loopback. Its limits come from the environment the benchmark gives it (RATE_LIMITS=false for
// the phase without them); asked for `memory`, it collects its garbage and says where its memory is.
import { getHeapStatistics } from 'node:v8';
import { openDatabase } from '@tremplin/db';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { collectGarbage } from './diagnostics.ts';

const dataDir = process.argv[2];
if (!dataDir || !process.send) throw new Error('usage: forked by fairness.bench.ts with a data directory');

const database = await openDatabase({ dataDir });
const config = loadConfig({
  ...process.env,
  HOST: '127.0.0.1',
  PORT: '0',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'error',
  PRETTY_LOGS: 'false',
  SEED_DEMO: 'false',
  WEB_BUILD_DIR: '.tmp/no-web-build',
});
const app = await buildApp({ config, database, logger: { level: 'error' } });
await app.listen({ host: config.host, port: 0 });
const address = app.server.address();
process.send({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', async (message: { type: string }) => {
  if (message.type === 'memory') {
    // Where the server's memory is, for the sustained benchmark's samples: what is live after a
    // full collection (the benchmark starts this process with --expose-gc), not how much garbage
    // V8 let pile up before its next one.
    collectGarbage();
    const heap = getHeapStatistics();
    process.send!({
      type: 'memory',
      heapKb: Math.round(heap.total_heap_size / 1024),
      mallocedKb: Math.round(heap.malloced_memory / 1024),
      externalKb: Math.round(heap.external_memory / 1024),
    });
  }
  if (message.type !== 'stop') return;
  await app.close();
  await database.close();
  process.exit(0);
});
