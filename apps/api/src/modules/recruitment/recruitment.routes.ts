import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  ApplicationBody,
  ApplicationDetail,
  ApplicationDocument,
  ApplicationDocumentParams,
  ApplicationList,
  ApplicationListQuery,
  ApplicationParams,
  CandidateSignUpBody,
  CandidateSignUpResponse,
  DecisionBody,
  DocumentUploadBody,
  DocumentUploadQuery,
  ErrorBody,
  IdParams,
  OwnApplication,
  OwnApplications,
  RecruitmentExportParams,
  ReviewBody,
  TutorCall,
  TutorCallBody,
  TutorCallList,
} from '@tremplin/contracts';
import { hashPassword, findUserByEmail, schema } from '@tremplin/db';
import { Type } from 'typebox';
import { AppError, retryLater } from '../../errors.ts';
import { requireActor, requireRole } from '../../plugins/auth.ts';
import { toMe } from '../me/me.service.ts';
import { SESSION_COOKIE } from '../auth/session-token.ts';
import { attachmentHeader } from './documents.ts';
import { RecruitmentService } from './recruitment.service.ts';

const tags = ['recruitment'];
const denied = { 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };
const invalid = { 400: ErrorBody };

export interface RecruitmentRoutesOptions {
  /** The clock of deadlines (tests move it instead of waiting for a deadline). */
  now?: () => Date;
}

/**
 * A per-address window on the public sign-up: at most N accounts an hour from one address. Kept in
 * memory: a restart forgets it, which costs a flooder nothing they could not get by waiting.
 */
class SignUpLimiter {
  readonly #seen = new Map<string, number[]>();
  readonly perHour: number;
  readonly now: () => Date;

  constructor(perHour: number, now: () => Date) {
    this.perHour = perHour;
    this.now = now;
  }

