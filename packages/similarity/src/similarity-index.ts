import type { Fingerprint } from './types.ts';

/** Score at or above which two submissions are reported. */
export const DEFAULT_THRESHOLD = 0.65;
/** Fewest distinct shared fingerprints for a pair to be reported: two short solutions share a few by chance. */
export const DEFAULT_MIN_SHARED = 4;
/** A hash found in more than this share of an exercise's entries is common code and ignored (MOSS's -m). */
export const DEFAULT_MAX_ENTRY_SHARE = 0.1;
/** ...but only once it is in more than this many entries, so that a small class still compares. */
export const DEFAULT_MIN_COMMON_ENTRIES = 10;

export interface SimilarityIndexOptions {
  /** Hashes never counted (the exercise's starter and reference: `ignoredHashes`). */
  ignored?: Set<number>;
  maxEntryShare?: number;
  minCommonEntries?: number;
  minShared?: number;
}

export interface Candidate {
  id: string;
  owner: string;
  score: number;
  shared: number;
}

interface Entry {
  id: string;
  owner: string;
  /** Distinct hashes (ignored ones removed), ascending, and how often each occurs. */
  hashes: number[];
  counts: number[];
  /** Fingerprints counted in scores: all but the ignored and the currently common ones. */
  counted: number;
}

interface Posting {
  slots: number[];
  counts: number[];
  common: boolean;
}

/** The inverted index for one exercise: hash -> postings. */
export class SimilarityIndex {
  readonly #ignored: Set<number>;
  readonly #maxEntryShare: number;
  readonly #minCommonEntries: number;
  readonly #minShared: number;
  readonly #entries: Array<Entry | undefined> = [];
  readonly #free: number[] = [];
  readonly #slots = new Map<string, number>();
  readonly #postings = new Map<number, Posting>();
  /** The common-code limit the postings' `common` flags were computed for; -1 when they are stale. */
  #limit = -1;
  // Per-slot accumulators of a query, reused (cleared through `touched`).
  #sharedQuery = new Int32Array(0);
  #sharedEntry = new Int32Array(0);
  #distinct = new Int32Array(0);

  constructor(options: SimilarityIndexOptions = {}) {
    this.#ignored = options.ignored ?? new Set();
    this.#maxEntryShare = options.maxEntryShare ?? DEFAULT_MAX_ENTRY_SHARE;
    this.#minCommonEntries = options.minCommonEntries ?? DEFAULT_MIN_COMMON_ENTRIES;
    this.#minShared = options.minShared ?? DEFAULT_MIN_SHARED;
  }

  get size(): number {
    return this.#slots.size;
  }

