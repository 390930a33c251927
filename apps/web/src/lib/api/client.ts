import { locale } from '#lib/i18n/locale.svelte.ts';
import { translate } from '#lib/i18n/translate.ts';
import type { Locale, PlainMessageKey } from '#lib/i18n/types.ts';
import type { ApiErrorBody, ErrorCode } from './types.ts';

/**
 * Typed fetch wrapper for the same-origin JSON API (`/api/*`, cookie session).
 * - sends `Accept-Language: <UI locale>` so the API answers error messages in the user's language;
 * - turns `{ code, message, field? }` error bodies into an `ApiError`;
 * - turns a network failure (or a gateway error without a JSON body) into a localized
 *   "server unreachable" `ApiError` with code TREMPLIN_ERR_NETWORK and status 0.
 */

export interface ApiErrorInit {
  status: number;
  code: ErrorCode;
  message: string;
  field?: string | undefined;
  /** Set for errors made on the client, so the UI can re-translate them if the language changes. */
  messageKey?: PlainMessageKey | undefined;
  /** The rest of the error's body, for errors whose contract carries more (a draft conflict). */
  details?: Record<string, unknown> | undefined;
  cause?: unknown;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly messageKey: PlainMessageKey | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.field = init.field;
    this.messageKey = init.messageKey;
    this.details = init.details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/**
 * Whether the server was reached by the latest request (false: a network failure or a gateway
 * answering for it): the offline status listens, beside the browser's online and offline events.
 */
const reachListeners = new Set<(reached: boolean) => void>();
export function onServerReach(listener: (reached: boolean) => void): () => void {
  reachListeners.add(listener);
  return () => reachListeners.delete(listener);
}
function reached(value: boolean): void {
  for (const listener of reachListeners) listener(value);
}

export type ApiPath = `/api/${string}`;
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Lets the request outlive the page (a draft saved while the tab is being hidden or closed). */
  keepalive?: boolean;
}

export interface ApiClientOptions {
  /** UI language, read at each request. */
  getLocale: () => Locale;
  fetch?: typeof globalThis.fetch;
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: ApiPath, options?: RequestOptions): Promise<T>;
  get<T>(path: ApiPath, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  post<T>(path: ApiPath, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
  put<T>(path: ApiPath, body?: unknown, options?: Omit<RequestOptions, 'body'>): Promise<T>;
}

const GATEWAY_STATUSES = new Set([502, 503, 504]);

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const body = value as Record<string, unknown>;
  return typeof body.code === 'string' && typeof body.message === 'string';
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  function clientError(status: number, code: ErrorCode, key: PlainMessageKey, cause?: unknown): ApiError {
    return new ApiError({
      status,
      code,
      message: translate(options.getLocale(), key),
      messageKey: key,
      cause,
    });
  }

  async function request<T>(method: HttpMethod, path: ApiPath, init: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': options.getLocale(),
    };
    let body: string | undefined;
    if (init.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(init.body);
    }

    let response: Response;
    try {
      response = await doFetch(path, {
        method,
        headers,
        body,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: init.signal ?? null,
        ...(init.keepalive ? { keepalive: true } : {}),
      });
    } catch (cause) {
      if (isAbort(cause)) throw cause;
      reached(false);
      throw clientError(0, 'TREMPLIN_ERR_NETWORK', 'error.network', cause);
    }
    if (!GATEWAY_STATUSES.has(response.status)) reached(true);

    if (response.status === 204 || response.status === 205) return undefined as T;

    const data = await readJson(response);
    if (response.ok) {
      if (data === undefined) {
        throw clientError(response.status, 'TREMPLIN_ERR_UNEXPECTED_RESPONSE', 'error.unexpected');
      }
      return data as T;
    }
    if (isErrorBody(data)) {
      const { code, message, field, ...details } = data;
      throw new ApiError({
        status: response.status,
        code,
        message,
        field: typeof field === 'string' ? field : undefined,
        details: Object.keys(details).length > 0 ? details : undefined,
      });
    }
    if (GATEWAY_STATUSES.has(response.status)) {
      // A proxy answered for an API that is down or restarting.
      reached(false);
      throw clientError(0, 'TREMPLIN_ERR_NETWORK', 'error.network');
    }
    throw clientError(response.status, 'TREMPLIN_ERR_UNEXPECTED_RESPONSE', 'error.unexpected');
  }

  return {
    request,
    get: (path, opts) => request('GET', path, opts),
    post: (path, body, opts) => request('POST', path, { ...opts, body }),
    put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  };
}

/** The app's client: same origin, UI language from the locale state. */
export const api: ApiClient = createApiClient({ getLocale: () => locale.current });
