import { setTimeout } from 'node:timers/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { LimitedAction } from '../config.ts';
import { AppError } from '../errors.ts';
import { RateLimiter } from '../fair-use/rate-limiter.ts';
import { RunGate } from '../fair-use/run-gate.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';

declare module 'fastify' {
  interface FastifyInstance {
    fairUse: { limiter: RateLimiter; runs: RunGate };
  }
  interface FastifyContextConfig {
    /** The per-user token bucket this route draws from (docs/adr/0007-fair-use-of-the-graders.md). */
    rateLimit?: LimitedAction;
  }
}

export interface FairUsePluginOptions {
  /** The clock of the token buckets and the runs' gate (tests move it instead of sleeping). */
  now?: () => Date;
}

/** Sessions remembered at most, of users refused lately. */
const MAX_REFUSED_SESSIONS = 10_000;
/**
 * How long a refusal is held when the client ignored the previous one's Retry-After: a script then
 * gets one answer a second per connection instead of thousands, at the cost of a timer.
 */
const IGNORED_REFUSAL_DELAY_MS = 1000;

/**
 * Per-user limits on what costs the graders or the tutors: a route naming a bucket in its config
 * (`config: { rateLimit: 'runs' }`) takes a token once its input is valid, before its handler runs.
 * Registered before the session is looked up: a session refused lately is refused again from memory
 * while its refusal holds, a second later, so that a script flooding with a learner's cookie costs
 * not even a query and gets one answer a second per connection.
 */
async function fairUsePlugin(app: FastifyInstance, opts: FairUsePluginOptions) {
  const limiter = new RateLimiter(app.database.db, app.config.fairUse, opts.now);
  const runs = new RunGate(app.database.db, app.config.fairUse, opts.now);
  app.decorate('fairUse', { limiter, runs });
  // Session token -> its user, for the sessions whose last limited request was refused.
  const refused = new Map<string, string>();

  const refuse = (request: FastifyRequest, userId: string, action: LimitedAction) => {
    // A second run while the first is graded costs no token: the learner will simply run again.
    if (action === 'runs') runs.refuseIfBusy(userId);
    limiter.refuseFromMemory(userId, action, request.locale);
  };

  app.addHook('onRequest', async (request) => {
    const action = request.routeOptions.config.rateLimit;
    const token = action ? request.cookies[SESSION_COOKIE] : undefined;
    const userId = token ? refused.get(token) : undefined;
    if (!action || !token || !userId) return;
    try {
      refuse(request, userId, action);
    } catch (error) {
      const retryAfterMs = ((error as AppError).retryAfterSeconds ?? 1) * 1000;
      await setTimeout(Math.min(IGNORED_REFUSAL_DELAY_MS, retryAfterMs));
      throw error;
    }
    refused.delete(token);
  });

  app.addHook('preHandler', async (request) => {
    const action = request.routeOptions.config.rateLimit;
    if (!action || !request.actor) return;
    const userId = request.actor.user.id;
    try {
      refuse(request, userId, action);
      await limiter.take(userId, action, request.locale);
    } catch (error) {
      const token = request.cookies[SESSION_COOKIE];
      if (token && error instanceof AppError && error.statusCode === 429) {
        if (refused.size >= MAX_REFUSED_SESSIONS) refused.clear();
        refused.set(token, userId);
      }
      throw error;
    }
  });
}

export default fp(fairUsePlugin, { name: 'fair-use', dependencies: ['database', '@fastify/cookie'] });
