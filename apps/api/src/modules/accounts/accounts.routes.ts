import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, SignInFailures, SignInFailuresQuery } from '@tremplin/contracts';
import { requireRole } from '../../plugins/auth.ts';

export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/accounts/sign-in-failures',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "An account's recent failed sign-ins per address, and when each may try again (the coordination)",
        querystring: SignInFailuresQuery,
        response: { 200: SignInFailures, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      // The platform's overseers: the coordination, and the administrators who see all it sees.
      requireRole(request, 'coordinator', 'admin');
      return app.auth.signInFailures(request.query.email);
    },
  );
};
