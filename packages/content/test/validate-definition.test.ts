// validateDefinition: what the studio runs on a draft stored in the database (no folder): the rules, the
// texts and the sandbox, messages in the reader's language.
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { validateDefinition } from '../src/index.ts';
import { sampleModule, specOf } from './sample-module.ts';

let pool: GraderPool;
beforeAll(() => {
  pool = createGraderPool({ size: 1 });
});
afterAll(async () => {
  await pool.close();
});

describe('validateDefinition', () => {
  test('the sample module is valid, sandbox included', async () => {
    expect(await validateDefinition(sampleModule(), { pool })).toEqual([]);
  }, 60_000);

  test('rules, texts, links and the sandbox, all at once, in French or English, lines within the texts', async () => {
    const mod = sampleModule();
    specOf(mod, 'choice', 'choice').options.forEach((o) => (o.correct = false));
    mod.lessons[0]!.body = '# First\n\nSee [the second lesson](lesson:nowhere).\n';
    mod.exercises[1]!.en.prompt = ' ';
    specOf(mod, 'code', 'code').hiddenTests =
      "import { double } from './double';\ntest('exists', () => expect(typeof double).toBe('function'));\n";
    const en = await validateDefinition(mod, { pool, lang: 'en' });
    expect(en.map((p) => [p.path, p.line, p.message])).toEqual([
      ['exercises[1].spec.options', undefined, 'at least one correct option'],
      ['exercises[1].en.prompt', undefined, 'is empty: write the text or remove the key'],
      ['lessons[0].body', 3, 'link to "lesson:nowhere": no such lesson in this module'],
      [
        'exercises[0].spec.hiddenTests',
        undefined,
        'The hidden tests pass with an empty solution (every export stubbed to return nothing): they check nothing the student writes.',
      ],
    ]);
    const fr = await validateDefinition(mod, { pool, lang: 'fr' });
    expect(fr[0]!.message).toBe('au moins une option correcte');
    expect(fr[2]!.message).toBe('lien vers « lesson:nowhere » : aucune leçon de ce nom dans le module');
  }, 60_000);
});
