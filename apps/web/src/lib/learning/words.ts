/**
 * Word counting for writing tasks, the way a reader counts: "don't", "well-known", "e-mail" and
 * "3.5" are one word each; punctuation, emoji and stray dashes are not words.
 */

const WORD = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0;
}

export type WordCountStatus = 'empty' | 'tooShort' | 'ok' | 'tooLong';

export function wordCountStatus(count: number, minWords: number, maxWords: number): WordCountStatus {
  if (count === 0) return 'empty';
  if (count < minWords) return 'tooShort';
  if (maxWords > 0 && count > maxWords) return 'tooLong';
  return 'ok';
}
