import { describe, expect, it } from 'vitest';
import { BatchLoader } from './batch-loader.ts';

/** A read the test completes by hand, recording the batches it was given. */
function manualReads() {
  const batches: number[][] = [];
  const releases: Array<() => void> = [];
  const loader = new BatchLoader<number, string>((keys) => {
    batches.push(keys);
    return new Promise((resolve) => releases.push(() => resolve(new Map(keys.map((k) => [k, `v${k}`])))));
  }, 3);
  return { loader, batches, releases };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BatchLoader', () => {
  it('reads the keys of one turn together, and the same key once', async () => {
    const { loader, batches, releases } = manualReads();
    const results = Promise.all([loader.load(1), loader.load(2), loader.load(1)]);
    await turn();
    expect(batches).toEqual([[1, 2]]);
    releases[0]!();
    expect(await results).toEqual(['v1', 'v2', 'v1']);
  });

  it('gathers what arrives during a read into the next one, in batches of at most maxBatch', async () => {
    const { loader, batches, releases } = manualReads();
    const first = loader.load(1);
    await turn();
    const later = [2, 3, 4, 5].map((k) => loader.load(k));
    await turn();
    await turn();
    // Nothing more is read while the first read runs.
    expect(batches).toEqual([[1]]);
    releases[0]!();
    expect(await first).toBe('v1');
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    releases[1]!();
    expect(await later[2]).toBe('v4');
    await turn();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    releases[2]!();
    expect(await Promise.all(later)).toEqual(['v2', 'v3', 'v4', 'v5']);
  });

  it('rejects the waiters of a failed read and goes on with the next batch', async () => {
    let calls = 0;
    const loader = new BatchLoader<number, number>(async (keys) => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return new Map(keys.map((k) => [k, k * 10]));
    });
    const failed = loader.load(1);
    const next = loader.load(2);
    await expect(failed).rejects.toThrow('database down');
    await expect(next).rejects.toThrow('database down');
    expect(await loader.load(3)).toBe(30);
  });
});
