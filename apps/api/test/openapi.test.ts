// The committed OpenAPI document (docs/openapi.json) is what the code describes: regenerate it with
// `pnpm openapi` after changing a route or a contract.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { openApiDocument, openApiText } from '../src/openapi.ts';

test('the committed OpenAPI document is up to date (pnpm openapi rewrites it)', async () => {
  const committed = readFileSync(path.resolve(import.meta.dirname, '../../../docs/openapi.json'), 'utf8');
  const current = openApiText(await openApiDocument());
  expect(current === committed, 'docs/openapi.json is out of date: run `pnpm openapi` and commit it').toBe(
    true,
  );
  expect(Object.keys(JSON.parse(committed).paths).length).toBeGreaterThan(30);
});
