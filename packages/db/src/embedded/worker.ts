// The embedded engine's thread: PGlite runs here, off the API's event loop, and serves PostgreSQL's
// wire protocol on a Unix socket only this process's user can open (see ./thread.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { FromThread, ThreadOptions, ToThread } from './thread.ts';

const port = parentPort!;
const options = workerData as ThreadOptions;
const tell = (message: FromThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

try {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    startParams: [
      ...PGlite.defaultStartParams,
      '-c',
      `shared_buffers=${options.cacheMb}MB`,
      // PGlite is one session: shared memory sized for PostgreSQL's 100 backends (lock tables,
      // backend slots) held 3 MB for nobody.
      '-c',
      'max_connections=4',
    ],
  });
  const server = new PGLiteSocketServer({ db: pglite, path: options.socketPath, maxConnections: 1 });
  await server.start();

  port.on('message', async (message: ToThread) => {
    try {
      if (message.type === 'dump') {
        const file = await pglite.dumpDataDir(message.compression);
        const bytes = await file.arrayBuffer();
        tell({ type: 'dumped', id: message.id, bytes }, [bytes]);
      } else if (message.type === 'close') {
        // The thread ends whatever happens; a failure to close is told with it.
        let failure: string | undefined;
        try {
          await server.stop();
          if (!pglite.closed) await pglite.close();
        } catch (error) {
          failure = String(error);
        }
        tell({ type: 'closed', ...(failure ? { error: failure } : {}) });
        port.close();
      }
    } catch (error) {
      tell({ type: 'failed', id: message.type === 'dump' ? message.id : undefined, message: String(error) });
    }
  });
  tell({ type: 'ready' });
} catch (error) {
  tell({ type: 'failed', message: (error as Error).message ?? String(error) });
  port.close();
}
