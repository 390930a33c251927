import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AccountActionBody,
  AccountPage,
  AccountParams,
  AccountSearchQuery,
  AccountSummary,
  AuditPage,
  AuditQuery,
  ErrorBody,
  ResetLink,
  SetRolesBody,
  SignInFailures,
  SignInFailuresQuery,
} from '@tremplin/contracts';
import { Type } from 'typebox';
import { requireRole } from '../../plugins/auth.ts';
import { AccountsService } from './accounts.service.ts';

const denied = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody };

export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const accounts = new AccountsService(app.database.db, () => app.auth.now());
  // The platform's overseers: the coordination, and the administrators who see all it sees.
  const coordination = (request: Parameters<typeof requireRole>[0]) =>
    requireRole(request, 'coordinator', 'admin');

  app.get(
    '/api/accounts/sign-in-failures',
    {
      schema: {
        tags: ['accounts'],
        summary:
          "An account's recent failed sign-ins per address, and when each may try again (the coordination)",
        querystring: SignInFailuresQuery,
        response: { 200: SignInFailures, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return app.auth.signInFailures(request.query.email);
    },
  );

  app.get(
    '/api/accounts',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Searches the accounts by name or e-mail address, and by role, one page at a time',
        querystring: AccountSearchQuery,
        response: { 200: AccountPage, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return accounts.search(request.query);
    },
  );

  for (const [verb, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    app.post(
      `/api/accounts/:userId/${verb}`,
      {
        schema: {
          tags: ['accounts'],
          summary: disabled
            ? 'Disables an account: its sessions end at once'
            : 'Enables a disabled account again',
          params: AccountParams,
          body: AccountActionBody,
          response: { 200: AccountSummary, ...denied, 404: ErrorBody, 409: ErrorBody },
        },
      },
      async (request) => {
        const actor = coordination(request);
        const { account, endedSessions } = await accounts.setDisabled(
          actor,
          request.params.userId,
          disabled,
          request.body.reason,
        );
        // Open sockets of those sessions close too, on every instance.
        for (const sessionId of endedSessions) app.grading.bus.publish({ type: 'signed.out', sessionId });
        return account;
      },
    );
  }

  app.post(
    '/api/accounts/:userId/reset-link',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Creates a one-time password reset link (24 h), shown this once; earlier links stop working',
        params: AccountParams,
        body: AccountActionBody,
        response: { 201: ResetLink, ...denied, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const actor = coordination(request);
      const link = await accounts.createResetLink(actor, request.params.userId, request.body.reason);
      // The link opens an account: no cache may keep it.
      reply.header('cache-control', 'no-store');
      return reply.status(201).send(link);
    },
  );

  app.put(
    '/api/accounts/:userId/roles',
    {
      schema: {
        tags: ['accounts'],
        summary: "Sets an account's programme-wide roles (author, grader, coordinator, admin)",
        params: AccountParams,
        body: SetRolesBody,
        response: { 200: AccountSummary, ...denied, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request) => {
      const actor = coordination(request);
      return accounts.setRoles(actor, request.params.userId, request.body.roles, request.body.reason);
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['accounts'],
        summary: "The audit log of the coordination's actions, newest first, filtered",
        querystring: AuditQuery,
        response: { 200: AuditPage, ...denied },
      },
    },
    async (request) => {
      coordination(request);
      return { entries: await accounts.audit(request.query) };
    },
  );

  app.get(
    '/api/audit/export',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The audit log as CSV (UTF-8 with BOM), with the same filters',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...denied },
      },
    },
    async (request, reply) => {
      coordination(request);
      const csv = await accounts.auditCsv(request.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="journal-coordination.csv"')
        .send(csv);
    },
  );
};
