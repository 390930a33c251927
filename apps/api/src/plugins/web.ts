import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { errorMessage } from '@tremplin/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The page every client-side route is served from. */
export const FALLBACK_PAGE = '200.html';

/**
 * Whether an address names one of the app's pages (a client-side route) rather than a file: a missing
 * asset (under `/_app/`, or with an extension such as `.js` or `.env`) gets a 404,
 * never the app's page in its place.
 */
function isPagePath(pathname: string): boolean {
  if (pathname.startsWith('/_app/')) return false;
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return !last.includes('.') && !/%2f|%5c/i.test(pathname);
}

/**
 * Serves the built web app on the same origin as the API: hashed assets cached for a year,
 * pages revalidated, precompressed files when the browser accepts them, and the app's fallback
 * page for any other address so that client-side routes load. Unknown /api addresses stay JSON 404s.
 */
async function webPlugin(app: FastifyInstance, opts: { buildDir: string }) {
  const hasBuild = existsSync(path.join(opts.buildDir, FALLBACK_PAGE));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: opts.buildDir,
      preCompressed: true,
      wildcard: true,
      index: false,
      // A directory is no asset: its address goes on to the not-found handler, never a 403.
      allowedPath: (pathname: string) => !pathname.endsWith('/'),
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}_app${path.sep}immutable${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    // The root is a directory to the static files (listing refused, 403): it is the app's first page.
    app.get('/', { schema: { hide: true } }, (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile(FALLBACK_PAGE),
    );
  } else {
    app.log.warn({ buildDir: opts.buildDir }, 'web app not built: run `pnpm build` to serve the pages');
  }

  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isApi = pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/ws');
    if (isApi) {
      return reply.status(404).send({
        code: 'TREMPLIN_ERR_ROUTE_NOT_FOUND',
        message: errorMessage('TREMPLIN_ERR_ROUTE_NOT_FOUND', request.locale, {
          method: request.method,
          url: pathname,
        }),
      });
    }
    if (hasBuild && (request.method === 'GET' || request.method === 'HEAD') && isPagePath(pathname)) {
      return reply.header('cache-control', 'no-cache').sendFile(FALLBACK_PAGE);
    }
    return reply.status(404).send({
      code: 'TREMPLIN_ERR_NOT_FOUND',
      message: errorMessage('TREMPLIN_ERR_NOT_FOUND', request.locale),
    });
  });
}

export default fp(webPlugin, { name: 'web', dependencies: ['locale'] });
