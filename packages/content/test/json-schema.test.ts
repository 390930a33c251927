// The committed JSON Schema of module.json is the one generated from the TypeBox definitions, and it
// describes the real modules: valid ones pass, a spec of the wrong shape for its kind is flagged.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import Compile from 'typebox/compile';
import { describe, expect, test } from 'vitest';
import { DEMO_MODULES_DIR } from '../src/index.ts';
import { moduleJsonSchema, moduleJsonSchemaText, SCHEMA_FILE } from '../src/json-schema.ts';

const validator = Compile(moduleJsonSchema() as never);

async function moduleJsons(): Promise<[string, Record<string, unknown>][]> {
  const names = (await readdir(DEMO_MODULES_DIR, { withFileTypes: true })).filter((e) => e.isDirectory());
  return Promise.all(
    names.map(async (e): Promise<[string, Record<string, unknown>]> => [
      e.name,
      JSON.parse(await readFile(path.join(DEMO_MODULES_DIR, e.name, 'module.json'), 'utf8')),
    ]),
  );
}

describe('module.schema.json', () => {
  test('is current: run `pnpm content schema` after changing src/schema.ts', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(moduleJsonSchemaText());
  });

  test('accepts every module of packages/content/modules, with or without "$schema"', async () => {
    for (const [name, json] of await moduleJsons()) {
      expect(validator.Check(json), name).toBe(true);
      expect(validator.Check({ $schema: '../../module.schema.json', ...json }), name).toBe(true);
    }
  });

  test("chooses each exercise's spec by its kind", async () => {
    const [, json] = (await moduleJsons()).find(([name]) => name === 'programmation-js')!;
    const exercises = json.exercises as { kind: string; spec: Record<string, unknown> }[];
    const choice = exercises.find((e) => e.kind === 'choice')!;
    const code = exercises.find((e) => e.kind === 'code')!;
    const codeSpec = code.spec;
    code.spec = choice.spec;
    expect(validator.Check(json)).toBe(false);
    code.spec = { ...codeSpec, limits: { cpuMs: 'lots' } };
    expect(validator.Check(json)).toBe(false);
    code.spec = codeSpec;
    choice.spec = { ...choice.spec, typo: true };
    expect(validator.Check(json)).toBe(false);
    const spec = moduleJsonSchema() as { properties: { exercises: { items: { allOf: unknown[] } } } };
    expect(spec.properties.exercises.items.allOf).toHaveLength(8);
  });
});
