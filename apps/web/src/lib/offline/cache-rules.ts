/**
 * Which request goes to which cache, shared by the service worker (src/service-worker) and the pages
 * (the module download, sign-out). Pure: no DOM, no Cache API, so that the rules are unit-tested.
 *
 * Three caches, all named with the `tremplin-` prefix (anything else of ours is an old version):
 * - the shell: the build of one version (fallback page, hashed JS/CSS, icons), precached at install;
 * - the assets: hashed files fetched on first use (Monaco's chunks, workers, font and stylesheets);
 *   kept across versions, minus the files a new build no longer has;
 * - the API: the student's own reads (modules, lessons, exercises, themselves), network first.
 *   Personal data: emptied on sign-out and when another user signs in.
 */

/** Bumped when the layout of the caches changes: every older cache is then dropped. */
export const CACHE_SCHEMA = 1;
export const CACHE_PREFIX = 'tremplin-';
export const ASSETS_CACHE = `${CACHE_PREFIX}assets-v${CACHE_SCHEMA}`;
export const API_CACHE = `${CACHE_PREFIX}api-v${CACHE_SCHEMA}`;

export function shellCacheName(version: string): string {
  return `${CACHE_PREFIX}shell-v${CACHE_SCHEMA}-${version}`;
}

/** A page's message to the worker: the waiting version may take over (the learner chose to). */
export const SKIP_WAITING = 'skip-waiting';
/** A page's message to the active worker: no worker controls this page, take it (app-update.ts). */
export const CLAIM = 'claim';

/** The page every client-side route is served from (the API's FALLBACK_PAGE). */
export const FALLBACK_PAGE = '/200.html';

/** What the service worker does with a request. */
export type CacheRoute =
  /** Not ours to handle: the browser fetches as if there were no service worker. */
  | { kind: 'pass' }
  /** A page of the app: the network, else the cached fallback page (offline). */
  | { kind: 'page' }
  /** A file of the build: the cache, else the network (stored in the assets cache on the way). */
  | { kind: 'file' }
  /** A read of the student's path: the network (stored), else the cached answer (offline). */
  | { kind: 'api' };

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SLUG = '[a-z0-9-]{1,80}';

/**
 * The API reads a student's pages make, and nothing else: no other role's data (groups, learners,
 * dashboards, reviews, studio), no run or submission result, no notification, no admin route.
 * `/api/modules/:slug/offline` is left out on purpose: the download stores it as the mark that the
 * module is available offline, once every file of the module has been fetched.
 */
const STUDENT_READS: RegExp[] = [
  /^\/api\/me$/,
  /^\/api\/me\/progress$/,
  /^\/api\/me\/home$/,
  /^\/api\/me\/glossary$/,
  /^\/api\/modules$/,
  new RegExp(`^/api/modules/${SLUG}$`),
  new RegExp(`^/api/lessons/${ID}$`),
  new RegExp(`^/api/exercises/${ID}$`),
  new RegExp(`^/api/exercises/${ID}/submissions$`),
  /^\/api\/vocabulary\/queue$/,
];

export function isStudentRead(pathname: string): boolean {
  return STUDENT_READS.some((pattern) => pattern.test(pathname));
}

/** Whether an address names one of the app's pages (the API's rule for its fallback page). */
function isPagePath(pathname: string): boolean {
  if (pathname.startsWith('/_app/') || pathname.startsWith('/api/') || pathname === '/api') return false;
  if (pathname === '/ws' || pathname.startsWith('/ws/') || pathname === '/metrics') return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.');
}

export interface RequestFacts {
  method: string;
  url: URL;
  /** The page's origin (the service worker's own). */
  origin: string;
  /** `request.mode`: 'navigate' for a page load. */
  mode: string;
}

/** The route of one request. Only same-origin GETs are ever answered from a cache. */
export function routeRequest({ method, url, origin, mode }: RequestFacts): CacheRoute {
  if (method !== 'GET' || url.origin !== origin) return { kind: 'pass' };
  const { pathname } = url;
  if (mode === 'navigate') return isPagePath(pathname) ? { kind: 'page' } : { kind: 'pass' };
  if (pathname.startsWith('/_app/immutable/')) return { kind: 'file' };
  if (url.search === '' && isStudentRead(pathname)) return { kind: 'api' };
  return { kind: 'pass' };
}

/** The address of one of our cached API answers, as the cache keys it (no query, no fragment). */
export function apiKey(url: URL): string {
  return url.origin + url.pathname;
}

/**
 * The shell to precache: every file of the build but the lazy ones (fetched on first use), plus the
 * fallback page and the static files. Paths are relative to the origin's root.
 */
export function shellFiles(build: string[], statics: string[], lazy: readonly string[]): string[] {
  const skip = new Set(lazy.map(absolute));
  const files = [FALLBACK_PAGE, ...build.map(absolute), ...statics.map(absolute)];
  return [...new Set(files)].filter(
    (file) => !skip.has(file) && !file.endsWith('.br') && !file.endsWith('.gz'),
  );
}

function absolute(file: string): string {
  return file.startsWith('/') ? file : `/${file}`;
}

/** The caches an activated version keeps; every other `tremplin-` cache is deleted. */
export function isObsoleteCache(name: string, version: string): boolean {
  if (!name.startsWith(CACHE_PREFIX)) return false;
  return ![shellCacheName(version), ASSETS_CACHE, API_CACHE].includes(name);
}
