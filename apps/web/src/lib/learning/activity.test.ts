import { describe, expect, it } from 'vitest';
import { niceMax, parseDay, weeklyActivity } from './activity.ts';

function days(count: number, value: (i: number) => number) {
  const start = new Date(Date.UTC(2025, 0, 1));
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(start.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    return { date, count: value(i) };
  });
}

describe('weeklyActivity', () => {
  it('groups 56 days into 8 weeks, the last one ending on the last day', () => {
    const weeks = weeklyActivity(days(56, (i) => (i >= 49 ? 2 : 1)));
    expect(weeks).toHaveLength(8);
    expect(weeks[0]).toEqual({ start: '2025-01-01', end: '2025-01-07', count: 7 });
    expect(weeks[7]).toEqual({ start: '2025-02-19', end: '2025-02-25', count: 14 });
  });

  it('sorts the days and keeps at most 8 weeks; a short history gives a partial first week', () => {
    const shuffled = days(60, () => 1).reverse();
    const weeks = weeklyActivity(shuffled);
    expect(weeks).toHaveLength(8);
    expect(weeks[7]?.end).toBe('2025-03-01');
    const short = weeklyActivity(days(10, () => 1));
    expect(short.map((w) => w.count)).toEqual([3, 7]);
    expect(weeklyActivity([])).toEqual([]);
  });
});

describe('niceMax', () => {
  it('rounds up to 1, 2, 5 × 10^n', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(1)).toBe(1);
    expect(niceMax(3)).toBe(5);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(11)).toBe(20);
    expect(niceMax(20)).toBe(20);
    expect(niceMax(130)).toBe(200);
  });
});

describe('parseDay', () => {
  it('reads an ISO date as a local calendar day', () => {
    const day = parseDay('2025-03-14');
    expect([day.getFullYear(), day.getMonth(), day.getDate()]).toEqual([2025, 2, 14]);
  });
});
