import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, ResetPasswordBody, ResetTokenParams, ResetTokenStatus } from '@tremplin/contracts';
import { Type } from 'typebox';
import { AccountsService } from './accounts.service.ts';
import { AddressLimiter } from './address-limiter.ts';

/** The public side of one-time links: `/reinitialisation/<token>` asks these two routes. */
export const resetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const accounts = new AccountsService(app.database.db, () => app.auth.now());
  // 20 tries at once per address, then one every 30 seconds.
  const limiter = new AddressLimiter(20, 30_000);
  const errors = { 400: ErrorBody, 410: ErrorBody, 429: ErrorBody };

  app.get(
    '/api/auth/reset/:token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Whether a one-time link is still good, and whose account it opens (display name only)',
        params: ResetTokenParams,
        response: { 200: ResetTokenStatus, ...errors },
      },
    },
    async (request) => {
      limiter.take(request.ip);
      return accounts.resetStatus(request.params.token);
    },
  );

  app.post(
    '/api/auth/reset',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          "Sets a new password through a one-time link: spends it and signs the account's sessions out",
        body: ResetPasswordBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      limiter.take(request.ip);
      const ended = await accounts.resetPassword(request.body.token, request.body.password);
      for (const sessionId of ended) app.grading.bus.publish({ type: 'signed.out', sessionId });
      request.log.info({ endedSessions: ended.length }, 'password reset through a one-time link');
      return reply.status(204).send(null);
    },
  );
};
