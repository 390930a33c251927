import { describe, expect, it } from 'vitest';
import { generate } from '../bench/generate.ts';
import { SimilarityIndex, compare, fingerprint, type Fingerprint } from '../src/index.ts';

// 160 generated submissions to one exercise (with 16 disguised copies), some learners with two.
const submissions = generate(7, 160, 16).map((s, i) => ({ ...s, owner: `learner-${i % 150}` }));
const prints = new Map(submissions.map((s) => [s.id, fingerprint(s.code, 'javascript')]));

function build(minShared: number, maxEntryShare = 0.1): SimilarityIndex {
  const index = new SimilarityIndex({ minShared, maxEntryShare, minCommonEntries: 10 });
  for (const s of submissions) index.add(s.id, s.owner, prints.get(s.id)!);
  return index;
}

/** What the index must answer, computed with `compare` on every entry. */
function bruteForce(
  index: SimilarityIndex,
  query: Fingerprint[],
  owner: string,
  threshold: number,
  minShared: number,
  except?: string,
  ignored = index.ignoredHashes(),
): Array<{ id: string; score: number; shared: number }> {
  return submissions
    .filter((s) => s.owner !== owner && s.id !== except)
    .map((s) => ({ id: s.id, ...compare(query, prints.get(s.id)!, ignored) }))
    .filter((r) => r.shared >= minShared && r.score >= threshold)
    .map(({ id, score, shared }) => ({ id, score, shared }))
    .sort((x, y) => y.score - x.score || y.shared - x.shared || x.id.localeCompare(y.id));
}

describe('SimilarityIndex', { timeout: 60_000 }, () => {
  it('answers a query exactly as brute-force compare over every entry', () => {
    for (const minShared of [1, 4]) {
      const index = build(minShared);
      expect(index.ignoredHashes().size).toBeGreaterThan(0); // the exercise's idioms are common
      const ignored = index.ignoredHashes();
      const probes = [...generate(99, 15, 5), ...submissions.slice(0, 10)];
      for (const probe of probes) {
        const query = fingerprint(probe.code, 'javascript');
        for (const threshold of [0, 0.3, 0.65]) {
          const found = index
            .query(query, { excludeOwner: probe.owner, threshold })
            .map(({ id, score, shared }) => ({ id, score, shared }));
          const expected = bruteForce(index, query, probe.owner, threshold, minShared, undefined, ignored);
          expect(found.map((f) => f.id)).toEqual(expected.map((e) => e.id));
          found.forEach((f, i) => {
            expect(f.score).toBeCloseTo(expected[i]!.score, 12);
            expect(f.shared).toBe(expected[i]!.shared);
          });
        }
      }
    }
  });

  it('limits a query to the best candidates', () => {
    const index = build(1);
    const probe = submissions[0]!;
    const all = index.query(prints.get(probe.id)!, { excludeOwner: 'nobody', threshold: 0 });
    const top = index.query(prints.get(probe.id)!, { excludeOwner: 'nobody', threshold: 0, limit: 3 });
    expect(all.length).toBeGreaterThan(3);
    expect(top).toEqual(all.slice(0, 3));
    expect(top[0]).toMatchObject({ id: probe.id, score: 1 });
  });

  // A share of 0.6 keeps long postings that the re-scan does not walk (it completes candidates from them).
  it.each([0.1, 0.6])(
    'finds every pair at or above the threshold as brute force does (max share %s)',
    (share) => {
      const index = build(4, share);
      const key = (a: string, b: string): string => [a, b].sort().join('|');
      const ignored = index.ignoredHashes();
      const all: Array<[string, number, number]> = [];
      for (let i = 0; i < submissions.length; i += 1) {
        for (let j = i + 1; j < submissions.length; j += 1) {
          const [a, b] = [submissions[i]!, submissions[j]!];
          if (a.owner === b.owner) continue;
          const result = compare(prints.get(a.id)!, prints.get(b.id)!, ignored);
          all.push([key(a.id, b.id), result.score, result.shared]);
        }
      }
      for (const threshold of [0.4, 0.65, 0.9]) {
        const expected = new Map(
          all
            .filter(([, score, shared]) => shared >= 4 && score >= threshold)
            .map(([k, score]) => [k, score]),
        );
        const pairs = index.pairs(threshold);
        expect(new Map(pairs.map((p) => [key(p.a, p.b), p.score]))).toEqual(expected);
        expect(pairs.length).toBe(expected.size);
        const copies = submissions.filter((s) => s.copyOf !== undefined);
        if (threshold === 0.65 && share === 0.1) {
          for (const copy of copies)
            expect(expected.has(key(copy.id, copy.copyOf!)), copy.disguise).toBe(true);
        }
      }
    },
  );

  it('forgets a removed entry, and replaces an entry added again under its id', () => {
    const index = build(4);
    const copy = submissions.find((s) => s.copyOf !== undefined)!;
    const query = prints.get(copy.id)!;
    const before = index.query(query, { excludeOwner: copy.owner, threshold: 0.65 });
    expect(before.map((c) => c.id)).toContain(copy.copyOf);

    index.remove(copy.copyOf!);
    expect(index.size).toBe(submissions.length - 1);
    expect(index.query(query, { excludeOwner: copy.owner, threshold: 0.65 }).map((c) => c.id)).not.toContain(
      copy.copyOf,
    );
    expect(index.pairs(0.65).some((p) => p.a === copy.copyOf || p.b === copy.copyOf)).toBe(false);
    // Still exact after the removal.
    const found = index.query(query, { excludeOwner: copy.owner, threshold: 0.3 }).map((c) => c.id);
    expect(found).toEqual(bruteForce(index, query, copy.owner, 0.3, 4, copy.copyOf).map((e) => e.id));
    index.remove('never-added');
    expect(index.size).toBe(submissions.length - 1);

    index.add(copy.id, copy.owner, fingerprint('const unrelated = 1;', 'javascript'));
    expect(index.size).toBe(submissions.length - 1);
    expect(index.pairs(0.65).some((p) => p.a === copy.id || p.b === copy.id)).toBe(false);
  });
});
