import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/.svelte-kit/**',
      '**/dist/**',
      'data/**',
      '.tmp/**',
      'migrations/**',
      'packages/grader/test/fixtures/**',
      'packages/content/test/fixtures/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // Config is read once in config.ts; nowhere else reads the environment.
    files: ['apps/api/src/**/*.ts', 'packages/*/src/**/*.ts'],
    ignores: [
      'apps/api/src/config.ts',
      'packages/*/src/cli/**',
      'packages/grader/**',
      'packages/db/src/test-support/**',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration in config.ts and pass it down.' },
      ],
    },
  },
);
