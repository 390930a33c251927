import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AppealBody,
  AppealCreated,
  DictationPlay,
  DraftBody,
  DraftConflictBody,
  DraftSaved,
  ErrorBody,
  Exercise,
  ExerciseParams,
  HelpRequest,
  HelpRequestBody,
  IdParams,
  RunBody,
  RunResult,
  Submission,
  SubmissionAccepted,
  SubmissionBody,
  SubmissionList,
} from '@tremplin/contracts';
import { requireActor } from '../../plugins/auth.ts';
import { offlineRoutes } from '../offline/offline.routes.ts';
import { ExercisesService } from './exercises.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const tooLarge = { 413: ErrorBody };
const limited = { 429: ErrorBody };

export const exercisesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const exercises = new ExercisesService({
    db: app.database.db,
    pool: app.grading.pool,
    bus: app.grading.bus,
    runGate: app.fairUse.runs,
  });
  await app.register(offlineRoutes, { exercises });

  app.get(
    '/api/exercises/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: 'An exercise as the learner sees it (no answer key, no hidden test), with their draft',
        params: ExerciseParams,
        response: { 200: Exercise, ...denied },
      },
    },
    async (request) => exercises.get(requireActor(request), request.params.id, request.locale),
  );

  app.put(
    '/api/exercises/:id/draft',
    {
      schema: {
        tags: ['exercises'],
        summary:
          'Saves the code being written, with the pastes the editor saw since the last save; a stale base answers 409 with the kept draft',
        params: ExerciseParams,
        body: DraftBody,
        response: { 200: DraftSaved, ...denied, ...tooLarge, 409: DraftConflictBody },
      },
    },
    async (request) => exercises.saveDraft(requireActor(request), request.params.id, request.body),
  );

  app.post(
    '/api/exercises/:id/runs',
    {
      config: { rateLimit: 'runs' },
      schema: {
        tags: ['exercises'],
        summary: 'Runs the code against the visible tests and answers the result (not a graded submission)',
        params: ExerciseParams,
        body: RunBody,
        response: { 200: RunResult, ...denied, ...tooLarge, ...limited, 503: ErrorBody },
      },
    },
    async (request) =>
      exercises.run(requireActor(request), request.params.id, request.body.code, request.locale),
  );

  app.post(
    '/api/exercises/:id/submissions',
    {
      config: { rateLimit: 'submissions' },
      schema: {
        tags: ['exercises'],
        summary: 'Submits code or an answer for a grade: stored and queued at once, graded by a worker',
        params: ExerciseParams,
        body: SubmissionBody,
        response: { 202: SubmissionAccepted, ...denied, ...tooLarge, 409: ErrorBody, ...limited },
      },
    },
    async (request, reply) => {
      const accepted = await exercises.submit(
        requireActor(request),
        request.params.id,
        request.body,
        request.locale,
        request.id,
      );
      return reply.status(202).send(accepted);
    },
  );

  app.get(
    '/api/exercises/:id/submissions',
    {
      schema: {
        tags: ['exercises'],
        summary: "The learner's submissions to an exercise, newest first, with their code",
        params: ExerciseParams,
        response: { 200: SubmissionList, ...denied },
      },
    },
    async (request) => ({
      submissions: await exercises.history(requireActor(request), request.params.id, request.locale),
    }),
  );

  app.get(
    '/api/runs/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: "A Run's result, in the reader's language (the learner's own only)",
        params: IdParams,
        response: { 200: RunResult, ...denied },
      },
    },
    async (request) => exercises.getRun(requireActor(request), request.params.id, request.locale),
  );

  app.get(
    '/api/submissions/:id',
    {
      schema: {
        tags: ['exercises'],
        summary: "A submission's status and result (the learner's own only)",
        params: IdParams,
        response: { 200: Submission, ...denied },
      },
    },
    async (request) => exercises.getSubmission(requireActor(request), request.params.id, request.locale),
  );

  app.post(
    '/api/submissions/:id/appeal',
    {
      schema: {
        tags: ['exercises'],
        summary:
          "Contests a graded submission's grade, once, with a comment for the graders (the learner's own only)",
        params: IdParams,
        body: AppealBody,
        response: { 201: AppealCreated, ...denied, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const created = await exercises.appeal(
        requireActor(request),
        request.params.id,
        request.body.comment,
        request.locale,
      );
      return reply.status(201).send(created);
    },
  );

  app.post(
    '/api/exercises/:id/dictation/play',
    {
      schema: {
        tags: ['exercises'],
        summary: 'Counts one play of a dictation and answers the text to speak (within its replay limit)',
        params: ExerciseParams,
        response: { 200: DictationPlay, ...denied, ...limited },
      },
    },
    async (request) => exercises.playDictation(requireActor(request), request.params.id),
  );

  app.post(
    '/api/exercises/:id/help-requests',
    {
      config: { rateLimit: 'help' },
      schema: {
        tags: ['exercises'],
        summary: "Asks the learner's tutor for help on this exercise",
        params: ExerciseParams,
        body: HelpRequestBody,
        response: { 201: HelpRequest, ...denied, ...limited },
      },
    },
    async (request, reply) => {
      const created = await exercises.requestHelp(
        requireActor(request),
        request.params.id,
        request.body.message,
      );
      return reply.status(201).send(created);
    },
  );
};
