import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  MarkNotificationsReadBody,
  NotificationList,
  NotificationsRead,
} from '@tremplin/contracts';
import { requireActor } from '../../plugins/auth.ts';
import { NotificationsService } from './notifications.service.ts';

export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const notifications = new NotificationsService(app.database.db);

  app.get(
    '/api/me/notifications',
    {
      schema: {
        tags: ['me'],
        summary: "The signed-in person's newest notifications (50), in their language, with the unread count",
        response: { 200: NotificationList, 401: ErrorBody },
      },
    },
    async (request) => notifications.list(requireActor(request), request.locale),
  );

  app.post(
    '/api/me/notifications/read',
    {
      schema: {
        tags: ['me'],
        summary:
          "Marks some of the signed-in person's notifications read (their ids), or all when `ids` is empty",
        body: MarkNotificationsReadBody,
        response: { 200: NotificationsRead, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => notifications.markRead(requireActor(request), request.body.ids),
  );
};
