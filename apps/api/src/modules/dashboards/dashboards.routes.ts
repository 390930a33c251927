import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Dashboard,
  DashboardQuery,
  ErrorBody,
  Gradebook,
  GradebookQuery,
  GroupParams,
  LearnerParams,
  LearnerReport,
} from '@tremplin/contracts';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import { overseesAll } from '../tutoring/tutoring-access.ts';
import { DashboardsService } from './dashboards.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['dashboards'];

/** Seeing the programme: the dashboard, the gradebooks and the learners' reports. */
const dashboardsPlugin: FastifyPluginAsyncTypebox = async (app) => {
  const dashboards = new DashboardsService(app.database.db, undefined, app.config.dashboardSharedSeconds);

  // Dashboards are shared for a while (DASHBOARD_SHARED_SECONDS), but what the coordination itself changes
  // (an import, a group, a move, a role) shows on its next dashboard at once, on this instance.
  // Learners' activity, by far the most frequent change, shows within the shared period.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' && reply.statusCode < 400 && request.actor && overseesAll(request.actor))
      dashboards.forgetShared();
    return payload;
  });

  app.get(
    '/api/dashboard',
    {
      schema: {
        tags,
        summary:
          "Completion, scores, activity, learners at risk and tutor activity: the programme's for the coordination, a tutor's own groups for a tutor",
        querystring: DashboardQuery,
        response: { 200: Dashboard, ...denied },
      },
    },
    async (request) => dashboards.dashboard(requireActor(request), request.query),
  );

  app.get(
    '/api/groups/:groupId/gradebook',
    {
      schema: {
        tags,
        summary: "A group's learners against a module's exercises: best scores, attempts, totals",
        params: GroupParams,
        querystring: GradebookQuery,
        response: { 200: Gradebook, ...denied },
      },
    },
    async (request) =>
      dashboards.gradebook(requireActor(request), request.params.groupId, request.query.module),
  );

  app.get(
    '/api/groups/:groupId/gradebook.csv',
    {
      schema: {
        tags,
        summary: 'The gradebook as CSV (UTF-8 with BOM, one row per learner): the numbers of the screen',
        params: GroupParams,
        querystring: GradebookQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...denied },
      },
    },
    async (request, reply) => {
      const { filename, body } = await dashboards.gradebookCsv(
        requireActor(request),
        request.params.groupId,
        request.query.module,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );

  app.get(
    '/api/learners/:learnerId/report',
    {
      schema: {
        tags,
        summary:
          "A learner's report: modules, best scores, weekly activity (their tutors and the coordination)",
        params: LearnerParams,
        response: { 200: LearnerReport, ...denied },
      },
    },
    async (request) => dashboards.learnerReport(requireActor(request), request.params.learnerId),
  );
};

/** Not encapsulated: its hook sees every route's writes. */
export const dashboardsRoutes = fp(dashboardsPlugin, { name: 'dashboards-routes' });
