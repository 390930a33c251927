import { describe, expect, it } from 'vitest';
import { SharedResults } from './shared-result.ts';

describe('SharedResults', () => {
  it('computes once per key and period, waiting callers included', async () => {
    let clock = 0;
    const shared = new SharedResults<number>({ ttlMs: 1000, now: () => clock });
    let computed = 0;
    const compute = async () => ++computed;
    const [a, b] = await Promise.all([shared.get('k', compute), shared.get('k', compute)]);
    expect([a, b, computed]).toEqual([1, 1, 1]);
    clock = 999;
    expect(await shared.get('k', compute)).toBe(1);
    expect(await shared.get('other', compute)).toBe(2);
    clock = 1000;
    expect(await shared.get('k', compute)).toBe(3);
    shared.clear();
    expect(await shared.get('k', compute)).toBe(4);
  });

  it('keeps no failure, and forgets the oldest key when full', async () => {
    const shared = new SharedResults<string>({ ttlMs: 60_000, maxKeys: 2 });
    await expect(shared.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await shared.get('k', async () => 'up')).toBe('up');
    await shared.get('a', async () => 'a1');
    await shared.get('b', async () => 'b1');
    // 'k' was the oldest of three: computed again.
    expect(await shared.get('k', async () => 'again')).toBe('again');
    expect(await shared.get('b', async () => 'b2')).toBe('b1');
  });

  it("counts a result's period from when it says it was made (one computed elsewhere, earlier)", async () => {
    let clock = 10_000;
    const shared = new SharedResults<{ madeAt: number }>({ ttlMs: 1000, now: () => clock });
    const madeAt = (value: { madeAt: number }) => value.madeAt;
    expect(await shared.get('k', async () => ({ madeAt: 9_500 }), madeAt)).toEqual({ madeAt: 9_500 });
    clock = 10_499;
    expect(await shared.get('k', async () => ({ madeAt: clock }), madeAt)).toEqual({ madeAt: 9_500 });
    clock = 10_500;
    expect(await shared.get('k', async () => ({ madeAt: clock }), madeAt)).toEqual({ madeAt: 10_500 });
  });
});
