import { describe, expect, it } from 'vitest';
import { deadlineState } from './deadline.ts';

describe('deadlineState', () => {
  const now = Date.parse('2027-03-31T12:00:00Z');
  const half = { exercisesDone: 2, exercisesTotal: 4 };
  it('says nothing without a deadline', () => {
    expect(deadlineState(null, half, now)).toBe('none');
    expect(deadlineState(undefined, half, now)).toBe('none');
  });
  it('is upcoming before the deadline and overdue after it while the module is unfinished', () => {
    expect(deadlineState('2027-03-31T12:00:01Z', half, now)).toBe('upcoming');
    expect(deadlineState('2027-03-31T11:59:59Z', half, now)).toBe('overdue');
  });
  it('is met once every exercise is done, whenever that was', () => {
    const done = { exercisesDone: 4, exercisesTotal: 4 };
    expect(deadlineState('2027-03-31T11:59:59Z', done, now)).toBe('met');
    expect(deadlineState('2027-04-30T00:00:00Z', done, now)).toBe('met');
  });
});
