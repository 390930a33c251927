import type { Role } from '@tremplin/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { forbidden, unauthenticated } from '../errors.ts';
import { AuthService, type Actor } from '../modules/auth/auth.service.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';

declare module 'fastify' {
  interface FastifyInstance {
    auth: AuthService;
  }
  interface FastifyContextConfig {
    /** The route answers anonymous callers too (sign-in, health); every other API route needs a session. */
    public?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user, resolved from the session cookie; null when anonymous. */
    actor: Actor | null;
  }
}

/** The signed-in actor, or a 401. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

/** The signed-in actor holding one of the roles, or a 401/403. */
export function requireRole(request: FastifyRequest, ...roles: Role[]): Actor {
  const actor = requireActor(request);
  if (!roles.some((role) => actor.roles.has(role))) throw forbidden();
  return actor;
}

export interface AuthPluginOptions {
  /** The clock of sign-in limits and sessions; tests move it instead of sleeping. */
  now?: () => Date;
}

async function authPlugin(app: FastifyInstance, options: AuthPluginOptions) {
  app.decorate('auth', new AuthService(app.database.db, app.config, options.now));
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    // Pages and assets need no session: only the API looks it up here. The live socket looks it up
    // itself, once admitted (see ws.routes.ts), with the learner's feed in the same statement.
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.actor = (await app.auth.resolve(token)) ?? null;
    // An anonymous caller of a private route gets 401 before its input is even parsed or validated.
    const route = request.routeOptions;
    const known = route.url !== undefined && route.url !== '/*';
    if (!request.actor && known && !route.config.public && !route.url!.startsWith('/api/docs')) {
      throw unauthenticated();
    }
  });
}

export default fp(authPlugin, { name: 'auth', dependencies: ['database', '@fastify/cookie'] });
