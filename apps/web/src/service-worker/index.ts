// The service worker: the app opens offline, and what a student has read opens again without the
// network. Which request goes where is decided in #lib/offline/cache-rules.ts (unit-tested); this
// file only applies it with the Cache API. The rules are described in docs/architecture.md.
import { version } from '$app/env';
import { assets, immutable } from '$app/manifest';
import { self } from '$app/service-worker';
import { lazyFiles } from 'virtual:tremplin-lazy-files';
import {
  API_CACHE,
  ASSETS_CACHE,
  CLAIM,
  FALLBACK_PAGE,
  SKIP_WAITING,
  apiKey,
  isObsoleteCache,
  routeRequest,
  shellCacheName,
  shellFiles,
} from '#lib/offline/cache-rules.ts';

const SHELL_CACHE = shellCacheName(version);
const BUILD = immutable.map((file) => file.path);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL_CACHE);
      // Pages and static files are revalidated (never a stale copy from the HTTP cache); hashed
      // files may come from it.
      const files = shellFiles(
        BUILD,
        assets.map((file) => file.path),
        lazyFiles,
      );
      await cache.addAll(
        files.map(
          (file) =>
            new Request(file, { cache: file.startsWith('/_app/immutable/') ? 'default' : 'no-cache' }),
        ),
      );
    })(),
  );
  // No skipWaiting() here: a new worker taking over a running page would drop the old shell while
  // the page still imports its pages' chunks by their old names (404 on the server since the
  // deploy), and a half-typed answer would be lost to a reload nobody asked for. The new version
  // waits: the open pages offer it (#lib/offline/app-update.ts), and the next launch gets it.
});

// « Mettre à jour », chosen on a page: the waiting version takes over, and that page reloads. A page
// no worker controls asks the active one to take it (#lib/offline/app-update.ts): it loaded from
// the network, and the files it lacks still come from there (see `file`), so nothing it runs breaks.
self.addEventListener('message', (event) => {
  if (event.data?.type === SKIP_WAITING) void self.skipWaiting();
  else if (event.data?.type === CLAIM) event.waitUntil(self.clients.claim());
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (isObsoleteCache(name, version)) await caches.delete(name);
      // Files fetched on first use (Monaco) stay while this build still has them (same hash).
      const current = new Set(BUILD.map((file) => (file.startsWith('/') ? file : `/${file}`)));
      const lazy = await caches.open(ASSETS_CACHE);
      for (const request of await lazy.keys())
        if (!current.has(new URL(request.url).pathname)) await lazy.delete(request);
      // Activation happens only when no page runs an older version (see install): taking the open
      // pages at once is safe, and the first visit's reads are cached from the start.
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const route = routeRequest({
    method: request.method,
    url: new URL(request.url),
    origin: self.location.origin,
    mode: request.mode,
  });
  if (route.kind === 'page') event.respondWith(page(request));
  else if (route.kind === 'file') event.respondWith(file(request));
  else if (route.kind === 'api') event.respondWith(apiRead(request));
});

/**
 * Every page of the app is the same fallback page: this version's copy, from the shell, which is
 * also what the server sends (the repeat visit on a slow link costs no round trip). The network
 * only if the shell lost it.
 */
async function page(request: Request): Promise<Response> {
  const cached = await caches.open(SHELL_CACHE).then((cache) => cache.match(FALLBACK_PAGE));
  return cached ?? fetch(request);
}

/** Hashed files never change: the cache, else the network (kept for next time). */
async function file(request: Request): Promise<Response> {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    await caches.open(ASSETS_CACHE).then((cache) => cache.put(request, copy));
  }
  return response;
}

/**
 * A read of the student's path: the network first, so that a student online always sees the
 * latest; its answer is kept, and served when the network fails. A 401 means the session is gone:
 * the kept answers (personal data) go with it. A failure without a kept answer stays a failure:
 * the page shows that the server cannot be reached, as without a service worker.
 */
async function apiRead(request: Request): Promise<Response> {
  const key = apiKey(new URL(request.url));
  let response: Response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const cached = await caches.open(API_CACHE).then((cache) => cache.match(key, { ignoreVary: true }));
    if (cached) return cached;
    throw offline;
  }
  if (response.ok) {
    const copy = response.clone();
    await caches.open(API_CACHE).then((cache) => cache.put(key, copy));
  } else if (response.status === 401) {
    await caches.delete(API_CACHE);
  }
  return response;
}
