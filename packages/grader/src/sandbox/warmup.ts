/**
 * Script run once while the harness snapshot is built, in a throwaway context: it grades a small suite
 * touching most matchers so that their bytecode is compiled and kept in the snapshot.
 */
export const WARMUP = `
__tremplinLoad('solution', function () {
  'use strict';
  const add = (a, b) => a + b;
  class Box { constructor(v) { this.v = v; } }
  return { __proto__: null, __esModule: true, get add() { return add; }, get Box() { return Box; } };
});
__tremplinLoad('tests', function (require, module, exports, describe, test, it, xit, xtest, fit, xdescribe, fdescribe, expect, beforeAll, afterAll, beforeEach, afterEach) {
  const s = require('./solution');
  describe('warm', () => {
    beforeAll(() => {});
    beforeEach(() => {});
    afterEach(() => {});
    afterAll(() => {});
    test('pass', () => {
      expect(s.add(1, 2)).toBe(3);
      expect({ a: [1, { b: 2 }], c: undefined }).toEqual({ a: [1, { b: 2 }] });
      expect(new s.Box(1)).toStrictEqual(new s.Box(1));
      expect([1, 2, 3]).toContain(2);
      expect([{ a: 1 }]).toContainEqual({ a: 1 });
      expect('abc').toMatch(/b/);
      expect('abc').toHaveLength(3);
      expect({ a: { b: 1 } }).toHaveProperty('a.b', 1);
      expect(() => { throw new TypeError('x'); }).toThrow(TypeError);
      expect(0.1 + 0.2).toBeCloseTo(0.3);
      expect(null).toBeNull();
      expect(1).toBeTruthy();
      expect(2).toBeGreaterThan(1);
      expect({ a: 1, b: 2 }).toMatchObject({ a: expect.any(Number) });
      expect([1, 2]).toEqual(expect.arrayContaining([1]));
      expect(new Map([[1, 2]])).toEqual(new Map([[1, 2]]));
      expect(new Set([1])).not.toEqual(new Set([2]));
      console.log('x', { a: 1 }, [1, 2]);
    });
    test('fail', () => {
      expect({ a: [1, 2, 3], b: 'x' }).toEqual({ a: [1, 2, 4], b: 'x' });
    });
    test('fail2', () => {
      expect(s.add(1, 1)).toBe(3);
    });
    test('throws', () => {
      null.x;
    });
    test.each([[1, 2], [2, 3]])('each %i', (a, b) => {
      expect(a + 1).toBe(b);
    });
    test('async', async () => {
      await new Promise((r) => setTimeout(r, 10));
      await expect(Promise.resolve(1)).resolves.toBe(1);
    });
  });
});
const control = __tremplinControl;
control('load', 'fr|500');
for (let i = 0; i < 50; i++) {
  if (JSON.parse(control('step', '')).done) break;
}
`;