  /** Adds (or replaces) a submission's fingerprints. */
  add(id: string, owner: string, fingerprints: Fingerprint[]): void {
    if (this.#slots.has(id)) this.remove(id);
    const { hashes, counts } = this.#distinctCounts(fingerprints);
    const entry: Entry = { id, owner, hashes, counts, counted: 0 };
    const slot = this.#free.pop() ?? this.#entries.length;
    this.#entries[slot] = entry;
    this.#slots.set(id, slot);
    for (let i = 0; i < hashes.length; i += 1) {
      const hash = hashes[i]!;
      let posting = this.#postings.get(hash);
      if (posting === undefined) {
        posting = { slots: [], counts: [], common: false };
        this.#postings.set(hash, posting);
      }
      posting.slots.push(slot);
      posting.counts.push(counts[i]!);
      if (!posting.common) entry.counted += counts[i]!;
      if (posting.slots.length > this.#limit !== posting.common) this.#limit = -1;
    }
    if (this.#commonLimit() !== this.#limit) this.#limit = -1;
  }

  /** Removes a submission; unknown ids are ignored. */
  remove(id: string): void {
    const slot = this.#slots.get(id);
    if (slot === undefined) return;
    const entry = this.#entries[slot]!;
    for (const hash of entry.hashes) {
      const posting = this.#postings.get(hash)!;
      const at = posting.slots.indexOf(slot);
      posting.slots[at] = posting.slots[posting.slots.length - 1]!;
      posting.counts[at] = posting.counts[posting.counts.length - 1]!;
      posting.slots.pop();
      posting.counts.pop();
      if (posting.slots.length === 0) this.#postings.delete(hash);
      else if (posting.slots.length > this.#limit !== posting.common) this.#limit = -1;
    }
    this.#entries[slot] = undefined;
    this.#free.push(slot);
    this.#slots.delete(id);
    if (this.#commonLimit() !== this.#limit) this.#limit = -1;
  }

  /** Hashes ignored right now: the given ones and those in too many entries. */
  ignoredHashes(): Set<number> {
    this.#sync();
    const all = new Set(this.#ignored);
    for (const [hash, posting] of this.#postings) if (posting.common) all.add(hash);
    return all;
  }

  /** Candidates sharing fingerprints with `fingerprints`, owner excluded, best first, with score. */
  query(
    fingerprints: Fingerprint[],
    options: { excludeOwner: string; threshold: number; limit?: number },
  ): Candidate[] {
    this.#sync();
    const { hashes, counts } = this.#distinctCounts(fingerprints);
    let counted = 0;
    const postings: Array<[Posting, number]> = [];
    for (let i = 0; i < hashes.length; i += 1) {
      const posting = this.#postings.get(hashes[i]!);
      if (posting?.common === true) continue;
      counted += counts[i]!;
      if (posting !== undefined) postings.push([posting, counts[i]!]);
    }
    const found: Candidate[] = [];
    this.#accumulate(postings, undefined, (slot, sharedQuery, sharedEntry, distinct) => {
      const entry = this.#entries[slot]!;
      if (entry.owner === options.excludeOwner || distinct < this.#minShared) return;
      const score = (sharedQuery + sharedEntry) / (counted + entry.counted);
      if (score >= options.threshold)
        found.push({ id: entry.id, owner: entry.owner, score, shared: distinct });
    });
    found.sort(byScore);
    return options.limit === undefined ? found : found.slice(0, options.limit);
  }

  /** Every pair of different owners at or above threshold (the full re-scan). */
  pairs(threshold: number): Array<{ a: string; b: string; score: number; shared: number }> {
    this.#sync();
    const found: Array<{ a: string; b: string; score: number; shared: number }> = [];
    const entries = this.#entries;
    const report = (x: Entry, y: Entry, shared: number, sharedX: number, sharedY: number): void => {
      if (x.owner === y.owner || shared < this.#minShared) return;
      const score = (sharedX + sharedY) / (x.counted + y.counted);
      if (score >= threshold) found.push({ a: x.id, b: y.id, score, shared });
    };
    // Walking every posting costs the sum of the squares of their lengths, which the long postings of
    // an exercise's idioms dominate. So the postings longer than `frequent` are not walked, except by
    // "heavy" entries (at least `threshold` of their fingerprints in such postings). Two other entries
    // sharing no shorter posting score at most (frequent of X + frequent of Y) / (X + Y) < threshold:
    // every pair at or above the threshold shares a short posting or has a heavy side, and is found.
    const { frequent, heavy, frequentMass } = this.#frequentSplit(threshold);
    entries.forEach((entry, slot) => {
      if (entry === undefined) return;
      const isHeavy = heavy[slot] === 1;
      const walked: Array<[Posting, number]> = [];
      const skipped: Array<[number, number]> = [];
      for (let i = 0; i < entry.hashes.length; i += 1) {
        const posting = this.#postings.get(entry.hashes[i]!)!;
        if (posting.common || posting.slots.length === 1) continue;
        if (isHeavy || posting.slots.length <= frequent) walked.push([posting, entry.counts[i]!]);
        else skipped.push([entry.hashes[i]!, entry.counts[i]!]);
      }
      // A heavy entry finds all its pairs (with a heavy partner, from the lower slot); a light one its
      // pairs with light partners of higher slots.
      const accept = isHeavy
        ? (other: number) => heavy[other] === 0 || other > slot
        : (other: number) => heavy[other] === 0 && other > slot;
      this.#accumulate(walked, accept, (other, sharedEntry, sharedOther, distinct) => {
        const candidate = entries[other]!;
        if (skipped.length > 0) {
          // Most candidates share a posting or two by chance: stop unless the skipped postings could
          // still lift them to the threshold.
          const most = sharedEntry + frequentMass[slot]! + sharedOther + frequentMass[other]!;
          if (most < threshold * (entry.counted + candidate.counted)) return;
          for (const [hash, count] of skipped) {
            const at = search(candidate.hashes, hash);
            if (at < 0) continue;
            sharedEntry += count;
            sharedOther += candidate.counts[at]!;
            distinct += 1;
          }
        }
        report(entry, candidate, distinct, sharedEntry, sharedOther);
      });
    });
    return found.sort((x, y) => y.score - x.score || y.shared - x.shared || x.a.localeCompare(y.a));
  }

  /**
   * The posting length above which postings are not walked in a re-scan: the smallest power of two
   * that leaves at most 5 % of the entries heavy; with the entries that are heavy and each entry's
   * mass in longer postings.
   */
  #frequentSplit(threshold: number): { frequent: number; heavy: Uint8Array; frequentMass: Float64Array } {
    const entries = this.#entries;
    const heavy = new Uint8Array(entries.length);
    const frequentMass = new Float64Array(entries.length);
    const lengths = entries.map((entry) =>
      entry === undefined ? [] : entry.hashes.map((hash) => this.#postings.get(hash)!),
    );
    let frequent = 16;
    for (; ; frequent *= 2) {
      let heavyCount = 0;
      heavy.fill(0);
      entries.forEach((entry, slot) => {
        if (entry === undefined) return;
        let mass = 0;
        lengths[slot]!.forEach((posting, i) => {
          if (!posting.common && posting.slots.length > frequent) mass += entry.counts[i]!;
        });
        frequentMass[slot] = mass;
        if (mass >= threshold * entry.counted) {
          heavy[slot] = 1;
          heavyCount += 1;
        }
      });
      if (heavyCount <= 0.05 * this.size || frequent > this.size) break;
    }
    return { frequent, heavy, frequentMass };
  }

  #reserve(): void {
    if (this.#distinct.length >= this.#entries.length) return;
    const length = Math.max(this.#entries.length, this.#distinct.length * 2, 64);
    this.#sharedQuery = new Int32Array(length);
    this.#sharedEntry = new Int32Array(length);
    this.#distinct = new Int32Array(length);
  }

  /** Sums, per entry found in `postings` and accepted, the shared fingerprints of both sides. */
  #accumulate(
    postings: Array<[Posting, number]>,
    accept: ((slot: number) => boolean) | undefined,
    visit: (slot: number, sharedQuery: number, sharedEntry: number, distinct: number) => void,
  ): void {
    this.#reserve();
    const sharedQuery = this.#sharedQuery;
    const sharedEntry = this.#sharedEntry;
    const distinct = this.#distinct;
    const touched: number[] = [];
    for (const [posting, count] of postings) {
      const { slots, counts } = posting;
      for (let i = 0; i < slots.length; i += 1) {
        const slot = slots[i]!;
        if (distinct[slot] === 0) {
          if (accept !== undefined && !accept(slot)) continue;
          touched.push(slot);
        }
        distinct[slot] = distinct[slot]! + 1;
        sharedQuery[slot] = sharedQuery[slot]! + count;
        sharedEntry[slot] = sharedEntry[slot]! + counts[i]!;
      }
    }
    for (const slot of touched) {
      visit(slot, sharedQuery[slot]!, sharedEntry[slot]!, distinct[slot]!);
      sharedQuery[slot] = 0;
      sharedEntry[slot] = 0;
      distinct[slot] = 0;
    }
  }

  #commonLimit(): number {
    return Math.max(this.#minCommonEntries, Math.floor(this.#maxEntryShare * this.size));
  }

  /** Brings the postings' `common` flags, and the entries' counted totals, up to date with the index's size. */
  #sync(): void {
    const limit = this.#commonLimit();
    if (limit === this.#limit) return;
    for (const posting of this.#postings.values()) {
      const common = posting.slots.length > limit;
      if (common === posting.common) continue;
      posting.common = common;
      for (let i = 0; i < posting.slots.length; i += 1) {
        this.#entries[posting.slots[i]!]!.counted += common ? -posting.counts[i]! : posting.counts[i]!;
      }
    }
    this.#limit = limit;
  }

  #distinctCounts(fingerprints: Fingerprint[]): { hashes: number[]; counts: number[] } {
    const byHash = new Map<number, number>();
    for (const { hash } of fingerprints) {
      if (!this.#ignored.has(hash)) byHash.set(hash, (byHash.get(hash) ?? 0) + 1);
    }
    const hashes = [...byHash.keys()].sort((x, y) => x - y);
    return { hashes, counts: hashes.map((hash) => byHash.get(hash)!) };
  }
}

/** The index of `hash` in the ascending `hashes`, or -1. */
function search(hashes: number[], hash: number): number {
  let low = 0;
  let high = hashes.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = hashes[middle]!;
    if (value === hash) return middle;
    if (value < hash) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function byScore(x: Candidate, y: Candidate): number {
  return y.score - x.score || y.shared - x.shared || x.id.localeCompare(y.id);
}
