import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { LimitedAction } from '../config.ts';
import { RateLimiter } from '../fair-use/rate-limiter.ts';
import { RunGate } from '../fair-use/run-gate.ts';

declare module 'fastify' {
  interface FastifyInstance {
    fairUse: { limiter: RateLimiter; runs: RunGate };
  }
  interface FastifyContextConfig {
    /** The per-user token bucket this route draws from (docs/adr/0006-fair-use-of-the-graders.md). */
    rateLimit?: LimitedAction;
  }
}

export interface FairUsePluginOptions {
  /** The clock of the token buckets (tests move it instead of sleeping). */
  now?: () => Date;
}

/**
 * Per-user limits on what costs the graders or the tutors: a route naming a bucket in its config
 * (`config: { rateLimit: 'runs' }`) takes a token once its input is valid, before its handler runs.
 */
async function fairUsePlugin(app: FastifyInstance, opts: FairUsePluginOptions) {
  const limiter = new RateLimiter(app.database.db, app.config.fairUse, opts.now);
  const runs = new RunGate(app.database.db, app.config.fairUse);
  app.decorate('fairUse', { limiter, runs });
  app.addHook('preHandler', async (request) => {
    const action = request.routeOptions.config.rateLimit;
    if (!action || !request.actor) return;
    // A second run while the first is graded costs no token: the learner will simply run again.
    if (action === 'runs') runs.refuseIfBusy(request.actor.user.id);
    await limiter.take(request.actor.user.id, action, request.locale);
  });
}

export default fp(fairUsePlugin, { name: 'fair-use', dependencies: ['database', 'auth'] });
