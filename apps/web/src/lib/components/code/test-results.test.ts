import { render } from 'svelte/server';
import { afterAll, describe, expect, it } from 'vitest';
import type { CodeResult } from '#lib/api/types.ts';
import { locale, setLocale } from '#lib/i18n/index.ts';
import TestResults from './TestResults.svelte';

const result: CodeResult = {
  kind: 'code',
  status: 'pass',
  passed: 1,
  total: 1,
  tests: [
    { name: 'adds', status: 'pass', hidden: false, durationMs: 1 },
    { name: 'turned off', status: 'skipped', hidden: false, durationMs: 0 },
    { name: 'later', status: 'todo', hidden: true, durationMs: 0 },
  ],
};

/** The rendered list items, one string per test. */
function items(): string[] {
  const { body } = render(TestResults, { props: { result, testid: 'results' } });
  return body.split('<li').slice(1);
}

describe('TestResults', () => {
  const initial = locale.current;
  afterAll(() => setLocale(initial));

  it.each([
    ['fr', 'Ignoré', 'À faire', /✗|Échoué/],
    ['en', 'Skipped', 'To do', /✗|Failed/],
  ] as const)(
    '%s: labels skipped and to-do tests in words, greyed, never as failures',
    (lang, skipped, todo, failure) => {
      setLocale(lang);
      const [, off, later] = items();
      expect(off).toMatch(/data-status="skipped"[^>]*data-graded="false"/);
      expect(off).toContain(`>${skipped}</span>`);
      expect(later).toMatch(/data-status="todo"[^>]*data-graded="false"/);
      expect(later).toContain(`>${todo}</span>`);
      for (const item of [off, later]) expect(item).not.toMatch(failure);
    },
  );
});
