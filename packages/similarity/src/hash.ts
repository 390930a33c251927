/**
 * Hashes that are stored (PostgreSQL holds the fingerprints), so they depend only on the normalised
 * token texts and these functions, never on TypeScript's internal token numbers or on the process.
 */

const tokenHashes = new Map<string, number>();

/** FNV-1a of a token's normalised text, as a 32-bit unsigned int. */
export function tokenHash(text: string): number {
  let hash = tokenHashes.get(text);
  if (hash !== undefined) return hash;
  hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash >>>= 0;
  tokenHashes.set(text, hash);
  return hash;
}

/** Murmur3's finaliser: spreads a polynomial hash's bits so that window minima are unbiased. */
export function mix(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const BASE = 0x01000193;

/** The hashes of every run of `k` consecutive token hashes (a rolling polynomial hash, mod 2^32). */
export function kgramHashes(tokens: Uint32Array, k: number): Uint32Array {
  const count = tokens.length - k + 1;
  if (count <= 0) return new Uint32Array(0);
  let top = 1; // BASE^(k-1)
  for (let i = 1; i < k; i += 1) top = Math.imul(top, BASE);
  const out = new Uint32Array(count);
  let h = 0;
  for (let i = 0; i < k; i += 1) h = (Math.imul(h, BASE) + tokens[i]!) | 0;
  out[0] = mix(h);
  for (let i = 1; i < count; i += 1) {
    h = (Math.imul((h - Math.imul(tokens[i - 1]!, top)) | 0, BASE) + tokens[i + k - 1]!) | 0;
    out[i] = mix(h);
  }
  return out;
}
