import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorBody, LocaleBody, Me, Synced } from '@tremplin/contracts';
import { markLearnerSynced, setUserLocale } from '@tremplin/db';
import { requireActor, requireRole } from '../../plugins/auth.ts';
import { toMe } from './me.service.ts';

export const meRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/me',
    {
      schema: {
        tags: ['me'],
        summary: 'The signed-in user, with their roles and groups',
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (request) => toMe(requireActor(request)),
  );

  app.put(
    '/api/me/locale',
    {
      schema: {
        tags: ['me'],
        summary: "Sets the signed-in user's preferred language",
        body: LocaleBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setUserLocale(app.database.db, actor.user.id, request.body.locale);
      return toMe({ ...actor, user: { ...actor.user, locale: request.body.locale } });
    },
  );

  app.post(
    '/api/me/synced',
    {
      schema: {
        tags: ['me'],
        summary:
          "A learner's device has nothing left to send (drafts and queued submissions all synced): recorded for their tutors' tiles",
        response: { 200: Synced, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      const actor = requireRole(request, 'student');
      const at = await markLearnerSynced(app.database.db, actor.user.id, new Date());
      app.grading.bus.publish({ type: 'learner.synced', userId: actor.user.id, at: at.getTime() });
      return { syncedAt: at.toISOString() };
    },
  );
};
