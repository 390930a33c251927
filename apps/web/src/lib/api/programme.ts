// The coordination's structure and accounts pages, and the public reset page, talk to these routes.
import type {
  AccountPage,
  AccountSummary,
  AuditEntry,
  Cohort,
  GroupModuleResult,
  MoveLearnerResult,
  ProgrammeRole,
  ProgrammeStructure,
  ResetLink,
  ResetTokenStatus,
  Role,
  StructureGroup,
} from '@tremplin/contracts';
import type { Learner } from '@tremplin/contracts';
import { api } from './client.ts';

export type {
  AccountPage,
  AccountSummary,
  AuditEntry,
  Cohort,
  ProgrammeRole,
  ProgrammeStructure,
  ResetLink,
  ResetTokenStatus,
  StructureGroup,
};

export const PROGRAMME_ROLES: readonly ProgrammeRole[] = ['author', 'grader', 'coordinator', 'admin'];

export const fetchStructure = () => api.get<ProgrammeStructure>('/api/programme/structure');

export const fetchGroupLearners = (groupId: string) =>
  api.get<{ learners: Learner[] }>(`/api/groups/${groupId}/learners`);

export const createCohort = (body: {
  name: string;
  slug: string;
  kind: 'students' | 'tutor-training';
  startsOn: string;
  endsOn: string;
}) => api.post<Cohort>('/api/programme/cohorts', body);

export const createGroup = (body: { name: string; universityId: string; cohortId: string }) =>
  api.post<StructureGroup>('/api/programme/groups', body);

export const setGroupTutors = (groupId: string, tutorIds: string[]) =>
  api.put<StructureGroup>(`/api/programme/groups/${groupId}/tutors`, { tutorIds });

export const moveLearner = (learnerId: string, fromGroupId: string, toGroupId: string, reason?: string) =>
  api.post<MoveLearnerResult>('/api/programme/moves', {
    learnerId,
    fromGroupId,
    toGroupId,
    ...(reason ? { reason } : {}),
  });

export const enrolGroup = (groupId: string, moduleId: string, dueAt: string | null) =>
  api.put<GroupModuleResult>(`/api/programme/groups/${groupId}/modules/${moduleId}`, { dueAt });

export interface AccountFilter {
  q?: string;
  role?: Role | '';
  offset?: number;
  limit?: number;
}

export function searchAccounts(filter: AccountFilter): Promise<AccountPage> {
  const query = new URLSearchParams();
  if (filter.q) query.set('q', filter.q);
  if (filter.role) query.set('role', filter.role);
  if (filter.offset) query.set('offset', String(filter.offset));
  if (filter.limit) query.set('limit', String(filter.limit));
  return api.get<AccountPage>(`/api/accounts?${query.toString()}`);
}

export const setAccountDisabled = (userId: string, disabled: boolean) =>
  api.post<AccountSummary>(`/api/accounts/${userId}/${disabled ? 'disable' : 'enable'}`, {});

export const createResetLink = (userId: string) =>
  api.post<ResetLink>(`/api/accounts/${userId}/reset-link`, {});

export const setAccountRoles = (userId: string, roles: ProgrammeRole[]) =>
  api.put<AccountSummary>(`/api/accounts/${userId}/roles`, { roles });

export interface AuditFilter {
  action?: string;
  subjectType?: string;
  subjectId?: string;
  before?: number;
}

/** The query string of the audit log's filters (the list and the CSV download share it). */
export function auditQuery(filter: AuditFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) query.set(key, String(value));
  return query.toString();
}

export const fetchAudit = (filter: AuditFilter) =>
  api.get<{ entries: AuditEntry[] }>(`/api/audit?${auditQuery(filter)}`);

export const fetchResetStatus = (token: string) =>
  api.get<ResetTokenStatus>(`/api/auth/reset/${encodeURIComponent(token)}`);

export const resetPassword = (token: string, password: string) =>
  api.post<void>('/api/auth/reset', { token, password });
