import { pickLocale, type Locale } from '@tremplin/contracts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of this request's messages, from Accept-Language (French by default). */
    locale: Locale;
  }
}

async function localePlugin(app: FastifyInstance) {
  app.decorateRequest('locale', 'fr');
  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
  });
}

export default fp(localePlugin, { name: 'locale' });
