// The JSON Schema of module.json, generated from the TypeBox definitions that loadModule checks against
// (TypeBox schemas are JSON Schema already). Each exercise's `spec` is described per `kind` (if/then), so
// an editor completes and flags the spec of the kind written beside it.
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FILE_SPEC_SCHEMAS, ModuleFile, type SpecKind } from './schema.ts';

/** Where the committed schema lives: module folders point to it with `"$schema"`. */
export const SCHEMA_FILE = fileURLToPath(new URL('../module.schema.json', import.meta.url));

/** A TypeBox schema as plain JSON (its symbol keys dropped). */
const plain = (schema: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;

/** The JSON Schema (draft-07) of module.json. */
export function moduleJsonSchema(): Record<string, unknown> {
  const root = plain(ModuleFile);
  const exercises = (root.properties as Record<string, Record<string, unknown>>).exercises!;
  const exercise = exercises.items as Record<string, unknown>;
  const properties = exercise.properties as Record<string, unknown>;
  properties.spec = {
    type: 'object',
    description: "What the exercise asks and how it is graded; its fields depend on the exercise's kind.",
  };
  exercise.allOf = (Object.keys(FILE_SPEC_SCHEMAS) as SpecKind[]).map((kind) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: { properties: { spec: plain(FILE_SPEC_SCHEMAS[kind]) } },
  }));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://tremplin.tg/schemas/module.schema.json',
    title: 'Tremplin module (module.json)',
    description:
      'A module of the Tremplin platform: lessons in Markdown and exercises. See docs/content-format.md.',
    ...root,
  };
}

/** The file's text: two-space JSON and a final line break. */
export function moduleJsonSchemaText(): string {
  return `${JSON.stringify(moduleJsonSchema(), null, 2)}\n`;
}

/** Writes the schema file; returns whether it changed. */
export async function writeModuleJsonSchema(file = SCHEMA_FILE): Promise<boolean> {
  const text = moduleJsonSchemaText();
  const before = await readFile(file, 'utf8').catch(() => '');
  if (before === text) return false;
  await writeFile(file, text, 'utf8');
  return true;
}
