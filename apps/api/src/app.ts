import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import websocket from '@fastify/websocket';
import type { Database } from '@tremplin/db';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { resetRoutes } from './modules/accounts/reset.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { groupsRoutes } from './modules/groups/groups.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { importsRoutes } from './modules/imports/imports.routes.ts';
import { exercisesRoutes } from './modules/exercises/exercises.routes.ts';
import { learningRoutes } from './modules/learning/learning.routes.ts';
import { meRoutes } from './modules/me/me.routes.ts';
import { notificationsRoutes } from './modules/notifications/notifications.routes.ts';
import { programmeRoutes } from './modules/programme/programme.routes.ts';
import { recruitmentRoutes } from './modules/recruitment/recruitment.routes.ts';
import { studioRoutes } from './modules/studio/studio.routes.ts';
import { liveActionsRoutes } from './modules/tutoring/live-actions.routes.ts';
import { tutoringRoutes } from './modules/tutoring/tutoring.routes.ts';
import { dashboardsRoutes } from './modules/dashboards/dashboards.routes.ts';
import { reviewsRoutes } from './modules/reviews/reviews.routes.ts';
import { gradingQueueRoutes } from './modules/grading-queue/grading-queue.routes.ts';
import authPlugin from './plugins/auth.ts';
import databasePlugin from './plugins/database.ts';
import docsPlugin from './plugins/docs.ts';
import errorHandlerPlugin, { answerFrameworkError } from './plugins/error-handler.ts';
import fairUsePlugin, { type FairUsePluginOptions } from './plugins/fair-use.ts';
import gradingPlugin, { type GradingPluginOptions } from './plugins/grading.ts';
import inputGuardPlugin, { strictFormats } from './plugins/input-guard.ts';
import localePlugin from './plugins/locale.ts';
import maintenancePlugin from './plugins/maintenance.ts';
import metricsPlugin from './plugins/metrics.ts';
import requestIdPlugin, { requestIdOf } from './plugins/request-id.ts';
import securityHeadersPlugin from './plugins/security-headers.ts';
import webPlugin from './plugins/web.ts';
import { wsRoutes } from './ws/ws.routes.ts';

export interface BuildAppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions['logger'];
  grading?: GradingPluginOptions;
  /** The clock of sign-in limits, sessions and the calls' deadlines (tests only). */
  now?: () => Date;
  fairUse?: FairUsePluginOptions;
}

/** Builds the whole server (API, socket, pages) without listening: tests drive it with inject. */
export async function buildApp({
  config,
  database,
  logger = false,
  grading = {},
  now,
  fairUse = {},
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.network.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // The proxy's X-Request-Id when well formed (never taken as is), else a UUID: `reqId` in the logs.
    requestIdHeader: false,
    genReqId: requestIdOf,
    frameworkErrors: answerFrameworkError,
    ajv: {
      customOptions: { removeAdditional: true, coerceTypes: 'array', allErrors: false },
      onCreate: strictFormats,
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  // First: their headers go on every answer, a 401 from the auth hook included.
  await app.register(requestIdPlugin);
  await app.register(securityHeadersPlugin, { buildDir: config.webBuildDir, network: config.network });
  await app.register(localePlugin);
  await app.register(errorHandlerPlugin);
  await app.register(inputGuardPlugin);
  await app.register(databasePlugin, { database, config });
  await app.register(metricsPlugin);
  await app.register(cookie);
  // Before the session is looked up: a flood of refused requests is refused from memory.
  await app.register(fairUsePlugin, fairUse);
  await app.register(authPlugin, now ? { now } : {});
  await app.register(gradingPlugin, grading);
  await app.register(maintenancePlugin);
  await app.register(docsPlugin);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(accountsRoutes);
  await app.register(resetRoutes);
  await app.register(meRoutes);
  await app.register(notificationsRoutes);
  await app.register(groupsRoutes);
  await app.register(programmeRoutes);
  await app.register(learningRoutes);
  await app.register(exercisesRoutes);
  await app.register(tutoringRoutes);
  await app.register(dashboardsRoutes);
  await app.register(liveActionsRoutes);
  await app.register(studioRoutes);
  await app.register(recruitmentRoutes, now ? { now } : {});
  await app.register(importsRoutes);
  await app.register(reviewsRoutes, now ? { now } : {});
  await app.register(gradingQueueRoutes);
  await app.register(wsRoutes);
  await app.register(webPlugin, { buildDir: config.webBuildDir });
  return app;
}
