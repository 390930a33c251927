import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ErrorBody,
  ImportApplyBody,
  ImportList,
  ImportParams,
  ImportReport,
  ImportUploadBody,
  ImportUploadQuery,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import { requireRole } from '../../plugins/auth.ts';
import { ImportsService } from './imports.service.ts';

const tags = ['imports'];
const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
/** A 15,000-row file is about 1 MB; 10 MB leaves room for long names without inviting abuse. */
export const CSV_BODY_LIMIT = 10 * 1024 * 1024;

export const importsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const imports = new ImportsService(app.database.db, app.config.network.publicOrigins[0] ?? '');
  // The coordination, and the administrators who see all it sees.
  const coordination = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, 'coordinator', 'admin');

  // The upload takes the file as it is (`text/csv`): its own parser, as raw bytes (the encoding is
  // checked, not assumed), turned into the JSON form's base64 so that one schema checks both.
  await app.register(async (scoped) => {
    scoped.addContentTypeParser(
      'text/csv',
      { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT },
      (_request, body, done) => done(null, { csvBase64: (body as Buffer).toString('base64') }),
    );
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/imports',
      {
        bodyLimit: CSV_BODY_LIMIT,
        schema: {
          tags,
          summary:
            'Uploads a CSV file (`text/csv`, or base64 in JSON) of a kind and answers its dry-run report; nothing else is written',
          querystring: ImportUploadQuery,
          body: ImportUploadBody,
          response: { 201: ImportReport, ...denied, 413: ErrorBody },
        },
      },
      async (request, reply) => {
        const actor = coordination(request);
        const bytes = Buffer.from(request.body.csvBase64, 'base64');
        const report = await imports.upload(
          actor.user.id,
          {
            kind: request.query.kind,
            fileName: request.query.fileName ?? `${request.query.kind}.csv`,
            bytes,
          },
          request.locale,
        );
        return reply.code(201).send(report);
      },
    );
  });

  app.get(
    '/api/imports',
    {
      schema: {
        tags,
        summary: 'The recent imports, newest first',
        response: { 200: ImportList, 401: ErrorBody, 403: ErrorBody },
      },
    },
    async (request) => {
      coordination(request);
      return { imports: await imports.list() };
    },
  );

  app.get(
    '/api/imports/:importId',
    {
      schema: {
        tags,
        summary: "An import's report, in the caller's language",
        params: ImportParams,
        response: { 200: ImportReport, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return imports.get(request.params.importId, request.locale);
    },
  );

  app.post(
    '/api/imports/:importId/apply',
    {
      schema: {
        tags,
        summary:
          'Applies an import once, in one transaction checked again: `all` (all or nothing) or `valid` (the valid rows only)',
        params: ImportParams,
        body: ImportApplyBody,
        response: { 200: ImportReport, ...denied, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = coordination(request);
      return imports.apply(actor.user.id, request.params.importId, request.body.mode, request.locale);
    },
  );

  app.post(
    '/api/imports/:importId/activation-links',
    {
      schema: {
        tags,
        summary:
          'New one-time activation links (14 days) for the accounts the import created and not yet activated, as CSV; earlier links stop working',
        params: ImportParams,
        produces: ['text/csv'],
        response: {
          200: Type.String({ description: 'text/csv: email,nom,lien' }),
          ...denied,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const actor = coordination(request);
      const { csv, fileName } = await imports.activationLinks(actor.user.id, request.params.importId);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );
};
