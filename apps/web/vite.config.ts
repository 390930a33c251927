import adapter from '@sveltejs/adapter-static';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { lazyFilesPlugin } from './vite-lazy-files.ts';

// SvelteKit 3 reads its options from here (svelte.config.js is no longer supported).
// The app is a static SPA: every page is rendered in the browser, the Fastify API serves
// `build/` and answers any non-API GET with the fallback page.
const FALLBACK_PAGE = '200.html';

const API_TARGET = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ pages: 'build', assets: 'build', fallback: FALLBACK_PAGE, precompress: true }),
      version: { pollInterval: 0 },
    }),
    lazyFilesPlugin(),
  ],
  server: {
    proxy: {
      '/api': { target: API_TARGET, changeOrigin: false },
      // The API accepts live sockets from its public origins only (PUBLIC_ORIGIN, by default its own
      // local address): the proxy presents the dev page's socket as the API's own. This waives the
      // origin check for whatever reaches the dev server, acceptable on a developer's machine only.
      '/ws': { target: API_TARGET, ws: true, rewriteWsOrigin: true },
    },
  },
});
