import { kgramHashes, tokenHash } from './hash.ts';
import { tokenize } from './tokenize.ts';
import type { Fingerprint, SimilarityLanguage, SimilarityOptions } from './types.ts';

/**
 * k = 16 normalised tokens (about two short statements: `for (let i = 0; i < a.length; i++)` is 14) and a
 * window of 4: any common run of k + window - 1 = 19 tokens is found, and about 2 / (window + 1) = 40 %
 * of the k-grams are kept. Shorter k-grams match independent solutions of short exercises on their
 * idioms; longer ones miss copies with a few edits. Chosen on the benchmark's planted copies and
 * independent solutions (docs/performance.md, "Code similarity").
 */
export const DEFAULT_OPTIONS: SimilarityOptions = Object.freeze({ kgram: 16, window: 4 });

/**
 * Bumped whenever the tokeniser's normalisation, the hashing or the defaults change: stored
 * fingerprints of another version must be recomputed, never compared.
 */
export const FINGERPRINT_VERSION = 1;

/** Tokenise (normalised), k-gram hash, winnow. Never throws on code that does not parse. */
export function fingerprint(
  code: string,
  language: SimilarityLanguage,
  options?: Partial<SimilarityOptions>,
): Fingerprint[] {
  const { kgram, window } = { ...DEFAULT_OPTIONS, ...options };
  if (!Number.isInteger(kgram) || kgram < 1 || !Number.isInteger(window) || window < 1) {
    throw new RangeError(`kgram and window must be positive integers (got ${kgram}, ${window})`);
  }
  const tokens = tokenize(code, language);
  const hashes = new Uint32Array(tokens.length);
  for (let i = 0; i < tokens.length; i += 1) hashes[i] = tokenHash(tokens[i]!.text);
  const grams = kgramHashes(hashes, kgram);
  const result: Fingerprint[] = [];
  const keep = (i: number): void => {
    result.push({
      hash: grams[i]!,
      span: { startLine: tokens[i]!.line, endLine: tokens[i + kgram - 1]!.line },
    });
  };
  if (grams.length === 0) return result;
  // Robust winnowing (Schleimer, Wilkerson, Aiken 2003): the minimum of each window, the rightmost on a
  // tie, recorded once however many windows it is the minimum of.
  const span = Math.min(window, grams.length);
  let chosen = -1;
  for (let start = 0; start + span <= grams.length; start += 1) {
    const entering = start + span - 1;
    if (chosen < start) {
      chosen = start;
      for (let i = start + 1; i <= entering; i += 1) if (grams[i]! <= grams[chosen]!) chosen = i;
      keep(chosen);
    } else if (grams[entering]! <= grams[chosen]!) {
      chosen = entering;
      keep(chosen);
    }
  }
  return result;
}

/** Hashes to ignore for an exercise: the starter's and the reference solution's fingerprints. */
export function ignoredHashes(
  sources: string[],
  language: SimilarityLanguage,
  options?: Partial<SimilarityOptions>,
): Set<number> {
  const ignored = new Set<number>();
  // Every k-gram, not only the winnowed ones: a learner's window may pick a k-gram the starter's skipped.
  for (const source of sources) {
    for (const print of fingerprint(source, language, { ...options, window: 1 })) ignored.add(print.hash);
  }
  return ignored;
}
