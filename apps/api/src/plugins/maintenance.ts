import { deleteExpiredSessions, deleteLoginAttemptsBefore } from '@tremplin/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const EVERY_MS = 60 * 60 * 1000;

/** Hourly housekeeping: expired sessions and old sign-in attempts are deleted. */
async function maintenancePlugin(app: FastifyInstance) {
  const sweep = async () => {
    const now = new Date();
    // Sign-in attempts are kept as long as the limits remember failures, no longer.
    const keepAttemptsMs = app.config.login.memoryHours * 3_600_000;
    try {
      await deleteExpiredSessions(app.database.db, now);
      await deleteLoginAttemptsBefore(app.database.db, new Date(now.getTime() - keepAttemptsMs));
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
