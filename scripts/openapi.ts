// `pnpm openapi`: writes the API's OpenAPI document to docs/openapi.json (commit it). A test fails
// while the committed document differs from what the code describes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openApiDocument, openApiText } from '../apps/api/src/openapi.ts';

const target = path.resolve(import.meta.dirname, '../docs/openapi.json');
writeFileSync(target, openApiText(await openApiDocument()));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
process.exit(0);
