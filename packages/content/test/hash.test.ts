// Content hashes, and the export → load round trip they certify (what the studio's export and re-import rely on).
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  canonicalJson,
  contentHash,
  DEMO_MODULES_DIR,
  exerciseHash,
  exportModule,
  loadModule,
  type VocabularySpec,
} from '../src/index.ts';
import { sampleModule, specOf } from './sample-module.ts';

let root: string;
let counter = 0;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'content-hash-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
const folder = () => path.join(root, `m${++counter}`);

describe('canonicalJson and hashes', () => {
  test('sorts keys at every depth, drops undefined, keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: undefined }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[2,{"z":1}]},"b":1}',
    );
  });

  test('contentHash is a sha256 hex digest independent of key order', () => {
    const mod = sampleModule();
    const shuffled = Object.fromEntries(Object.entries(mod).reverse());
    expect(contentHash(mod)).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash(shuffled as typeof mod)).toBe(contentHash(mod));
    const changed = sampleModule();
    changed.title = 'Autre titre';
    expect(contentHash(changed)).not.toBe(contentHash(mod));
  });

  test('exerciseHash follows the spec and the kind, not the texts around them', () => {
    const mod = sampleModule();
    const ex = mod.exercises[0]!;
    const before = exerciseHash(ex);
    ex.title = 'Renamed';
    ex.prompt = 'Another prompt';
    ex.hints = ['new hint'];
    expect(exerciseHash(ex)).toBe(before);
    specOf(mod, 'code', 'code').hiddenTests += "test('more', () => expect(1).toBe(1));\n";
    expect(exerciseHash(ex)).not.toBe(before);
  });
});

describe('export → load round trip keeps the content hash', () => {
  test('for the sample module', async () => {
    const mod = sampleModule();
    const dir = folder();
    await exportModule(mod, dir);
    expect(contentHash(await loadModule(dir))).toBe(contentHash(mod));
  });

  test('for every module in packages/content/modules', async () => {
    const names = (await readdir(DEMO_MODULES_DIR, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const mod = await loadModule(path.join(DEMO_MODULES_DIR, name));
      const dir = folder();
      await exportModule(mod, dir);
      expect(contentHash(await loadModule(dir)), name).toBe(contentHash(mod));
    }
    // Four real modules, hundreds of files: slow on a busy machine.
  }, 60_000);

  test('a deck of more than 20 cards is written as a CSV deck file and read back equal', async () => {
    const mod = sampleModule();
    const spec = specOf(mod, 'vocabulary', 'vocabulary') as VocabularySpec;
    spec.cards = Array.from({ length: 25 }, (_, i) => ({
      id: `c${i}`,
      term: i === 3 ? 'pull request' : `term ${i}`,
      gloss: i === 4 ? 'demande de fusion, "PR"' : `glose ${i}; française`,
      example: `Example ${i}, with a comma.`,
      ...(i % 2 === 0 ? { tags: ['git', 'team work'] } : {}),
      ...(i % 3 === 0 ? { audio: `term ${i}` } : {}),
    }));
    const dir = folder();
    const files = await exportModule(mod, dir);
    expect(files).toContain('decks/vocabulary.csv');
    const json = JSON.parse(await readFile(path.join(dir, 'module.json'), 'utf8')) as {
      exercises: { slug: string; spec: unknown }[];
    };
    expect(json.exercises.find((e) => e.slug === 'vocabulary')?.spec).toEqual({
      deckFile: 'decks/vocabulary.csv',
    });
    const csv = await readFile(path.join(dir, 'decks/vocabulary.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('id,term,gloss,example,tags,audio');
    const loaded = await loadModule(dir);
    expect(loaded).toEqual(mod);
    expect(contentHash(loaded)).toBe(contentHash(mod));
  });
});
