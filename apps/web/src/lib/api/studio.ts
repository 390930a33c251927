import type { ModuleDefinition } from '@tremplin/content';
import { api } from './client.ts';
import type { CodeResult, Discipline } from './types.ts';

/**
 * The authors' studio API (`/api/studio/*`: authors, coordinators, admins). Types only from the
 * contracts and the content package: neither is bundled.
 */

export type VersionStatus = 'draft' | 'in_review' | 'published' | 'archived';

export interface StudioVersion {
  version: number;
  status: VersionStatus;
  publishedAt: string | null;
  contentHash: string | null;
  changeNote: string | null;
}

export interface StudioModuleSummary {
  slug: string;
  discipline: Discipline;
  title: string;
  status: VersionStatus;
  versions: StudioVersion[];
  draft?: { version: number; revision: number; updatedAt: string; updatedBy?: string | null } | null;
}

export interface StudioEvent {
  version: number;
  from: VersionStatus | null;
  to: VersionStatus;
  by?: string | null;
  byName?: string | null;
  at: string;
  note?: string | null;
}

export interface StudioDraft {
  version: number;
  status: VersionStatus;
  revision: number;
  updatedAt: string;
  updatedByName?: string | null;
  content: ModuleDefinition;
}

export interface StudioModule {
  slug: string;
  discipline: Discipline;
  versions: StudioVersion[];
  events: StudioEvent[];
  draft?: StudioDraft | null;
}

export interface ValidationProblem {
  path: string;
  message: string;
  file?: string;
  line?: number;
}

export interface VersionChangeWire {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface ImportReport {
  slug: string;
  version?: number;
  unmapped?: string[];
  problems?: ValidationProblem[];
  [key: string]: unknown;
}

const enc = encodeURIComponent;
const base = (slug: string) => `/api/studio/modules/${enc(slug)}` as const;

export const studioApi = {
  modules: (signal?: AbortSignal) =>
    api.get<{ modules: StudioModuleSummary[] }>('/api/studio/modules', signal ? { signal } : {}),
  create: (body: { slug: string; discipline: Discipline; title: string; titleEn: string }) =>
    api.post<unknown>('/api/studio/modules', body),
  module: (slug: string, signal?: AbortSignal) => api.get<StudioModule>(base(slug), signal ? { signal } : {}),
  openDraft: (slug: string) => api.post<unknown>(`${base(slug)}/drafts`),
  save: (slug: string, revision: number, content: ModuleDefinition, keepalive = false) =>
    api.put<{ revision: number; updatedAt: string }>(
      `${base(slug)}/draft`,
      { revision, content },
      { keepalive },
    ),
  validate: (slug: string) => api.post<{ problems: ValidationProblem[] }>(`${base(slug)}/draft/validate`),
  run: (slug: string, exercise: string, code: string) =>
    api.post<{ id?: string; result: CodeResult }>(`${base(slug)}/draft/exercises/${enc(exercise)}/run`, {
      code,
    }),
  submit: (slug: string, note?: string) =>
    api.post<unknown>(`${base(slug)}/draft/submit`, note ? { note } : {}),
  publish: (slug: string, note: string) => api.post<unknown>(`${base(slug)}/draft/publish`, { note }),
  returnToDraft: (slug: string) => api.post<unknown>(`${base(slug)}/draft/return`),
  archive: (slug: string, version: number) => api.post<unknown>(`${base(slug)}/versions/${version}/archive`),
  version: (slug: string, version: number) => api.get<unknown>(`${base(slug)}/versions/${version}`),
  diff: (slug: string, from: number, to: number) =>
    api.get<{ changes: VersionChangeWire[] }>(`${base(slug)}/diff?from=${from}&to=${to}`),
  exportUrl: (slug: string, version: number) => `${base(slug)}/versions/${version}/export.zip`,
  /** A zip as base64 in JSON (the API also takes application/zip; JSON keeps one client). */
  import: (zipBase64: string, fileName: string) =>
    api.post<ImportReport>('/api/studio/import', { zip: zipBase64, fileName }),
};
