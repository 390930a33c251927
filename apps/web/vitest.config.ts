import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineProject } from 'vitest/config';

// Unit tests of the web app's logic (i18n, API client, helpers), run in Node.
// `.svelte.ts` modules are compiled by the Svelte plugin; `$app/*` modules are not available here,
// so the tested modules must not import them (the route/load glue is covered by the Playwright e2e).
export default defineProject({
  plugins: [svelte({ configFile: false })],
  test: {
    name: 'web',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
