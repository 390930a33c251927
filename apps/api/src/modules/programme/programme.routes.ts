import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Cohort,
  CreateCohortBody,
  CreateGroupBody,
  ErrorBody,
  GroupModuleBody,
  GroupModuleParams,
  GroupModuleResult,
  GroupMoveList,
  GroupParams,
  LearnerParams,
  MoveLearnerBody,
  MoveLearnerResult,
  ProgrammeStructure,
  SetTutorsBody,
  StructureGroup,
} from '@tremplin/contracts';
import { requireActor, requireRole } from '../../plugins/auth.ts';
import { GroupsService } from '../groups/groups.service.ts';
import { ProgrammeService } from './programme.service.ts';

const denied = { 401: ErrorBody, 403: ErrorBody };
const TAGS = ['programme'];

export const programmeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const programme = new ProgrammeService(app.database.db);
  const groups = new GroupsService(app.database.db);
  // The coordination: coordinators, and the administrators who see all it sees.
  const coordination = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, 'coordinator', 'admin').user.id;

  app.get(
    '/api/programme/structure',
    {
      schema: {
        tags: TAGS,
        summary:
          'Universities, cohorts, disciplines, groups (tutors, learners, modules) and enrollable modules',
        response: { 200: ProgrammeStructure, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return programme.structure();
    },
  );

  app.post(
    '/api/programme/cohorts',
    {
      schema: {
        tags: TAGS,
        summary: 'Creates a cohort (a programme year or a tutor training)',
        body: CreateCohortBody,
        response: { 201: Cohort, 400: ErrorBody, ...denied, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const cohort = await programme.createCohort(coordination(request), request.body);
      return reply.status(201).send(cohort);
    },
  );

  app.post(
    '/api/programme/groups',
    {
      schema: {
        tags: TAGS,
        summary: 'Creates a group in a university and a cohort (its name is unique in the cohort)',
        body: CreateGroupBody,
        response: { 201: StructureGroup, 400: ErrorBody, ...denied, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const group = await programme.createGroup(coordination(request), request.body);
      return reply.status(201).send(group);
    },
  );

  app.put(
    '/api/programme/groups/:groupId/tutors',
    {
      schema: {
        tags: TAGS,
        summary: "Replaces a group's tutors: each gains the tutor role in the group",
        params: GroupParams,
        body: SetTutorsBody,
        response: { 200: StructureGroup, 400: ErrorBody, ...denied, 404: ErrorBody },
      },
    },
    async (request) => {
      const actorId = coordination(request);
      return programme.setTutors(actorId, request.params.groupId, request.body.tutorIds, request.body.reason);
    },
  );

  app.post(
    '/api/programme/moves',
    {
      schema: {
        tags: TAGS,
        summary: 'Moves a learner to another group; their work stays theirs and the move is kept',
        body: MoveLearnerBody,
        response: { 200: MoveLearnerResult, 400: ErrorBody, ...denied, 409: ErrorBody },
      },
    },
    async (request) => programme.moveLearner(coordination(request), request.body),
  );

  app.put(
    '/api/programme/groups/:groupId/modules/:moduleId',
    {
      schema: {
        tags: TAGS,
        summary: "Enrols a group's learners in a module with an optional deadline (or changes it)",
        params: GroupModuleParams,
        body: GroupModuleBody,
        response: { 200: GroupModuleResult, 400: ErrorBody, ...denied, 404: ErrorBody },
      },
    },
    async (request) => {
      const actorId = coordination(request);
      const { groupId, moduleId } = request.params;
      return programme.enrolGroup(actorId, groupId, moduleId, request.body.dueAt);
    },
  );

  app.patch(
    '/api/programme/groups/:groupId/modules/:moduleId',
    {
      schema: {
        tags: TAGS,
        summary: 'Changes the deadline of a module the group is enrolled in (null: none)',
        params: GroupModuleParams,
        body: GroupModuleBody,
        response: { 200: GroupModuleResult, 400: ErrorBody, ...denied, 404: ErrorBody },
      },
    },
    async (request) => {
      const actorId = coordination(request);
      const { groupId, moduleId } = request.params;
      return programme.setDeadline(actorId, groupId, moduleId, request.body.dueAt);
    },
  );

  app.get(
    '/api/learners/:learnerId/moves',
    {
      schema: {
        tags: ['groups'],
        summary: "A learner's moves between groups: readable by themself, their tutors and the coordination",
        params: LearnerParams,
        response: { 200: GroupMoveList, 400: ErrorBody, ...denied, 404: ErrorBody },
      },
    },
    async (request) => {
      await groups.getLearnerProfile(requireActor(request), request.params.learnerId);
      return { moves: await programme.learnerMoves(request.params.learnerId) };
    },
  );
};
