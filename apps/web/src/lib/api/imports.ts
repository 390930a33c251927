import type { ImportList, ImportReport, ImportSummary } from '@tremplin/contracts';
import { locale } from '#lib/i18n/locale.svelte.ts';
import { translate } from '#lib/i18n/translate.ts';
import { base64 } from './base64.ts';
import { api, ApiError } from './client.ts';

export type { ImportReport, ImportSummary };
export type ImportKind = ImportReport['kind'];

/** Coordination: uploads a CSV file (its bytes as they are: the server checks the encoding) → the dry-run report. */
export function uploadImport(kind: ImportKind, fileName: string, bytes: Uint8Array): Promise<ImportReport> {
  const query = new URLSearchParams({ kind, fileName }).toString();
  return api.post<ImportReport>(`/api/imports?${query}`, { csvBase64: base64(bytes) });
}

export async function listImports(signal?: AbortSignal): Promise<ImportSummary[]> {
  return (await api.get<ImportList>('/api/imports', signal ? { signal } : {})).imports;
}

export function applyImport(id: string, mode: 'all' | 'valid'): Promise<ImportReport> {
  return api.post<ImportReport>(`/api/imports/${id}/apply`, { mode });
}

export function getImport(id: string): Promise<ImportReport> {
  return api.get<ImportReport>(`/api/imports/${id}`);
}

/** New activation links of an applied import, as the CSV file to save (each call replaces the links before). */
export async function activationLinks(id: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api/imports/${id}/activation-links`, {
      method: 'POST',
      headers: { Accept: 'text/csv, application/json', 'Accept-Language': locale.current },
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (cause) {
    throw new ApiError({
      status: 0,
      code: 'TREMPLIN_ERR_NETWORK',
      message: translate(locale.current, 'error.network'),
      messageKey: 'error.network',
      cause,
    });
  }
  if (response.ok) return response.blob();
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  throw new ApiError({
    status: response.status,
    code: (body?.code ?? 'TREMPLIN_ERR_UNEXPECTED_RESPONSE') as ApiError['code'],
    message: body?.message ?? translate(locale.current, 'error.unexpected'),
  });
}
