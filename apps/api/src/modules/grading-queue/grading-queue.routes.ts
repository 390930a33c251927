import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  GradingJobParams,
  GradingJobsPage,
  GradingJobsQuery,
  RetriedGradingJob,
} from '@tremplin/contracts';
import { countGradingQueue, listDeadGradingJobs, requeueDeadGradingJob } from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';
import { requireRole } from '../../plugins/auth.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

/**
 * The administrators' watch over the grading queue: its counts, its dead jobs (see
 * docs/adr/0003-durable-grading-queue.md) and their retry. The platform's operators only: a dead
 * job names a learner and the grader's error, which the coordination has no use for.
 */
export const gradingQueueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/admin/grading/jobs',
    {
      schema: {
        tags: ['grading'],
        summary: 'The grading queue: its counts and its dead jobs, newest first (administrators)',
        querystring: GradingJobsQuery,
        response: { 200: GradingJobsPage, ...denied },
      },
    },
    async (request) => {
      requireRole(request, 'admin');
      const limit = request.query.limit ?? 50;
      const [counts, rows] = await Promise.all([
        countGradingQueue(app.database.db),
        listDeadGradingJobs(app.database.db, {
          ...(request.query.before !== undefined ? { before: request.query.before } : {}),
          limit,
        }),
      ]);
      return {
        counts: {
          ...counts,
          oldestWaitingSeconds:
            counts.oldestWaitingSeconds === null ? null : Math.floor(counts.oldestWaitingSeconds),
        },
        jobs: rows.map((row) => ({
          ...row,
          submittedAt: row.submittedAt.toISOString(),
          failedAt: row.failedAt.toISOString(),
        })),
        nextBefore: rows.length === limit ? rows.at(-1)!.id : null,
      };
    },
  );

  app.post(
    '/api/admin/grading/jobs/:id/retry',
    {
      schema: {
        tags: ['grading'],
        summary: 'Puts a dead grading job back in the queue, from its first attempt (administrators)',
        params: GradingJobParams,
        response: { 200: RetriedGradingJob, ...denied, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireRole(request, 'admin');
      const retried = await requeueDeadGradingJob(app.database.db, {
        jobId: request.params.id,
        actorId: actor.user.id,
      });
      if (retried.outcome === 'missing') throw notFound();
      if (retried.outcome === 'not-failed') throw new AppError('TREMPLIN_ERR_GRADING_JOB_NOT_FAILED');
      // An instance that grades takes it at once; separate graders find it at their next look.
      app.grading.worker?.wake();
      return { id: request.params.id, submissionId: retried.submissionId, status: 'queued' as const };
    },
  );
};
