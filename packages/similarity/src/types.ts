export type SimilarityLanguage = 'javascript' | 'typescript';

/** Lines of a submission, 1-based, inclusive. */
export interface Span {
  startLine: number;
  endLine: number;
}

/** One winnowed k-gram: its hash (a 32-bit unsigned int) and the lines it covers. */
export interface Fingerprint {
  hash: number;
  span: Span;
}

/** k: tokens per k-gram; window: k-grams per winnowing window. */
export interface SimilarityOptions {
  kgram: number;
  window: number;
}
