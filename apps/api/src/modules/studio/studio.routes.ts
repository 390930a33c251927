import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  CreateModuleBody,
  DiffQuery,
  ErrorBody,
  ImportBody,
  ImportQuery,
  ImportResult,
  InvalidDraftBody,
  PublishBody,
  SaveDraftBody,
  StudioDraftSaved,
  StudioExerciseParams,
  StudioModule,
  StudioModuleList,
  StudioNoteBody,
  StudioPreview,
  StudioRunBody,
  StudioRunResult,
  StudioSlugParams,
  StudioVersionContent,
  StudioVersionParams,
  SubmitDraftBody,
  ValidationReport,
  VersionDiff,
  VersionState,
  type Role,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import { requireRole } from '../../plugins/auth.ts';
import { StudioService } from './studio.service.ts';

const tags = ['studio'];
const AUTHORS: Role[] = ['author', 'coordinator', 'admin'];
const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const conflict = { 409: ErrorBody };
const invalid = { 422: InvalidDraftBody };
/** An import's zip (or its base64 in JSON): a module folder with its exercises fits in a few MB. */
export const IMPORT_BODY_LIMIT = 8 * 1024 * 1024;

const author = (request: FastifyRequest) => requireRole(request, ...AUTHORS);

export const studioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const studio = new StudioService({
    db: app.database.db,
    pool: app.grading.pool,
    ceiling: app.config.grading.ceiling,
    runGate: app.fairUse.runs,
  });

  app.get(
    '/api/studio/modules',
    {
      schema: {
        tags,
        summary: 'Every module with its versions and the draft being written, if any',
        response: { 200: StudioModuleList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      author(request);
      return { modules: await studio.list() };
    },
  );

  app.post(
    '/api/studio/modules',
    {
      schema: {
        tags,
        summary: 'Creates a module with a draft version 1 (an empty but valid definition)',
        body: CreateModuleBody,
        response: { 201: StudioModule, ...denied, ...conflict },
      },
    },
    async (request, reply) => reply.status(201).send(await studio.create(author(request), request.body)),
  );

  app.get(
    '/api/studio/modules/:slug',
    {
      schema: {
        tags,
        summary: "A module's versions, their history and the draft's content",
        params: StudioSlugParams,
        response: { 200: StudioModule, ...denied },
      },
    },
    async (request) => {
      author(request);
      return studio.get(request.params.slug);
    },
  );

  app.post(
    '/api/studio/modules/:slug/drafts',
    {
      schema: {
        tags,
        summary: 'Opens a new draft copied from the newest published version',
        params: StudioSlugParams,
        response: { 201: StudioModule, ...denied, ...conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await studio.openDraft(author(request), request.params.slug)),
  );

  app.put(
    '/api/studio/modules/:slug/draft',
    {
      schema: {
        tags,
        summary: 'Saves the draft (autosave): refused with 409 when someone saved since `revision`',
        params: StudioSlugParams,
        body: SaveDraftBody,
        response: { 200: StudioDraftSaved, ...denied, ...conflict, 413: ErrorBody },
      },
    },
    async (request) =>
      studio.save(author(request), request.params.slug, request.body.revision, request.body.content),
  );

  app.post(
    '/api/studio/modules/:slug/draft/validate',
    {
      schema: {
        tags,
        summary: "Validates the draft: structure, rules, and each code exercise's tests in the sandbox",
        params: StudioSlugParams,
        response: { 200: ValidationReport, ...denied },
      },
    },
    async (request) => {
      author(request);
      return { problems: await studio.validate(request.params.slug, request.locale) };
    },
  );

  app.get(
    '/api/studio/modules/:slug/draft/exercises/:exercise/preview',
    {
      schema: {
        tags,
        summary: 'An exercise of the draft as a student sees it (public view: no key, no hidden test)',
        params: StudioExerciseParams,
        response: { 200: StudioPreview, ...denied, ...invalid },
      },
    },
    async (request) =>
      studio.preview(request.params.slug, request.params.exercise, author(request), request.locale),
  );

  app.post(
    '/api/studio/modules/:slug/draft/exercises/:exercise/run',
    {
      config: { rateLimit: 'runs' },
      schema: {
        tags,
        summary:
          "Runs code (visible tests) or grades an answer against the draft's exercise; nothing is stored",
        params: StudioExerciseParams,
        body: StudioRunBody,
        response: { 200: StudioRunResult, ...denied, ...invalid, 429: ErrorBody, 503: ErrorBody },
      },
    },
    async (request) =>
      studio.run(author(request), request.params.slug, request.params.exercise, request.body, request.locale),
  );

  app.post(
    '/api/studio/modules/:slug/draft/submit',
    {
      schema: {
        tags,
        summary: 'Sends the draft for review (draft → in review)',
        params: StudioSlugParams,
        body: SubmitDraftBody,
        response: { 200: VersionState, ...denied, ...conflict },
      },
    },
    async (request) => studio.submit(author(request), request.params.slug, request.body.note),
  );

  app.post(
    '/api/studio/modules/:slug/draft/return',
    {
      schema: {
        tags,
        summary: 'Sends a version in review back to its authors (in review → draft)',
        params: StudioSlugParams,
        body: StudioNoteBody,
        response: { 200: VersionState, ...denied, ...conflict },
      },
    },
    async (request) => studio.sendBack(author(request), request.params.slug, request.body.note),
  );

  app.post(
    '/api/studio/modules/:slug/draft/publish',
    {
      schema: {
        tags,
        summary: 'Publishes the version in review with a change note, once it validates (sandbox included)',
        params: StudioSlugParams,
        body: PublishBody,
        response: { 200: VersionState, ...denied, ...conflict, ...invalid },
      },
    },
    async (request) =>
      studio.publish(author(request), request.params.slug, request.body.note, request.locale),
  );

  app.get(
    '/api/studio/modules/:slug/versions/:version',
    {
      schema: {
        tags,
        summary: "Any version's content",
        params: StudioVersionParams,
        response: { 200: StudioVersionContent, ...denied },
      },
    },
    async (request) => {
      author(request);
      return studio.version(request.params.slug, request.params.version);
    },
  );

  app.post(
    '/api/studio/modules/:slug/versions/:version/archive',
    {
      schema: {
        tags,
        summary: 'Archives a published version (its learners keep their work; no new answers)',
        params: StudioVersionParams,
        body: StudioNoteBody,
        response: { 200: VersionState, ...denied, ...conflict },
      },
    },
    async (request) =>
      studio.archive(author(request), request.params.slug, request.params.version, request.body.note),
  );

  app.get(
    '/api/studio/modules/:slug/versions/:version/export.zip',
    {
      schema: {
        tags,
        summary: 'A version in the module folder format, as a zip',
        params: StudioVersionParams,
        produces: ['application/zip'],
        response: { 200: Type.String({ description: 'application/zip' }), ...denied, ...invalid },
      },
    },
    async (request, reply) => {
      author(request);
      const { filename, zip } = await studio.exportZip(
        request.params.slug,
        request.params.version,
        request.locale,
      );
      return (
        reply
          .type('application/zip')
          .header('content-disposition', `attachment; filename="${filename}"`)
          // A buffer goes out as it is (the schema only documents it).
          .send(Buffer.from(zip) as unknown as string)
      );
    },
  );

  app.get(
    '/api/studio/modules/:slug/diff',
    {
      schema: {
        tags,
        summary: 'What changed between two versions, path by path, with line diffs of texts',
        params: StudioSlugParams,
        querystring: DiffQuery,
        response: { 200: VersionDiff, ...denied },
      },
    },
    async (request) => {
      author(request);
      return studio.diff(request.params.slug, request.query.from, request.query.to);
    },
  );

  // The import takes a zip body: its own parser (the zip arrives as base64, like the JSON form, so
  // that one schema checks both) and a larger body limit, for this route only.
  await app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'application/zip',
      { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
      (_request, body, done) => done(null, { zipBase64: (body as Buffer).toString('base64') }),
    );
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/studio/import',
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Imports a zipped module folder as a draft (`application/zip`, or base64 in JSON); `into` is for an exercise folder',
          querystring: ImportQuery,
          body: ImportBody,
          response: { 200: ImportResult, ...denied, ...conflict, 413: ErrorBody, ...invalid },
        },
      },
      async (request) => {
        const actor = author(request);
        const zip = Buffer.from(request.body.zipBase64, 'base64');
        if (zip.length === 0) throw new AppError('TREMPLIN_ERR_IMPORT_INVALID', { detail: 'empty archive' });
        return studio.importZip(actor, zip, request.locale, request.query.into ?? request.body.into);
      },
    );
  });
};
