import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  IdParams,
  Lesson,
  ModuleDetail,
  HomeSummary,
  ModuleList,
  Progress,
  SlugParams,
  Glossary,
  VocabularyQueue,
  VocabularyReviewBody,
  VocabularyReviewed,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import { VocabularyService } from '../vocabulary/vocabulary.service.ts';
import { LearningService } from './learning.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const learningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const learning = new LearningService(app.database.db);
  const vocabulary = new VocabularyService(app.database.db);

  app.get(
    '/api/modules',
    {
      schema: {
        tags: ['learning'],
        summary: 'The modules the learner is enrolled in, with progress and the next exercise',
        response: { 200: ModuleList, 401: ErrorBody },
      },
    },
    async (request) => ({ modules: await learning.listModules(requireActor(request), request.locale) }),
  );

  app.get(
    '/api/modules/:slug',
    {
      schema: {
        tags: ['learning'],
        summary: 'One enrolled module: its lessons and exercises in order',
        params: SlugParams,
        response: { 200: ModuleDetail, ...denied },
      },
    },
    async (request) => learning.getModule(requireActor(request), request.params.slug, request.locale),
  );

  app.get(
    '/api/lessons/:id',
    {
      schema: {
        tags: ['learning'],
        summary: 'A lesson (Markdown) with its neighbours and exercises',
        params: IdParams,
        response: { 200: Lesson, ...denied },
      },
    },
    async (request) => learning.getLesson(requireActor(request), request.params.id, request.locale),
  );

  app.post(
    '/api/lessons/:id/read',
    {
      schema: {
        tags: ['learning'],
        summary: 'Marks a lesson read (once)',
        params: IdParams,
        response: { 204: Type.Null(), ...denied },
      },
    },
    async (request, reply) => {
      await learning.markRead(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/me/progress',
    {
      schema: {
        tags: ['learning'],
        summary: "The learner's progress: modules, exercises, activity, recent feedback",
        response: { 200: Progress, 401: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [progress, queue] = await Promise.all([
        learning.progress(actor, new Date(), request.locale),
        vocabulary.queue(actor),
      ]);
      return { ...progress, vocabularyDue: queue.dueCount };
    },
  );

  app.get(
    '/api/me/home',
    {
      schema: {
        tags: ['learning'],
        summary: "What the learner's home shows besides the modules: the latest feedback, the vocabulary due",
        response: { 200: HomeSummary, 401: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      // The progress page's figures without its per-exercise table and activity: the home is the
      // page every learner opens first, on a slow link (docs/performance.md, "Reach").
      const [recent, queue] = await Promise.all([learning.recent(actor), vocabulary.queue(actor)]);
      return { recent, vocabularyDue: queue.dueCount };
    },
  );

  app.get(
    '/api/vocabulary/queue',
    {
      schema: {
        tags: ['vocabulary'],
        summary: "Today's vocabulary review: cards due, then new ones",
        response: { 200: VocabularyQueue, 401: ErrorBody },
      },
    },
    async (request) => vocabulary.queue(requireActor(request)),
  );

  app.get(
    '/api/me/glossary',
    {
      schema: {
        tags: ['vocabulary'],
        summary: "The terms of the learner's vocabulary decks and their French gloss",
        response: { 200: Glossary, 401: ErrorBody },
      },
    },
    async (request) => vocabulary.glossary(requireActor(request)),
  );

  app.post(
    '/api/vocabulary/reviews',
    {
      schema: {
        tags: ['vocabulary'],
        summary: 'Records a review (1 again, 2 hard, 3 good, 4 easy) and schedules the card (FSRS)',
        body: VocabularyReviewBody,
        response: { 200: VocabularyReviewed, ...denied },
      },
    },
    async (request) => vocabulary.review(requireActor(request), request.body.cardKey, request.body.rating),
  );
};
