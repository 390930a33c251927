import { describe, expect, it } from 'vitest';
import { countWords, wordCountStatus } from './words.ts';

describe('countWords', () => {
  it('counts words as a reader does', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n\t ')).toBe(0);
    expect(countWords('Fix crash when the cart is empty')).toBe(7);
    expect(countWords('  Fix   crash\nwhen\tempty  ')).toBe(4);
  });

  it('keeps contractions, hyphenated words and numbers whole', () => {
    expect(countWords("Don't merge well-known bugs in v2.5")).toBe(6);
    expect(countWords('It’s the sign-up form.')).toBe(4);
    expect(countWords('e-mail 3.14 42')).toBe(3);
  });

  it('does not count punctuation, dashes or symbols', () => {
    expect(countWords('Fix — crash ! ... ; 👍 - #')).toBe(2);
    expect(countWords('(empty) "password", [form]')).toBe(3);
  });

  it('counts accented and non-Latin letters', () => {
    expect(countWords('Élève déjà là')).toBe(3);
  });
});

describe('wordCountStatus', () => {
  it('compares with the limits', () => {
    expect(wordCountStatus(0, 4, 40)).toBe('empty');
    expect(wordCountStatus(3, 4, 40)).toBe('tooShort');
    expect(wordCountStatus(4, 4, 40)).toBe('ok');
    expect(wordCountStatus(40, 4, 40)).toBe('ok');
    expect(wordCountStatus(41, 4, 40)).toBe('tooLong');
    expect(wordCountStatus(500, 0, 0)).toBe('ok');
  });
});
