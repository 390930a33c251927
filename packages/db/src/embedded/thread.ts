// The embedded engine runs in a worker thread of its own. In the API's thread every statement held
// the event loop while PGlite executed it (0.3 to 1.3 ms each), and with it every socket and request
// of the server (docs/adr/0012-the-embedded-engine-in-its-own-thread.md). The thread serves
// PostgreSQL's wire protocol (pglite-socket) on a Unix socket in a directory only this user can
// enter; the API speaks to it with the driver it uses for PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';

/**
 * The thread's semi-spaces, in MB. Its garbage is protocol messages, small and short-lived: a
 * young generation of a few MB, collected often, is enough. V8's flags are the process's, so the
 * API's `--max-semi-space-size=16` would size this thread's young generation too, over a worker's
 * `resourceLimits`: 15 to 26 MB committed for nothing (docs/performance.md).
 */
export const THREAD_SEMI_SPACE_MB = 1;

/**
 * The process's own --max-semi-space-size as given on its command line (0: V8 sizes it), set back
 * once the thread runs, for any isolate made later. The main thread's heap was sized at its start.
 */
function processSemiSpaceMb(): number {
  for (const flag of process.execArgv) {
    const match = /^--max[-_]semi[-_]space[-_]size=(\d+)$/.exec(flag);
    if (match) return Number(match[1]);
  }
  return 0;
}

/** Creates the worker with its own semi-space size: V8 reads the flag when the thread's heap is made. */
async function workerWithSmallYoungGeneration(create: () => Worker): Promise<Worker> {
  setFlagsFromString(`--max-semi-space-size=${THREAD_SEMI_SPACE_MB}`);
  try {
    const worker = create();
    await new Promise<void>((resolve, reject) => {
      worker.once('online', resolve);
      worker.once('error', reject);
    });
    return worker;
  } finally {
    setFlagsFromString(`--max-semi-space-size=${processSemiSpaceMb()}`);
  }
}

export interface ThreadOptions {
  dataDir?: string | undefined;
  loadDataDir?: Blob | File | undefined;
  cacheMb: number;
  socketPath: string;
}

export type ToThread = { type: 'dump'; id: number; compression: 'none' | 'gzip' } | { type: 'close' };

export type FromThread =
  | { type: 'ready' }
  | { type: 'closed'; error?: string }
  | { type: 'dumped'; id: number; bytes: ArrayBuffer }
  | { type: 'failed'; id?: number | undefined; message: string };

export interface EmbeddedThread {
  /** The Unix socket PGlite answers on (postgres.js's `path`). */
  socketPath: string;
  /** A tarball of the data directory (PGlite's dumpDataDir), e.g. a migrated template for tests. */
  dump(compression?: 'none' | 'gzip'): Promise<Blob>;
  /** Closes PGlite (its files left consistent) and ends the thread. */
  close(): Promise<void>;
}

/**
 * Starts PGlite in a worker thread. `onLost` is told if the thread ends without being closed (the
 * database is then gone for this process); by default the error is thrown, which ends the process.
 */
export async function startEmbeddedThread(
  options: Omit<ThreadOptions, 'socketPath'>,
  onLost: (error: Error) => void = (error) => {
    throw error;
  },
): Promise<EmbeddedThread> {
  // Unix socket paths are short (108 bytes): a directory of its own under the system's temporary one.
  const directory = mkdtempSync(path.join(tmpdir(), 'tremplin-db-'));
  const socketPath = path.join(directory, '.s.PGSQL.5432');
  const removeDirectory = () => rmSync(directory, { recursive: true, force: true });
  let worker: Worker;
  try {
    worker = await workerWithSmallYoungGeneration(
      () =>
        new Worker(new URL('./worker.ts', import.meta.url), {
          workerData: { ...options, socketPath } satisfies ThreadOptions,
        }),
    );
  } catch (error) {
    removeDirectory();
    throw error;
  }
  const dumps = new Map<number, PromiseWithResolvers<Blob>>();
  let nextDump = 0;
  let closing = false;
  let started = false;
  let lost = false;
  /** The thread ended while in use: told once (a failed start is the caller's error instead). */
  const lose = (error: Error) => {
    if (!started || closing || lost) return;
    lost = true;
    onLost(error);
  };
  const ready = Promise.withResolvers<void>();
  const closed = Promise.withResolvers<void>();
  let closeError: string | undefined;

  worker.on('message', (message: FromThread) => {
    if (message.type === 'ready') ready.resolve();
    else if (message.type === 'closed') {
      closeError = message.error;
      closed.resolve();
    } else if (message.type === 'dumped') {
      dumps.get(message.id)?.resolve(new Blob([message.bytes]));
      dumps.delete(message.id);
    } else if (message.id !== undefined) {
      dumps.get(message.id)?.reject(new Error(message.message));
      dumps.delete(message.id);
    } else ready.reject(new Error(message.message));
  });
  worker.on('error', (error) => {
    ready.reject(error);
    lose(error);
  });
  worker.on('exit', (code) => {
    removeDirectory();
    closed.resolve();
    const error = new Error(`the embedded database's thread ended (exit code ${code})`);
    ready.reject(error);
    for (const dump of dumps.values()) dump.reject(error);
    dumps.clear();
    lose(error);
  });

  try {
    await ready.promise;
    started = true;
  } catch (error) {
    closing = true;
    await worker.terminate();
    throw error;
  }
  // The thread alone does not keep the process running: its connection, while open, does.
  worker.unref();

  return {
    socketPath,
    dump: async (compression = 'none') => {
      const id = (nextDump += 1);
      const dumped = Promise.withResolvers<Blob>();
      dumps.set(id, dumped);
      worker.ref();
      try {
        worker.postMessage({ type: 'dump', id, compression } satisfies ToThread);
        return await dumped.promise;
      } finally {
        worker.unref();
      }
    },
    close: async () => {
      if (closing) return closed.promise;
      closing = true;
      worker.ref();
      worker.postMessage({ type: 'close' } satisfies ToThread);
      await closed.promise;
      await worker.terminate();
      if (closeError) throw new Error(`the embedded database did not close cleanly: ${closeError}`);
    },
  };
}
