import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { FALLBACK_PAGE } from './web.ts';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP sources (`'sha256-…'`) of a page's inline scripts, exactly as the browser hashes them. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '', 'utf8')
        .digest('base64')}'`,
  );
}

/**
 * The Content-Security-Policy of the whole origin. Scripts: the app's own files and the inline
 * scripts of the built page, by hash (SvelteKit's bootstrap and the language script of app.html);
 * never `'unsafe-inline'`. Styles allow inline ones: Svelte and Monaco set style attributes and
 * `<style>` elements at run time. Monaco's workers are bundled files of the same origin.
 */
export function contentSecurityPolicy(
  network: Config['network'],
  scriptHashes: string[],
): Record<string, string[]> {
  const sockets = network.publicOrigins.map((origin) => origin.replace(/^http/, 'ws'));
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    // Monaco's stylesheet and the API documentation draw a few icons as data: images.
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...sockets],
    'worker-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    ...(network.https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/**
 * The offline Run's worker (apps/web/src/lib/offline/run/offline-run.worker.ts, built under this name):
 * it evaluates the learner's code with the grader's harness, as the server's sandbox compiles it, so its
 * script needs `'unsafe-eval'`. A worker's policy is its own script's response header: only this one
 * file gets it, with nothing else allowed (no fetch, no nested worker); the pages keep theirs.
 */
const RUN_WORKER = /^\/_app\/immutable\/workers\/offline-run\.worker-[\w-]+\.js$/;
export const RUN_WORKER_POLICY = "default-src 'none'; script-src 'self' 'unsafe-eval'";

/**
 * Security headers on every response (pages, assets, JSON, errors), through helmet: the CSP above,
 * no framing, no MIME sniffing, no referrer beyond the origin, and HSTS only when the public origin
 * is https (over plain http a browser ignores it, and a local install must stay reachable).
 */
async function securityHeadersPlugin(
  app: FastifyInstance,
  opts: { buildDir: string; network: Config['network'] },
) {
  // Read once: a new build is deployed with a restart, which hashes its page again.
  const page = path.join(opts.buildDir, FALLBACK_PAGE);
  const hashes = existsSync(page) ? inlineScriptHashes(readFileSync(page, 'utf8')) : [];
  const { network } = opts;
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(network, hashes) },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: network.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (RUN_WORKER.test(request.url.split('?')[0] ?? ''))
      reply.header('content-security-policy', RUN_WORKER_POLICY);
  });
}

export default fp(securityHeadersPlugin, { name: 'security-headers' });
