import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, SimilarityIndex, compare, fingerprint, ignoredHashes } from '../src/index.ts';

const ORIGINAL = `// Statistiques d'une liste de notes
export function average(notes) {
  if (notes.length === 0) return 0;
  let total = 0;
  for (let i = 0; i < notes.length; i++) {
    total += notes[i];
  }
  return total / notes.length;
}

export function best(notes) {
  let max = -Infinity;
  for (const note of notes) {
    if (note > max) {
      max = note;
    }
  }
  return max;
}

export function passing(notes, threshold = 10) {
  let count = 0;
  for (const note of notes) {
    if (note >= threshold) count++;
  }
  return count;
}
`;

// The same code renamed, with the functions in another order, other comments and another layout.
const DISGUISED = `export function combienOntLaMoyenne(tab, seuil = 10) {
    /* on compte */
    let nb = 0
    for (const x of tab) {
        if (x >= seuil) nb++
    }
    return nb
}

/**
 * La plus grande valeur.
 */
export function plusGrande(tab) {
    let m = -Infinity
    for (const x of tab) {
        if (x > m) {
            m = x
        }
    }
    return m
}

export function moyenne(tab) {
    if (tab.length === 0) return 0 // tableau vide
    let s = 0
    for (let k = 0; k < tab.length; k++) {
        s += tab[k]
    }
    return s / tab.length
}
`;

/** The lines of the function of `text` whose header contains `header`, to its closing brace. */
function lines(text: string, header: string): { startLine: number; endLine: number } {
  const all = text.split('\n');
  const start = all.findIndex((line) => line.includes(header));
  const end = all.findIndex((line, i) => i > start && line === '}');
  return { startLine: start + 1, endLine: end + 1 };
}

describe('compare', () => {
  it('finds a renamed, reordered and recommented copy, with the regions where each function went', () => {
    const result = compare(fingerprint(ORIGINAL, 'javascript'), fingerprint(DISGUISED, 'javascript'));
    // Only the k-grams that span two functions are lost to the new order: in functions this short,
    // about a quarter of them.
    expect(result.score).toBeGreaterThan(0.75);
    expect(result.score).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(result.shared).toBeGreaterThan(10);
    const functions: Array<[string, string]> = [
      ['function average', 'function moyenne'],
      ['function best', 'function plusGrande'],
      ['function passing', 'function combienOntLaMoyenne'],
    ];
    expect(result.regions).toHaveLength(3);
    for (const [left, right] of functions) {
      const l = lines(ORIGINAL, left);
      const r = lines(DISGUISED, right);
      // Each function is one region, from its header to (near) its closing brace on both sides; a
      // k-gram that runs into the next function's header may carry a region a line or two past it.
      const region = result.regions.find((g) => Math.abs(g.left.startLine - l.startLine) <= 1);
      expect(region, left).toBeDefined();
      expect(Math.abs(region!.right.startLine - r.startLine), right).toBeLessThanOrEqual(1);
      expect(region!.left.endLine).toBeGreaterThanOrEqual(l.endLine - 2);
      expect(region!.right.endLine).toBeGreaterThanOrEqual(r.endLine - 2);
      expect(region!.right.endLine).toBeLessThanOrEqual(r.endLine + 3);
    }
  });

  it('scores a submission against itself 1, against nothing 0, and removes ignored hashes first', () => {
    const prints = fingerprint(ORIGINAL, 'javascript');
    expect(compare(prints, prints).score).toBe(1);
    expect(compare(prints, []).score).toBe(0);
    expect(compare([], []).score).toBe(0);
    const all = new Set(prints.map((p) => p.hash));
    expect(compare(prints, prints, all)).toEqual({ score: 0, shared: 0, regions: [] });
  });

  it('counts Dolos similarity: shared fingerprints of both sides over all of both', () => {
    const span = { startLine: 1, endLine: 1 };
    const a = [1, 2, 3, 4].map((hash) => ({ hash, span }));
    const b = [3, 4, 5, 6, 7, 8].map((hash) => ({ hash, span }));
    expect(compare(a, b).score).toBeCloseTo((2 + 2) / (4 + 6));
    expect(compare(a, b).shared).toBe(2);
    expect(compare(a, b, new Set([3])).score).toBeCloseTo((1 + 1) / (3 + 5));
  });
});

