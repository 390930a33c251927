import { describe, expect, test } from 'vitest';
import { newCardState, reviewCard, type CardState } from '../src/index.ts';

const now = new Date('2025-03-01T08:00:00.000Z');
const minutes = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;

describe('vocabulary scheduling (FSRS)', () => {
  test('a new card is due now and its state is plain JSON', () => {
    const state = newCardState(now);
    expect(state).toMatchObject({
      due: now.toISOString(),
      state: 'new',
      reps: 0,
      lapses: 0,
      lastReview: null,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  test('Again returns within minutes, Easy after days; Hard and Good in between', () => {
    const state = newCardState(now);
    const due = ([1, 2, 3, 4] as const).map((rating) => minutes(now, reviewCard(state, rating, now).due));
    expect(due[0]).toBeLessThanOrEqual(10);
    expect(due[3]).toBeGreaterThanOrEqual(24 * 60);
    expect(due[0]).toBeLessThan(due[1]!);
    expect(due[1]).toBeLessThanOrEqual(due[2]!);
    expect(due[2]).toBeLessThan(due[3]!);
  });

  test('reviews chain through JSON, and successful reviews space the card further out', () => {
    let state: CardState = newCardState(now);
    let at = now;
    const intervals: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = reviewCard(JSON.parse(JSON.stringify(state)) as CardState, 3, at);
      intervals.push(minutes(at, next.due));
      expect(next.state.due).toBe(next.due.toISOString());
      state = next.state;
      at = next.due;
    }
    expect(state).toMatchObject({ reps: 4, state: 'review', lastReview: expect.any(String) });
    expect(intervals[3]).toBeGreaterThan(intervals[2]!);
    expect(intervals[2]).toBeGreaterThan(intervals[1]!);
  });

  test('forgetting a learnt card (Again) counts a lapse and brings it back soon', () => {
    let state = newCardState(now);
    let at = now;
    for (let i = 0; i < 3; i++) {
      const next = reviewCard(state, 3, at);
      state = next.state;
      at = next.due;
    }
    const lapse = reviewCard(state, 1, at);
    expect(lapse.state).toMatchObject({ lapses: 1, state: 'relearning' });
    expect(minutes(at, lapse.due)).toBeLessThanOrEqual(10);
  });

  test('rejects a corrupted state and a rating outside 1–4', () => {
    expect(() => reviewCard({ due: 'x' } as unknown as CardState, 3, now)).toThrow(TypeError);
    expect(() => reviewCard(newCardState(now), 5 as 3, now)).toThrow(RangeError);
  });
});
