// Text helpers shared by validation, public views and grading: gaps, words, edit distance, typo tolerance.
import type { TypoTolerance } from './schema.ts';

/** A gap in a cloze text: `[[id]]`. */
export const GAP_PATTERN = /\[\[([A-Za-z0-9_-]+)\]\]/g;

/** Splits a cloze text into text and gap segments, in order. */
export function splitCloze(text: string): ({ type: 'text'; text: string } | { type: 'gap'; id: string })[] {
  const out: ({ type: 'text'; text: string } | { type: 'gap'; id: string })[] = [];
  let last = 0;
  for (const m of text.matchAll(GAP_PATTERN)) {
    if (m.index > last) out.push({ type: 'text', text: text.slice(last, m.index) });
    out.push({ type: 'gap', id: m[1]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}

/** Words: runs of letters or digits, joined by inner apostrophes ("don't" is one word, "e-mail" two). */
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The words of a text, as written. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(WORD) ?? [];
}

/** A word or short answer as compared: NFC, trimmed, single spaces, straight apostrophes, lower case unless asked. */
export function normalizeAnswer(value: string, caseSensitive = false): string {
  const v = value.normalize('NFC').replace(/[’‘`]/g, "'").replace(/\s+/g, ' ').trim();
  return caseSensitive ? v : v.toLocaleLowerCase('en');
}

/** A dictation word as compared: lower case, apostrophes dropped ("don't" and "dont" are the same word). */
export function normalizeWord(word: string): string {
  return word.normalize('NFC').toLocaleLowerCase('en').replace(/['’]/g, '');
}

/** Number of letters and digits, the length the typo tolerance depends on. */
export function letterCount(value: string): number {
  return (value.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

/** Edit distance allowed for an expected answer: 'auto' is 0 below 4 letters, 1 from 4 to 9, 2 from 10. */
export function allowedTypos(expected: string, tolerance: TypoTolerance = 'auto'): number {
  if (tolerance !== 'auto') return tolerance;
  const n = letterCount(expected);
  if (n < 4) return 0;
  return n <= 9 ? 1 : 2;
}

/**
 * Damerau–Levenshtein distance (optimal string alignment: a swap of two neighbours counts as one typo),
 * by code points; stops early once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const s = [...a];
  const t = [...b];
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, prev2[j - 2]! + 1);
      cur.push(d);
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[t.length]!;
}