// One short exercise: the sum of an array. Starter and reference are ignored.
const STARTER = `export function sum(numbers) {
  // Write your code here
}
`;
const REFERENCE = `export function sum(numbers) {
  let total = 0;
  for (const n of numbers) {
    total += n;
  }
  return total;
}
`;
const INDEPENDENT = [
  `export function sum(numbers) {
  let total = 0;
  for (let i = 0; i < numbers.length; i++) {
    total += numbers[i];
  }
  return total;
}`,
  `export function sum(list) {
  let s = 0;
  for (const value of list) s = s + value;
  return s;
}`,
  `export const sum = (xs) => xs.reduce((acc, x) => acc + x, 0);`,
  `export function sum(arr) {
  let result = 0;
  let index = 0;
  while (index < arr.length) {
    result += arr[index];
    index += 1;
  }
  return result;
}`,
  `export function sum(values) {
  if (values.length === 0) return 0;
  return values[0] + sum(values.slice(1));
}`,
  `export function sum(t) {
  let acc = 0;
  t.forEach((x) => {
    acc += x;
  });
  return acc;
}`,
  `export function sum(nums) {
  let total = 0;
  for (const i in nums) {
    total += nums[i];
  }
  return total;
}`,
  `export function sum(a) {
  return a.length ? a.pop() + sum(a) : 0;
}`,
];

describe('common code', () => {
  const ignored = ignoredHashes([STARTER, REFERENCE], 'javascript');

  it('does not flag independent solutions of a short exercise at the default threshold', () => {
    const index = new SimilarityIndex({ ignored });
    INDEPENDENT.forEach((code, i) => index.add(`s${i}`, `learner-${i}`, fingerprint(code, 'javascript')));
    expect(index.pairs(DEFAULT_THRESHOLD)).toEqual([]);
    for (const [i, code] of INDEPENDENT.entries()) {
      expect(
        index.query(fingerprint(code, 'javascript'), {
          excludeOwner: `learner-${i}`,
          threshold: DEFAULT_THRESHOLD,
        }),
      ).toEqual([]);
    }
  });

  it('does not flag two learners who submit the starter, or the reference solution, as it is', () => {
    const index = new SimilarityIndex({ ignored });
    index.add('a', 'learner-a', fingerprint(STARTER, 'javascript'));
    index.add('b', 'learner-b', fingerprint(STARTER.replace('numbers', 'xs'), 'javascript'));
    index.add('c', 'learner-c', fingerprint(REFERENCE, 'javascript'));
    index.add('d', 'learner-d', fingerprint(REFERENCE.replaceAll('total', 't'), 'javascript'));
    expect(index.pairs(0)).toEqual([]);
    // Without the exercise's own code ignored, the same four are pairs.
    const naive = new SimilarityIndex({ minShared: 1 });
    for (const id of ['a', 'b', 'c', 'd']) {
      const code = id < 'c' ? STARTER : REFERENCE;
      naive.add(id, `learner-${id}`, fingerprint(code, 'javascript', { kgram: 5 }));
    }
    expect(naive.pairs(DEFAULT_THRESHOLD).length).toBeGreaterThan(0);
  });

  it('still flags a copy of a longer independent solution to the same exercise', () => {
    const index = new SimilarityIndex({ ignored });
    INDEPENDENT.forEach((code, i) => index.add(`s${i}`, `learner-${i}`, fingerprint(code, 'javascript')));
    const copy = INDEPENDENT[3]!.replaceAll('result', 'r').replaceAll('index', 'j');
    const found = index.query(fingerprint(copy, 'javascript'), {
      excludeOwner: 'copier',
      threshold: DEFAULT_THRESHOLD,
    });
    expect(found.map((c) => c.id)).toEqual(['s3']);
    expect(found[0]!.score).toBe(1);
  });

  it('ignores a hash present in more than the maximum share of the entries', () => {
    const shared = `function helper(x) { return x.map((y) => y * 2).filter((y) => y > 3).join(', '); }`;
    const index = new SimilarityIndex({ maxEntryShare: 0.5, minCommonEntries: 2, minShared: 1 });
    for (let i = 0; i < 4; i += 1) index.add(`s${i}`, `l${i}`, fingerprint(shared, 'javascript'));
    expect(index.pairs(0)).toEqual([]);
    const common = index.ignoredHashes();
    expect(fingerprint(shared, 'javascript').every((p) => common.has(p.hash))).toBe(true);
    // Back under the limit once entries go.
    index.remove('s0');
    index.remove('s1');
    expect(index.pairs(DEFAULT_THRESHOLD).map((p) => [p.a, p.b])).toEqual([['s2', 's3']]);
  });
});
