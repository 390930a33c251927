import { describe, expect, it } from 'vitest';
import {
  API_CACHE,
  ASSETS_CACHE,
  apiKey,
  isObsoleteCache,
  isStudentRead,
  routeRequest,
  shellCacheName,
  shellFiles,
} from './cache-rules.ts';

const ORIGIN = 'https://tremplin.example';
const ID = '3f0c8a52-9b1e-4c1d-8a6f-2b7e4d9c1a00';
const route = (path: string, { method = 'GET', mode = 'cors', origin = ORIGIN } = {}) =>
  routeRequest({ method, url: new URL(path, origin), origin: ORIGIN, mode }).kind;

describe('which request goes where', () => {
  it("keeps the student's own reads, network first", () => {
    for (const path of [
      '/api/me',
      '/api/me/progress',
      '/api/me/home',
      '/api/me/glossary',
      '/api/modules',
      '/api/modules/programmation-js',
      `/api/lessons/${ID}`,
      `/api/exercises/${ID}`,
      `/api/exercises/${ID}/submissions`,
      '/api/vocabulary/queue',
    ])
      expect(route(path), path).toBe('api');
  });

  it("never keeps other roles' data, results, the live socket, metrics or the download's own list", () => {
    for (const path of [
      '/api/groups',
      `/api/groups/${ID}/learners`,
      `/api/learners/${ID}`,
      '/api/dashboard',
      '/api/reviews',
      '/api/studio/modules',
      '/api/grading-queue',
      `/api/submissions/${ID}`,
      `/api/runs/${ID}`,
      '/api/me/notifications',
      '/api/me/messages',
      '/api/modules/programmation-js/offline',
      '/api/docs/json',
      '/ws',
      '/metrics',
    ])
      expect(route(path), path).toBe('pass');
  });

  it('never answers a write, another origin, or a read with a query string', () => {
    expect(route('/api/me', { method: 'POST' })).toBe('pass');
    expect(route(`/api/exercises/${ID}/draft`, { method: 'PUT' })).toBe('pass');
    expect(route('/api/me', { origin: 'https://ailleurs.example' })).toBe('pass');
    expect(route('/_app/immutable/chunks/a.js', { origin: 'https://cdn.example' })).toBe('pass');
    expect(route('/api/modules?x=1')).toBe('pass');
  });

  it('serves the pages from the shell and the hashed files from the caches', () => {
    expect(route('/', { mode: 'navigate' })).toBe('page');
    expect(route(`/etudiant/lecons/${ID}`, { mode: 'navigate' })).toBe('page');
    expect(route('/_app/immutable/chunks/CFJ42G16.js')).toBe('file');
    expect(route('/_app/immutable/workers/ts.worker-BksaVfpv.js')).toBe('file');
    // Not pages: the API's own documents and files go to the network as they are.
    expect(route('/api/docs', { mode: 'navigate' })).toBe('pass');
    expect(route('/metrics', { mode: 'navigate' })).toBe('pass');
    expect(route('/favicon.svg', { mode: 'navigate' })).toBe('pass');
    expect(route('/_app/version.json')).toBe('pass');
  });

  it('keys an answer by its address alone', () => {
    expect(apiKey(new URL(`${ORIGIN}/api/lessons/${ID}#haut`))).toBe(`${ORIGIN}/api/lessons/${ID}`);
    expect(isStudentRead('/api/modules/Programmation')).toBe(false);
  });
});

describe('the shell and the versions', () => {
  it('precaches the build and the static files but the lazy ones and the compressed copies', () => {
    const files = shellFiles(
      [
        '_app/immutable/entry/start.js',
        '_app/immutable/chunks/monaco.js',
        '_app/immutable/workers/ts.worker.js',
      ],
      ['favicon.svg', 'manifest.webmanifest', 'icons/icon-192.png', 'favicon.svg.br'],
      ['_app/immutable/chunks/monaco.js', '_app/immutable/workers/ts.worker.js'],
    );
    expect(files).toEqual([
      '/200.html',
      '/_app/immutable/entry/start.js',
      '/favicon.svg',
      '/manifest.webmanifest',
      '/icons/icon-192.png',
    ]);
  });

  it("drops another version's shell and older layouts, keeps the assets and the API answers", () => {
    expect(isObsoleteCache(shellCacheName('2'), '3')).toBe(true);
    expect(isObsoleteCache(shellCacheName('3'), '3')).toBe(false);
    expect(isObsoleteCache(ASSETS_CACHE, '3')).toBe(false);
    expect(isObsoleteCache(API_CACHE, '3')).toBe(false);
    expect(isObsoleteCache('tremplin-api-v0', '3')).toBe(true);
    expect(isObsoleteCache('another-app', '3')).toBe(false);
  });
});
