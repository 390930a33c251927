import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ActivityQuery,
  ErrorBody,
  FlagBody,
  FlagCreated,
  GroupModuleList,
  GroupParams,
  IdParams,
  LearnerActivity,
  LearnerDraft,
  LearnerExercise,
  LearnerExerciseParams,
  LearnerNotes,
  LearnerParams,
  LearnerSubmission,
  LearnerSubmissionParams,
  ModuleQuery,
  NoteBody,
  ProgressGrid,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import { requireActor } from '../../plugins/auth.ts';
import { FlagsService } from './flags.service.ts';
import { LearnersService } from './learners.service.ts';
import { ProgressService } from './progress.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tags = ['tutoring'];

/** The tutors' reading tools: progress grid, learner page, notes, flags. */
export const tutoringRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const progress = new ProgressService(app.database.db);
  const learners = new LearnersService(app.database.db);
  const flags = new FlagsService(app.database.db);

  app.get(
    '/api/groups/:groupId/modules',
    {
      schema: {
        tags,
        summary: "The modules the group's learners are enrolled in",
        params: GroupParams,
        response: { 200: GroupModuleList, ...denied },
      },
    },
    async (request) => progress.modules(requireActor(request), request.params.groupId),
  );

  app.get(
    '/api/groups/:groupId/progress',
    {
      schema: {
        tags,
        summary:
          "The group's learners against a module's exercises: best score, attempts, submission to open",
        params: GroupParams,
        querystring: ModuleQuery,
        response: { 200: ProgressGrid, ...denied },
      },
    },
    async (request) => progress.grid(requireActor(request), request.params.groupId, request.query.module),
  );

  app.get(
    '/api/groups/:groupId/progress.csv',
    {
      schema: {
        tags,
        summary: 'The progress grid as CSV (UTF-8, one row per learner)',
        params: GroupParams,
        querystring: ModuleQuery,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...denied },
      },
    },
    async (request, reply) => {
      const { filename, body } = await progress.csv(
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
    '/api/learners/:learnerId/activity',
    {
      schema: {
        tags,
        summary: "A learner's runs and submissions (with code and results) and time line, newest first",
        params: LearnerParams,
        querystring: ActivityQuery,
        response: { 200: LearnerActivity, ...denied },
      },
    },
    async (request) =>
      learners.activity(requireActor(request), request.params.learnerId, request.query, request.locale),
  );

  app.get(
    '/api/learners/:learnerId/submissions/:submissionId',
    {
      schema: {
        tags,
        summary: "One of a learner's submissions, for their tutors and the coordination",
        params: LearnerSubmissionParams,
        response: { 200: LearnerSubmission, ...denied },
      },
    },
    async (request) =>
      learners.submission(
        requireActor(request),
        request.params.learnerId,
        request.params.submissionId,
        request.locale,
      ),
  );

  app.get(
    '/api/learners/:learnerId/exercises/:exerciseId',
    {
      schema: {
        tags,
        summary:
          "An exercise of the learner's modules as the learner sees it (public view, their order), to read their answers",
        params: LearnerExerciseParams,
        response: { 200: LearnerExercise, ...denied },
      },
    },
    async (request) =>
      learners.exercise(requireActor(request), request.params.learnerId, request.params.exerciseId),
  );

  app.get(
    '/api/learners/:learnerId/draft',
    {
      schema: {
        tags,
        summary: 'The code the learner is writing (their latest draft); live updates come over /ws',
        params: LearnerParams,
        response: { 200: LearnerDraft, ...denied },
      },
    },
    async (request) => learners.draft(requireActor(request), request.params.learnerId),
  );

  app.get(
    '/api/learners/:learnerId/notes',
    {
      schema: {
        tags,
        summary: "The tutors' notes about a learner",
        params: LearnerParams,
        response: { 200: LearnerNotes, ...denied },
      },
    },
    async (request) => learners.notes(requireActor(request), request.params.learnerId),
  );

  app.put(
    '/api/learners/:learnerId/notes',
    {
      schema: {
        tags,
        summary: "Replaces the caller's note about a learner (empty: deletes it)",
        params: LearnerParams,
        body: NoteBody,
        response: { 200: LearnerNotes, ...denied },
      },
    },
    async (request) => learners.saveNote(requireActor(request), request.params.learnerId, request.body.body),
  );

  app.post(
    '/api/submissions/:id/flags',
    {
      schema: {
        tags,
        summary: "Flags a learner's submission for the graders, with a reason",
        params: IdParams,
        body: FlagBody,
        response: { 201: FlagCreated, ...denied },
      },
    },
    async (request, reply) => {
      const created = await flags.flag(requireActor(request), request.params.id, request.body.reason);
      return reply.status(201).send(created);
    },
  );
};
