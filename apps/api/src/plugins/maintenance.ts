import { deleteExpiredSessions, deleteLoginAttemptsBefore } from '@tremplin/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const EVERY_MS = 60 * 60 * 1000;
const KEEP_ATTEMPTS_MS = 24 * 60 * 60 * 1000;

/** Hourly housekeeping: expired sessions and old sign-in attempts are deleted. */
async function maintenancePlugin(app: FastifyInstance) {
  const sweep = async () => {
    const now = new Date();
    try {
      await deleteExpiredSessions(app.database.db, now);
      await deleteLoginAttemptsBefore(app.database.db, new Date(now.getTime() - KEEP_ATTEMPTS_MS));
    } catch (error) {
      app.log.warn({ err: error }, 'housekeeping failed; it will run again');
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(sweep, EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}

export default fp(maintenancePlugin, { name: 'maintenance', dependencies: ['database'] });
