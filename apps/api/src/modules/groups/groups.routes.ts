import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  GroupList,
  GroupParams,
  GroupSummary,
  LearnerList,
  LearnerParams,
  LearnerProfile,
} from '@tremplin/contracts';
import { requireActor } from '../../plugins/auth.ts';
import { GroupsService } from './groups.service.ts';

const denied = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

export const groupsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const groups = new GroupsService(app.database.db);

  app.get(
    '/api/groups',
    {
      schema: {
        tags: ['groups'],
        summary: "The groups the caller follows (a tutor's own; every group for the coordination)",
        response: { 200: GroupList, ...denied },
      },
    },
    async (request) => ({ groups: await groups.listVisibleGroups(requireActor(request)) }),
  );

  app.get(
    '/api/groups/:groupId',
    {
      schema: {
        tags: ['groups'],
        summary: 'One group',
        params: GroupParams,
        response: { 200: GroupSummary, 400: ErrorBody, ...denied },
      },
    },
    async (request) => groups.getGroup(requireActor(request), request.params.groupId),
  );

  app.get(
    '/api/groups/:groupId/learners',
    {
      schema: {
        tags: ['groups'],
        summary: 'The learners of a group',
        params: GroupParams,
        response: { 200: LearnerList, 400: ErrorBody, ...denied },
      },
    },
    async (request) => ({
      learners: await groups.listLearners(requireActor(request), request.params.groupId),
    }),
  );

  app.get(
    '/api/learners/:learnerId',
    {
      schema: {
        tags: ['groups'],
        summary: 'A learner: readable by themself, their tutors and the coordination',
        params: LearnerParams,
        response: { 200: LearnerProfile, 400: ErrorBody, ...denied },
      },
    },
    async (request) => groups.getLearnerProfile(requireActor(request), request.params.learnerId),
  );
};
