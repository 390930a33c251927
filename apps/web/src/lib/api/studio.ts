import type { ModuleDefinition } from '@tremplin/content';
import { base64 } from './base64.ts';
import { api } from './client.ts';
import type { Answer, Discipline, GradeOutcome } from './types.ts';

/**
 * The authors' studio API (`/api/studio/*`: authors, coordinators, admins), after
 * packages/contracts/src/studio.ts. Types only: neither the contracts' schemas nor the content package
 * are bundled.
 */

import type {
  ContentProblem,
  DiffChange,
  ImportResult,
  StudioDraft as StudioDraftWire,
  StudioEvent,
  StudioModule as StudioModuleWire,
  StudioModuleSummary,
  StudioPreview,
  StudioVersion,
  StudioVersionContent as StudioVersionContentWire,
  VersionDiff,
  VersionState,
  VersionStatus,
} from '@tremplin/contracts';

export type {
  ContentProblem,
  DiffChange,
  ImportResult,
  StudioEvent,
  StudioModuleSummary,
  StudioPreview,
  StudioVersion,
  VersionDiff,
  VersionState,
  VersionStatus,
};

/** The contract keeps a version's content loose (`unknown`): it is a ModuleDefinition. */
export type StudioDraft = Omit<StudioDraftWire, 'content'> & { content: ModuleDefinition };
export type StudioModule = Omit<StudioModuleWire, 'draft'> & { draft?: StudioDraft };
export type StudioVersionContent = Omit<StudioVersionContentWire, 'content'> & { content: ModuleDefinition };

const enc = encodeURIComponent;
const base = (slug: string) => `/api/studio/modules/${enc(slug)}` as const;
const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const studioApi = {
  modules: (signal?: AbortSignal) =>
    api.get<{ modules: StudioModuleSummary[] }>('/api/studio/modules', opts(signal)),
  create: (body: { slug: string; discipline: Discipline; title: string; titleEn: string }) =>
    api.post<StudioModule>('/api/studio/modules', body),
  module: (slug: string, signal?: AbortSignal) => api.get<StudioModule>(base(slug), opts(signal)),
  openDraft: (slug: string) => api.post<StudioModule>(`${base(slug)}/drafts`),
  save: (slug: string, revision: number, content: ModuleDefinition, keepalive = false) =>
    api.put<{ revision: number; updatedAt: string }>(
      `${base(slug)}/draft`,
      { revision, content },
      { keepalive },
    ),
  validate: (slug: string) => api.post<{ problems: ContentProblem[] }>(`${base(slug)}/draft/validate`),
  preview: (slug: string, exercise: string) =>
    api.get<StudioPreview>(`${base(slug)}/draft/exercises/${enc(exercise)}/preview`),
  run: (slug: string, exercise: string, body: { code: string } | { answer: Answer }) =>
    api.post<{ result: GradeOutcome }>(`${base(slug)}/draft/exercises/${enc(exercise)}/run`, body),
  submit: (slug: string, note?: string) =>
    api.post<VersionState>(`${base(slug)}/draft/submit`, note ? { note } : {}),
  publish: (slug: string, note: string) => api.post<VersionState>(`${base(slug)}/draft/publish`, { note }),
  returnToDraft: (slug: string, note?: string) =>
    api.post<VersionState>(`${base(slug)}/draft/return`, note ? { note } : {}),
  archive: (slug: string, version: number, note?: string) =>
    api.post<VersionState>(`${base(slug)}/versions/${version}/archive`, note ? { note } : {}),
  version: (slug: string, version: number) =>
    api.get<StudioVersionContent>(`${base(slug)}/versions/${version}`),
  diff: (slug: string, from: number, to: number) =>
    api.get<VersionDiff>(`${base(slug)}/diff?from=${from}&to=${to}`),
  exportUrl: (slug: string, version: number) => `${base(slug)}/versions/${version}/export.zip`,
  /** A zip sent as base64 in JSON (≤ 5 MB); `into` names the module that receives an Exercism exercise. */
  import: (zip: Uint8Array, into?: string) => {
    const zipBase64 = base64(zip);
    return api.post<ImportResult>('/api/studio/import', into ? { zipBase64, into } : { zipBase64 });
  },
};
