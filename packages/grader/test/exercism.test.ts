import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { expectFixture, gradeWith, loadFixture, usePool } from './helpers.ts';

// Exercism-style test files graded as written: imports from '@jest/globals' or 'vitest', the solution as
// './slug' or './slug.ts', fake timers, expect.extend, inline snapshots and toThrow. One folder per outcome.
const root = new URL('./fixtures/exercism/', import.meta.url);
const fixtures = readdirSync(root).sort();

const pool = usePool(2);

describe('Exercism-style test files', () => {
  test('fixtures cover passing and failing outcomes', () => {
    expect(fixtures.filter((f) => f.startsWith('pass-')).length).toBeGreaterThanOrEqual(5);
    expect(fixtures.filter((f) => f.startsWith('fail-')).length).toBeGreaterThanOrEqual(4);
  });

  test.each(fixtures)('%s', async (name) => {
    const { expected, ...submission } = loadFixture(root, name);
    const result = await gradeWith(pool(), submission);
    expectFixture(result, expected);
    if (name.startsWith('pass-')) expect(result.tests.length).toBeGreaterThan(0);
  });
});
