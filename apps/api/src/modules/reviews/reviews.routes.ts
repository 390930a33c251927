import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ClaimResult,
  ErrorBody,
  FlagParams,
  QueueQuery,
  ReviewDecisionBody,
  ReviewDecisionResult,
  ReviewItem,
  ReviewQueue,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import { DecisionsService } from './decisions.ts';
import { ReviewsService } from './reviews.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };
const tags = ['reviews'];

export interface ReviewsRoutesOptions {
  /** The clock of claims (tests expire them without waiting). */
  now?: () => Date;
}

/** The graders' queue: flags, claims and decisions (graders and admins only). */
export const reviewsRoutes: FastifyPluginAsyncTypebox<ReviewsRoutesOptions> = async (app, options) => {
  const settings = app.config.review;
  const reviews = new ReviewsService(app.database.db, settings, options.now);
  const decisions = new DecisionsService(app.database.db, app.grading.bus, settings, options.now);

  app.get(
    '/api/reviews',
    {
      schema: {
        tags,
        summary: 'The review queue: flags by view and filters, with counts by source (keyset paging)',
        querystring: QueueQuery,
        response: { 200: ReviewQueue, ...denied },
      },
    },
    async (request) => reviews.queue(requireActor(request), request.query, request.locale),
  );

  app.get(
    '/api/reviews/:flagId',
    {
      schema: {
        tags,
        summary:
          "A flag's review page: the submission and its result, the learners' history, the other submission of a pair, related flags, the decision",
        params: FlagParams,
        response: { 200: ReviewItem, ...denied },
      },
    },
    async (request) => reviews.item(requireActor(request), request.params.flagId, request.locale),
  );

  app.post(
    '/api/reviews/:flagId/claim',
    {
      schema: {
        tags,
        summary: 'Claims a flag (or renews my claim) so that no other grader works on it',
        params: FlagParams,
        response: { 200: ClaimResult, ...denied },
      },
    },
    async (request) => reviews.claim(requireActor(request), request.params.flagId),
  );

  app.delete(
    '/api/reviews/:flagId/claim',
    {
      schema: {
        tags,
        summary: 'Lets go of my claim on a flag',
        params: FlagParams,
        response: { 204: Type.Null(), ...denied },
      },
    },
    async (request, reply) => {
      await reviews.release(requireActor(request), request.params.flagId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/reviews/:flagId/decision',
    {
      schema: {
        tags,
        summary:
          'Decides a claimed flag: confirm, override (percent and comment), misconduct (comment), dismiss, or accept an answer as a variant (itemId)',
        params: FlagParams,
        body: ReviewDecisionBody,
        response: { 200: ReviewDecisionResult, ...denied },
      },
    },
    async (request) =>
      decisions.decide(requireActor(request), request.params.flagId, request.body, request.locale),
  );
};
