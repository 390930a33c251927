import { ClientMessage, errorMessage, unstorableTextPath } from '@tremplin/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import Compile from 'typebox/compile';
import type { WebSocket } from 'ws';
import type { FeedRows } from '@tremplin/db';
import { AppError, unauthenticated } from '../errors.ts';
import { requireActor } from '../plugins/auth.ts';
import { SESSION_COOKIE } from '../modules/auth/session-token.ts';
import type { HubOptions } from './hub-options.ts';
import { LiveHub } from './hub.ts';
import type { LiveSocket } from './live-socket.ts';

declare module 'fastify' {
  interface FastifyInstance {
    live: LiveHub;
  }
}

const checkClientMessage = Compile(ClientMessage);

export interface WsRoutesOptions {
  /** Overrides of the hub's timings and limits (tests, benchmark). */
  hub?: Partial<HubOptions>;
}

/** The live endpoint: authenticated at the upgrade, every message validated against the contracts. */
async function wsRoutesPlugin(app: FastifyInstance, opts: WsRoutesOptions) {
  const { live: config } = app.config;
  const hub = new LiveHub({
    db: app.database.db,
    bus: app.grading.bus,
    log: app.log.child({ component: 'live' }),
    thresholds: {
      stuckFailedRuns: config.stuckFailedRuns,
      stuckMinutes: config.stuckMinutes,
      idleMinutes: config.idleMinutes,
    },
    options: {
      heartbeatMs: config.heartbeatSeconds * 1000,
      maxPendingConnects: config.maxPendingConnects,
      ...opts.hub,
    },
    metrics: app.metrics.live,
  });
  app.decorate('live', hub);
  const { admission } = hub;
  /** Per admitted upgrade: how it leaves the door, and the learner's feed read with the session. */
  const opening = new WeakMap<
    FastifyRequest,
    { leave: () => void; feed?: { rows: FeedRows; since: number } }
  >();
  const leave = async (request: FastifyRequest) => opening.get(request)?.leave();
  app.addHook('onReady', () => hub.start());
  app.addHook('onClose', () => hub.close());
  const publicOrigins = new Set(app.config.network.publicOrigins);

  app.get(
    '/ws',
    {
      websocket: true,
      // A page of another site (cross-site WebSocket hijacking) is refused before the upgrade. Browsers
      // always send Origin on an upgrade; a client without one (server tools, the load benchmark) is no
      // browser carrying someone's cookie, and passes on to the session check.
      onRequest: async (request) => {
        const { origin } = request.headers;
        if (origin !== undefined && !publicOrigins.has(origin)) {
          throw new AppError('TREMPLIN_ERR_WS_ORIGIN_FORBIDDEN');
        }
        // Before any work: beyond the door's capacity, a 503 saying when to come back.
        const ticket = admission.enter();
        if ('retryAfterSeconds' in ticket) {
          const seconds = ticket.retryAfterSeconds;
          throw new AppError('TREMPLIN_ERR_WS_BUSY', { seconds }, undefined, seconds);
        }
        opening.set(request, { leave: ticket.leave });
      },
      // Refused before the upgrade: no socket is ever opened for an anonymous client. One statement
      // reads the session, the user's memberships and, for a learner, their feed.
      preValidation: async (request) => {
        const token = request.cookies[SESSION_COOKIE];
        const since = Date.now();
        const found = token ? await app.auth.resolveSocket(token) : undefined;
        if (!found) throw unauthenticated();
        request.actor = found.actor;
        const entry = opening.get(request);
        if (entry && found.feed) entry.feed = { rows: found.feed, since };
      },
      // Whatever ends the upgrade (a refusal, an abort), the door lets the socket out.
      onResponse: leave,
      onRequestAbort: leave,
      onError: leave,
      schema: { hide: true },
    },
    (socket, request) => {
      const entry = opening.get(request);
      entry?.leave();
      opening.delete(request);
      const live = hub.connect(socket, requireActor(request), request.locale, entry?.feed);
      forgetUpgrade(socket, app);
      socket.on('pong', () => {
        live.alive = true;
      });
      socket.on('close', () => hub.disconnect(live));
      socket.on('message', (raw: Buffer) => {
        live.alive = true;
        onMessage(hub, live, raw).catch((error: unknown) => handlingFailed(live, error, app.log));
      });
      live.send({
        type: 'hello',
        userId: live.actor.user.id,
        serverTime: new Date().toISOString(),
        heartbeatMs: hub.options.heartbeatMs,
      });
      onOpening(hub, live, request.query, app.log);
    },
  );
}

