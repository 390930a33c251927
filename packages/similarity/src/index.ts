export type { Fingerprint, SimilarityLanguage, SimilarityOptions, Span } from './types.ts';
export { DEFAULT_OPTIONS, FINGERPRINT_VERSION, fingerprint, ignoredHashes } from './fingerprint.ts';
export { compare, type Comparison, type Region } from './compare.ts';
export { tokenize, type Token } from './tokenize.ts';
export {
  DEFAULT_MAX_ENTRY_SHARE,
  DEFAULT_MIN_COMMON_ENTRIES,
  DEFAULT_MIN_SHARED,
  DEFAULT_THRESHOLD,
  SimilarityIndex,
  type Candidate,
  type SimilarityIndexOptions,
} from './similarity-index.ts';
