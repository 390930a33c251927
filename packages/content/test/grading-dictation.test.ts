import { describe, expect, test } from 'vitest';
import type { DictationSpec } from '../src/index.ts';
import { alignWords } from '../src/grading/dictation.ts';
import { graded } from './shown.ts';
import { dictationSpec } from './sample-module.ts';

// Text: "Run the tests, then deploy the application." (7 words)
const grade = (text: string, spec: DictationSpec = dictationSpec(), locale: 'fr' | 'en' = 'fr') =>
  graded(spec, { kind: 'dictation', text }, { locale });

describe('dictation', () => {
  test('case and punctuation do not count', () => {
    const { score, result } = grade('run the TESTS then deploy the application');
    expect(score).toBe(1);
    expect(result.status).toBe('pass');
    expect(result.items).toHaveLength(7);
  });

  test('a missing word is marked missing and does not shift the words after it', () => {
    const { score, result } = grade('Run the tests, deploy the application.');
    expect(score).toBeCloseTo(6 / 7, 4);
    expect(result.status).toBe('partial');
    expect(result.items.map((i) => i.status)).toEqual([
      'correct',
      'correct',
      'correct',
      'missing',
      'correct',
      'correct',
      'correct',
    ]);
    expect(result.items[3]).toEqual({ id: '3', status: 'missing', expected: 'then' });
  });

  test('an extra word is reported, and the text words stay aligned', () => {
    const { score, result } = grade('Run all the tests, then deploy the application.', dictationSpec(), 'en');
    expect(score).toBe(1);
    expect(result.items.every((i) => i.status === 'correct')).toBe(true);
    expect(result.feedback).toBe('Correct words: 7 of 7. Extra words: 1.');
  });

  test('a misspelt word within tolerance is accepted; a wrong word says what was typed', () => {
    const { score, result } = grade('Run the tets, then deploy a aplication.');
    expect(score).toBeCloseTo(6 / 7, 4);
    expect(result.items[2]).toEqual({
      id: '2',
      status: 'accepted-typo',
      message: "Accepté, attention à l'orthographe : tests",
      expected: 'tests',
    });
    expect(result.items[5]).toEqual({
      id: '5',
      status: 'wrong',
      message: 'Vous avez écrit « a ».',
      expected: 'the',
    });
    expect(result.items[6]!.status).toBe('accepted-typo');
  });

  test('typo tolerance 0 makes every word exact', () => {
    const { result } = grade('Run the tets then deploy the application', {
      ...dictationSpec(),
      typoTolerance: 0,
    });
    expect(result.items[2]!.status).toBe('wrong');
  });

  test('an empty answer: every word missing, fail', () => {
    const { score, result } = grade('   ');
    expect(score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.items.every((i) => i.status === 'missing')).toBe(true);
  });

  test('alignWords pairs words despite a missing and an extra word', () => {
    const { words, extra } = alignWords(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'x', 'd', 'e']);
    expect(words.map((w) => w.status)).toEqual(['correct', 'missing', 'correct', 'correct', 'correct']);
    expect(extra).toEqual(['x']);
  });
});