  take(address: string): void {
    const now = this.now().getTime();
    const since = now - 3_600_000;
    if (this.#seen.size > 10_000)
      for (const [k, v] of this.#seen) if (v.at(-1)! <= since) this.#seen.delete(k);
    const recent = (this.#seen.get(address) ?? []).filter((t) => t > since);
    if (recent.length >= this.perHour) throw retryLater('TREMPLIN_ERR_TOO_MANY_REQUESTS', recent[0]! - since);
    recent.push(now);
    this.#seen.set(address, recent);
  }
}

export const recruitmentRoutes: FastifyPluginAsync<RecruitmentRoutesOptions> = async (plain, options) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const now = options.now ?? (() => new Date());
  const service = new RecruitmentService(app.database.db, app.config, now);
  const signUps = new SignUpLimiter(app.config.recruitment.signUpsPerAddressPerHour, now);
  const coordination = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, 'coordinator', 'admin');

  app.get(
    '/api/recruitment/calls',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The calls for tutors (the opened ones; the coordination sees those to come too)',
        response: { 200: TutorCallList },
      },
    },
    async (request) => service.listCalls(request.actor),
  );

  app.get(
    '/api/recruitment/calls/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'One call for tutors: its rules, deadline, fields of study and rubric',
        params: IdParams,
        response: { 200: TutorCall, ...invalid, 404: ErrorBody },
      },
    },
    async (request) => service.getCall(request.actor, request.params.id),
  );

  app.post(
    '/api/recruitment/calls',
    {
      schema: {
        tags,
        summary: 'Opens a call for tutors (the coordination)',
        body: TutorCallBody,
        response: { 201: TutorCall, ...invalid, ...denied, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = coordination(request);
      return reply.status(201).send(await service.openCall(actor, request.body, request.locale));
    },
  );

  app.put(
    '/api/recruitment/calls/:id',
    {
      schema: {
        tags,
        summary: "Edits a call's rules, deadline, fields or rubric (the coordination)",
        params: IdParams,
        body: TutorCallBody,
        response: { 200: TutorCall, ...invalid, ...denied, 409: ErrorBody },
      },
    },
    async (request) =>
      service.editCall(coordination(request), request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/recruitment/sign-up',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'Creates a candidate account on the public call and signs it in (limited per address)',
        body: CandidateSignUpBody,
        response: { 201: CandidateSignUpResponse, ...invalid, 409: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      signUps.take(request.ip);
      const email = request.body.email.trim().toLowerCase();
      if (await findUserByEmail(app.database.db, email))
        throw new AppError('TREMPLIN_ERR_EMAIL_TAKEN', {}, 'email');
      const passwordHash = await hashPassword(request.body.password);
      const db = app.database.db;
      try {
        await db.transaction(async (tx) => {
          const [user] = await tx
            .insert(schema.users)
            .values({
              email,
              displayName: request.body.displayName.trim(),
              locale: request.body.locale ?? request.locale,
              passwordHash,
            })
            .returning();
          await tx.insert(schema.memberships).values({ userId: user!.id, role: 'candidate', groupId: null });
        });
      } catch (error) {
        // Two sign-ups of one address at once: the second meets the unique index.
        const code =
          (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
        if (code === '23505') throw new AppError('TREMPLIN_ERR_EMAIL_TAKEN', {}, 'email');
        throw error;
      }
      // Signed in through the ordinary path (sessions, sign-in log).
      const { token, expiresAt, actor } = await app.auth.login({
        email,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        log: request.log,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: app.config.network.https,
        expires: expiresAt,
      });
      return reply.status(201).send({ user: toMe(actor) });
    },
  );

  app.get(
    '/api/recruitment/my-applications',
    {
      schema: {
        tags,
        summary: "The signed-in candidate's own applications, with eligibility and outcome",
        response: { 200: OwnApplications, 401: ErrorBody },
      },
    },
    async (request) => ({
      applications: await service.ownApplications(requireActor(request), request.locale),
    }),
  );

  app.put(
    '/api/recruitment/calls/:id/application',
    {
      schema: {
        tags,
        summary:
          "Submits or edits the candidate's application before the deadline (to the minute, Lomé time); answers its eligibility",
        params: IdParams,
        body: ApplicationBody,
        response: { 200: OwnApplication, ...invalid, ...denied, 409: ErrorBody },
      },
    },
    async (request) => service.apply(requireActor(request), request.params.id, request.body, request.locale),
  );

  // Documents arrive as the file itself (`application/pdf` or `application/octet-stream`, whatever its
  // name says), or base64 in JSON; the limit leaves room for a too-large file to get its own clear error.
  const documentBodyLimit = Math.ceil((app.config.recruitment.maxDocumentBytes * 4) / 3) + 64 * 1024;
  await app.register(async (scoped) => {
    scoped.addContentTypeParser(
      ['application/pdf', 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: documentBodyLimit },
      (_request, body, done) => done(null, { contentBase64: (body as Buffer).toString('base64') }),
    );
    scoped.withTypeProvider<TypeBoxTypeProvider>().post(
      '/api/recruitment/applications/:id/documents',
      {
        bodyLimit: documentBodyLimit,
        schema: {
          tags,
          summary:
            "Attaches a PDF to the candidate's own application (type read from the content; size-limited)",
          params: ApplicationParams,
          querystring: DocumentUploadQuery,
          body: DocumentUploadBody,
          response: {
            201: ApplicationDocument,
            ...invalid,
            ...denied,
            409: ErrorBody,
            413: ErrorBody,
            415: ErrorBody,
          },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const bytes = Buffer.from(request.body.contentBase64, 'base64');
        const document = await service.addDocument(actor, request.params.id, request.query.name, bytes);
        return reply.status(201).send(document);
      },
    );
  });

  app.get(
    '/api/recruitment/documents/:id',
    {
      schema: {
        tags,
        summary: 'A supporting document, as an attachment (the coordination, and the candidate who sent it)',
        params: ApplicationDocumentParams,
        produces: ['application/pdf'],
        response: { 200: Type.String({ description: 'application/pdf' }), ...invalid, ...denied },
      },
    },
    async (request, reply) => {
      const { fileName, bytes } = await service.readDocument(requireActor(request), request.params.id);
      return (
        reply
          .type('application/pdf')
          .header('content-disposition', attachmentHeader(fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-store')
          // A buffer goes out as it is (the schema only documents it).
          .send(bytes as unknown as string)
      );
    },
  );

  app.get(
    '/api/recruitment/calls/:id/applications',
    {
      schema: {
        tags,
        summary:
          "A call's applications, filtered, best mean score first, with the call's counts (the coordination)",
        params: IdParams,
        querystring: ApplicationListQuery,
        response: { 200: ApplicationList, ...invalid, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return service.listApplications(request.params.id, request.query);
    },
  );

  app.get(
    '/api/recruitment/applications/:id',
    {
      schema: {
        tags,
        summary: 'One application with its documents and every review (the coordination)',
        params: ApplicationParams,
        response: { 200: ApplicationDetail, ...invalid, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return service.detail(request.params.id, request.locale);
    },
  );

  app.put(
    '/api/recruitment/applications/:id/review',
    {
      schema: {
        tags,
        summary: "The reviewer's own scores against the call's rubric (several reviewers; the mean is shown)",
        params: ApplicationParams,
        body: ReviewBody,
        response: { 200: ApplicationDetail, ...invalid, ...denied },
      },
    },
    async (request) => service.review(coordination(request), request.params.id, request.body, request.locale),
  );

  app.post(
    '/api/recruitment/applications/:id/decision',
    {
      schema: {
        tags,
        summary:
          "Selects (enrols in the call's training cohort) or rejects an application, with a note (the coordination)",
        params: ApplicationParams,
        body: DecisionBody,
        response: { 200: ApplicationDetail, ...invalid, ...denied, 409: ErrorBody },
      },
    },
    async (request) => service.decide(coordination(request), request.params.id, request.body, request.locale),
  );

  app.get(
    '/api/recruitment/calls/:id/exports/:kind',
    {
      schema: {
        tags,
        summary: 'The call, its applications or its decisions as CSV (UTF-8 with BOM, Lomé times)',
        params: RecruitmentExportParams,
        produces: ['text/csv'],
        response: { 200: Type.String({ description: 'text/csv' }), ...invalid, ...denied },
      },
    },
    async (request, reply) => {
      coordination(request);
      const { filename, body } = await service.exportCsv(
        request.params.id,
        request.params.kind,
        request.locale,
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(body);
    },
  );
};
