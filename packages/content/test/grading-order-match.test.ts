import { describe, expect, test } from 'vitest';
import { toPublicSpec, type MatchingSpec, type OrderingSpec } from '../src/index.ts';
import { matchingSpec, orderingSpec } from './sample-module.ts';
import { graded } from './shown.ts';

/** The public ids of an ordering, in the author's order (as the browser would send them back). */
function orderIds(spec: OrderingSpec): string[] {
  const view = toPublicSpec(spec, { seed: 'seed' });
  if (view.kind !== 'ordering') throw new Error('not ordering');
  // Items with equal texts are interchangeable: take them in turn.
  const pool = [...view.items];
  return spec.items.map((item) => {
    const i = pool.findIndex((o) => o.text === item.text);
    return pool.splice(i, 1)[0]!.id;
  });
}

describe('ordering', () => {
  const spec = orderingSpec(); // run the tests before the merge | alt: before the merge run the tests
  const ids = orderIds(spec);
  const grade = (order: string[]) => graded(spec, { kind: 'ordering', order }, { locale: 'en' });

  test('the expected order passes', () => {
    const { score, result } = grade(ids);
    expect(score).toBe(1);
    expect(result.status).toBe('pass');
    expect(result.items.every((i) => i.status === 'correct')).toBe(true);
  });

  test('an accepted alternative passes', () => {
    const [run, the1, tests, before, the2, merge] = ids as [string, string, string, string, string, string];
    expect(grade([before, the2, merge, run, the1, tests]).score).toBe(1);
  });

  test('repeated words are interchangeable', () => {
    const [run, the1, tests, before, the2, merge] = ids as [string, string, string, string, string, string];
    expect(grade([run, the2, tests, before, the1, merge]).result.status).toBe('pass');
  });

  test('partial: longest correct subsequence; items marked per position with the expected text', () => {
    const [run, the1, tests, before, the2, merge] = ids as [string, string, string, string, string, string];
    // "tests run the before the merge": 5 of 6 in order (run the before the merge).
    const { score, result } = grade([tests, run, the1, before, the2, merge]);
    expect(score).toBeCloseTo(5 / 6, 4);
    expect(result.status).toBe('partial');
    expect(result.items.map((i) => [i.status, i.expected])).toEqual([
      ['wrong', 'run'],
      ['wrong', 'the'],
      ['wrong', 'tests'],
      ['correct', undefined],
      ['correct', undefined],
      ['correct', undefined],
    ]);
    expect(result.items[0]!.id).toBe(tests);
    expect(result.feedback).toBe('Items in the right place: 3 of 6.');
  });

  test('the author ids are not accepted: only the public ones', () => {
    const authorIds = spec.items.map((i) => i.id);
    expect(() => grade(authorIds)).toThrow(/Unknown item: "w1"/);
  });
});

describe('matching', () => {
  const spec: MatchingSpec = matchingSpec();
  const view = toPublicSpec(spec, { seed: 'u1' });
  if (view.kind !== 'matching') throw new Error('not matching');
  const left = (text: string) => view.left.find((o) => o.text === text)!.id;
  const right = (text: string) => view.right.find((o) => o.text === text)!.id;
  const grade = (pairs: Record<string, string>) => graded(spec, { kind: 'matching', pairs });

  test('all pairs right: pass', () => {
    const { score, result } = grade({
      [left('branch')]: right('branche'),
      [left('repository')]: right('dépôt'),
      [left('to merge')]: right('fusionner'),
    });
    expect(score).toBe(1);
    expect(result.status).toBe('pass');
  });

  test('per pair: correct, wrong with the expected right text, missing', () => {
    const { score, result } = grade({
      [left('branch')]: right('branche'),
      [left('repository')]: right('fusionner'),
    });
    expect(score).toBeCloseTo(1 / 3, 4);
    expect(result.items).toEqual([
      { id: left('branch'), status: 'correct' },
      { id: left('repository'), status: 'wrong', expected: 'dépôt' },
      { id: left('to merge'), status: 'missing', expected: 'fusionner' },
    ]);
    expect(result.feedback).toBe('Paires correctes : 1 sur 3.');
  });
});
