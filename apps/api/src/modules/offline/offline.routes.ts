import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, Exercise, Lesson, ModuleDetail, OfflineCopy, SlugParams } from '@tremplin/contracts';
import type { TSchema } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import type { ExercisesService } from '../exercises/exercises.service.ts';
import { LearningService } from '../learning/learning.service.ts';
import { OfflineService } from './offline.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

/** Registered by the exercises' routes, whose service reads each exercise as the learner sees it. */
export const offlineRoutes: FastifyPluginAsyncTypebox<{ exercises: ExercisesService }> = async (
  app,
  { exercises },
) => {
  const offline = new OfflineService(new LearningService(app.database.db), exercises);

  app.get(
    '/api/modules/:slug/offline',
    {
      schema: {
        tags: ['learning'],
        summary:
          'What to keep on the device to open an enrolled module offline, with the size of each answer',
        params: SlugParams,
        response: { 200: OfflineCopy, ...denied },
      },
    },
    async (request, reply) => {
      // Measured with the serializer of each answer's own route schema: the bytes the API sends.
      const size = (schema: TSchema) => (body: { [key: string]: unknown }) =>
        Buffer.byteLength(reply.serializeInput(body, schema as unknown as Record<string, unknown>), 'utf8');
      return offline.copy(requireActor(request), request.params.slug, request.locale, {
        module: size(ModuleDetail),
        lesson: size(Lesson),
        exercise: size(Exercise),
      });
    },
  );
};
