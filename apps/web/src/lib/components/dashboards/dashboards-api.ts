// The dashboards' REST calls (types only from the contracts: typebox stays out of the bundle).
import type { Dashboard, DashboardQuery, Gradebook, LearnerReport } from '@tremplin/contracts';
import { api } from '#lib/api/client.ts';

const id = encodeURIComponent;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  ).toString();
  return search ? `?${search}` : '';
}

export const dashboardsApi = {
  dashboard: (filters: DashboardQuery, signal?: AbortSignal) =>
    api.get<Dashboard>(`/api/dashboard${query({ ...filters })}`, signal ? { signal } : {}),
  gradebook: (groupId: string, moduleSlug: string | undefined, signal?: AbortSignal) =>
    api.get<Gradebook>(
      `/api/groups/${id(groupId)}/gradebook${query({ module: moduleSlug })}`,
      signal ? { signal } : {},
    ),
  gradebookCsvUrl: (groupId: string, moduleSlug: string) =>
    `/api/groups/${id(groupId)}/gradebook.csv?module=${id(moduleSlug)}`,
  report: (learnerId: string, signal?: AbortSignal) =>
    api.get<LearnerReport>(`/api/learners/${id(learnerId)}/report`, signal ? { signal } : {}),
};

/** A ratio as a percentage ("42 %"), or a dash. */
export function percent(locale: string, ratio: number | null): string {
  if (ratio === null) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Where the dashboards' links go: the coordination's pages or the tutor's. */
export type Space = 'coordination' | 'tutor';