/**
 * Lets the upgrade's request and reply go: @fastify/websocket's error listener holds them, and the
 * TCP socket its HTTP response, for as long as the connection lives (kilobytes per socket, times
 * thousands of sockets). Errors are then handled here: logged, and the socket dropped.
 */
function forgetUpgrade(socket: WebSocket, app: FastifyInstance): void {
  socket.removeAllListeners('error');
  socket.on('error', (error: Error) => {
    app.log.debug({ err: error }, 'live socket error');
    socket.terminate();
  });
  const tcp = (socket as unknown as { _socket?: { _httpMessage?: unknown } })._socket;
  if (tcp) tcp._httpMessage = null;
}

/** A message whose handling failed: logged, and the client told in its language. */
function handlingFailed(live: LiveSocket, error: unknown, log: FastifyInstance['log']): void {
  log.error({ err: error }, 'live message not handled');
  live.send({
    type: 'error',
    code: 'TREMPLIN_ERR_INTERNAL',
    message: errorMessage('TREMPLIN_ERR_INTERNAL', live.locale),
  });
}

async function onMessage(hub: LiveHub, live: LiveSocket, raw: Buffer): Promise<void> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString());
  } catch {
    parsed = undefined;
  }
  return handle(hub, live, parsed);
}

/**
 * The messages a client sends with its upgrade (`/ws?messages=<JSON array>`: its subscriptions,
 * resumes included, and its focus), handled as if sent right after the greeting: a reconnecting
 * client gets its snapshots, or what it missed, without another round trip.
 */
function onOpening(hub: LiveHub, live: LiveSocket, query: unknown, log: FastifyInstance['log']): void {
  const raw = (query as { messages?: unknown } | undefined)?.messages;
  if (raw === undefined) return;
  let messages: unknown;
  try {
    messages = typeof raw === 'string' ? JSON.parse(raw) : undefined;
  } catch {
    messages = undefined;
  }
  if (!Array.isArray(messages) || messages.length > hub.options.maxSubscriptions + 1) {
    return live.send({
      type: 'error',
      code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE',
      message: errorMessage('TREMPLIN_ERR_WS_INVALID_MESSAGE', live.locale),
    });
  }
  for (const message of messages) {
    handle(hub, live, message).catch((error: unknown) => handlingFailed(live, error, log));
  }
}

async function handle(hub: LiveHub, live: LiveSocket, parsed: unknown): Promise<void> {
  const budget = live.take();
  if (!budget.allowed) {
    if (budget.warn) {
      live.send({
        type: 'error',
        code: 'TREMPLIN_ERR_WS_RATE_LIMITED',
        message: errorMessage('TREMPLIN_ERR_WS_RATE_LIMITED', live.locale),
      });
    }
    return;
  }
  if (!checkClientMessage.Check(parsed) || unstorableTextPath(parsed) !== undefined) {
    live.send({
      type: 'error',
      code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE',
      message: errorMessage('TREMPLIN_ERR_WS_INVALID_MESSAGE', live.locale),
    });
    return;
  }
  const message = parsed;
  switch (message.type) {
    case 'ping':
      return live.send(message.id ? { type: 'pong', id: message.id } : { type: 'pong' });
    case 'subscribe':
      return hub.subscribe(live, message.channel, message.resume);
    case 'unsubscribe':
      return hub.unsubscribe(live, message.channel);
    case 'focus':
      return hub.focus(live, message.exerciseId);
  }
}

export const wsRoutes = fp(wsRoutesPlugin, {
  name: 'live',
  dependencies: ['grading', 'auth', 'metrics', '@fastify/websocket'],
});
