import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { errorMessage } from '@tremplin/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const FALLBACK_PAGE = '200.html';

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
    const isPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !request.url.startsWith('/api/') &&
      request.url !== '/api' &&
      !request.url.startsWith('/ws');
    if (isPage && hasBuild) {
      return reply.header('cache-control', 'no-cache').sendFile(FALLBACK_PAGE);
    }
    return reply.status(404).send({
      code: 'TREMPLIN_ERR_ROUTE_NOT_FOUND',
      message: errorMessage('TREMPLIN_ERR_ROUTE_NOT_FOUND', request.locale, {
        method: request.method,
        url: request.url.split('?')[0] ?? '',
      }),
    });
  });
}

export default fp(webPlugin, { name: 'web', dependencies: ['locale'] });
