import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  GroupParams,
  HelpQueue,
  HelpQueueQuery,
  HelpReplied,
  HelpReplyBody,
  HelpRequestParams,
  HelpRequestView,
  HelpStats,
  LearnerParams,
  LiveSession,
  MarkReadBody,
  MessageBody,
  MyMessages,
  SessionList,
  SessionParams,
  SessionSummary,
  StartSessionBody,
  StatsQuery,
  TutorMessage,
  UnreadCount,
  UpdateSessionBody,
} from '@tremplin/contracts';
import { requireActor } from '../../plugins/auth.ts';
import { HelpService } from './help.service.ts';
import { MessagesService } from './messages.service.ts';
import { SessionsService } from './sessions.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const conflict = { 409: ErrorBody };
const limited = { 429: ErrorBody };

/** What tutors do live: the help queue, messages, live sessions; and the learner's side of them. */
export const liveActionsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { db } = app.database;
  const { bus } = app.grading;
  const help = new HelpService(db, bus, app.config.dashboardSharedSeconds);
  const messages = new MessagesService(db, bus);
  const sessions = new SessionsService(db, bus);

  // ---------- Help queue ----------

  app.get(
    '/api/groups/:groupId/help-requests',
    {
      schema: {
        tags: ['help'],
        summary: "A group's help requests in order of arrival (open and taken; `all` adds the week's closed)",
        params: GroupParams,
        querystring: HelpQueueQuery,
        response: { 200: HelpQueue, ...denied },
      },
    },
    async (request) => help.queue(requireActor(request), request.params.groupId, request.query.scope),
  );

  app.get(
    '/api/groups/:groupId/help-stats',
    {
      schema: {
        tags: ['help'],
        summary: "Response times of a group's help requests (created in the window)",
        params: GroupParams,
        querystring: StatsQuery,
        response: { 200: HelpStats, ...denied },
      },
    },
    async (request) =>
      help.stats(requireActor(request), { groupId: request.params.groupId, ...request.query }),
  );

  app.get(
    '/api/help-stats',
    {
      schema: {
        tags: ['help'],
        summary: 'Response times of every help request of the programme (the coordination)',
        querystring: StatsQuery,
        response: { 200: HelpStats, ...denied },
      },
    },
    async (request) => help.stats(requireActor(request), request.query),
  );

  for (const action of ['take', 'resolve', 'cancel'] as const) {
    app.post(
      `/api/help-requests/:helpRequestId/${action}`,
      {
        schema: {
          tags: ['help'],
          summary: {
            take: 'A tutor takes a request: the learner sees their tutor is coming',
            resolve: 'A tutor marks a request resolved',
            cancel: 'The learner withdraws their request',
          }[action],
          params: HelpRequestParams,
          response: { 200: HelpRequestView, ...denied, ...conflict },
        },
      },
      async (request) => help[action](requireActor(request), request.params.helpRequestId),
    );
  }

  app.post(
    '/api/help-requests/:helpRequestId/reply',
    {
      config: { rateLimit: 'messages' },
      schema: {
        tags: ['help'],
        summary: 'A tutor answers a request with a message or a hint (the request becomes taken)',
        params: HelpRequestParams,
        body: HelpReplyBody,
        response: { 201: HelpReplied, ...denied, ...conflict, ...limited },
      },
    },
    async (request, reply) => {
      const { body, kind } = request.body;
      const replied = await help.reply(requireActor(request), request.params.helpRequestId, body, kind);
      return reply.status(201).send(replied);
    },
  );

  // ---------- Messages ----------

  app.post(
    '/api/groups/:groupId/messages',
    {
      config: { rateLimit: 'messages' },
      schema: {
        tags: ['messages'],
        summary: 'A tutor writes to the whole group',
        params: GroupParams,
        body: MessageBody,
        response: { 201: TutorMessage, ...denied, ...limited },
      },
    },
    async (request, reply) => {
      const sent = await messages.toGroup(requireActor(request), request.params.groupId, request.body.body);
      return reply.status(201).send(sent);
    },
  );

  app.post(
    '/api/learners/:learnerId/messages',
    {
      config: { rateLimit: 'messages' },
      schema: {
        tags: ['messages'],
        summary: 'A tutor writes to one learner',
        params: LearnerParams,
        body: MessageBody,
        response: { 201: TutorMessage, ...denied, ...limited },
      },
    },
    async (request, reply) => {
      const sent = await messages.toLearner(
        requireActor(request),
        request.params.learnerId,
        request.body.body,
      );
      return reply.status(201).send(sent);
    },
  );

  app.get(
    '/api/me/messages',
    {
      schema: {
        tags: ['messages'],
        summary: "The signed-in learner's messages from their tutors, newest first, with the unread count",
        response: { 200: MyMessages, 401: ErrorBody },
      },
    },
    async (request) => messages.mine(requireActor(request)),
  );

  app.post(
    '/api/me/messages/read',
    {
      schema: {
        tags: ['messages'],
        summary: 'Marks messages read; answers the unread count',
        body: MarkReadBody,
        response: { 200: UnreadCount, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => messages.markRead(requireActor(request), request.body.ids),
  );

  // ---------- Live sessions ----------

  app.post(
    '/api/groups/:groupId/live-sessions',
    {
      schema: {
        tags: ['live sessions'],
        summary: 'A tutor starts a live work session for a group (one at a time)',
        params: GroupParams,
        body: StartSessionBody,
        response: { 201: LiveSession, ...denied, ...conflict },
      },
    },
    async (request, reply) => {
      const started = await sessions.start(requireActor(request), request.params.groupId, request.body);
      return reply.status(201).send(started);
    },
  );

  app.get(
    '/api/groups/:groupId/live-sessions',
    {
      schema: {
        tags: ['live sessions'],
        summary: "A group's live sessions, newest first, each with its summary",
        params: GroupParams,
        response: { 200: SessionList, ...denied },
      },
    },
    async (request) => sessions.list(requireActor(request), request.params.groupId),
  );

  app.get(
    '/api/live-sessions/:sessionId',
    {
      schema: {
        tags: ['live sessions'],
        summary: 'A live session with its attendance, help requests and results',
        params: SessionParams,
        response: { 200: SessionSummary, ...denied },
      },
    },
    async (request) => sessions.get(requireActor(request), request.params.sessionId),
  );

  app.patch(
    '/api/live-sessions/:sessionId',
    {
      schema: {
        tags: ['live sessions'],
        summary: 'Renames a live session, or ends it (`ended: true`)',
        params: SessionParams,
        body: UpdateSessionBody,
        response: { 200: LiveSession, ...denied, ...conflict },
      },
    },
    async (request) => sessions.update(requireActor(request), request.params.sessionId, request.body),
  );
};
