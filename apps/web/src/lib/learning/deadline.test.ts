import { describe, expect, it } from 'vitest';
import { SOON_MS, deadlineState } from './deadline.ts';

describe('deadlineState', () => {
  const now = Date.parse('2027-03-31T12:00:00Z');
  const half = { exercisesDone: 2, exercisesTotal: 4 };
  it('says nothing without a deadline', () => {
    expect(deadlineState(null, half, now)).toBe('none');
    expect(deadlineState(undefined, half, now)).toBe('none');
  });
  it('is upcoming, then soon within two days, then overdue while the module is unfinished', () => {
    const at = (ms: number) => new Date(now + ms).toISOString();
    expect(deadlineState(at(SOON_MS + 1000), half, now)).toBe('upcoming');
    expect(deadlineState(at(SOON_MS), half, now)).toBe('soon');
    expect(deadlineState('2027-03-31T12:00:01Z', half, now)).toBe('soon');
    expect(deadlineState('2027-03-31T11:59:59Z', half, now)).toBe('overdue');
  });
  it('is met once every exercise is done, whenever that was', () => {
    const done = { exercisesDone: 4, exercisesTotal: 4 };
    expect(deadlineState('2027-03-31T11:59:59Z', done, now)).toBe('met');
    expect(deadlineState('2027-04-30T00:00:00Z', done, now)).toBe('met');
  });
});
