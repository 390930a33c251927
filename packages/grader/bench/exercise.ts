/** The "typical exercise" used by the benchmark: a solution and a Jest suite of 10 tests. */
export const solution = `export function isLeap(year) {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function describeYear(year) {
  return { year, leap: isLeap(year), days: isLeap(year) ? 366 : 365 };
}
`;

export const tests = `import { describe, expect, test } from '@jest/globals';
import { isLeap, describeYear } from './leap';

describe('A leap year', () => {
  test('year not divisible by 4 in common year', () => {
    expect(isLeap(2015)).toBe(false);
  });
  test('year divisible by 2, not divisible by 4 in common year', () => {
    expect(isLeap(1970)).toBe(false);
  });
  test('year divisible by 4, not divisible by 100 in leap year', () => {
    expect(isLeap(1996)).toBe(true);
  });
  test('year divisible by 4 and 5 is still a leap year', () => {
    expect(isLeap(1960)).toBe(true);
  });
  test('year divisible by 100, not divisible by 400 in common year', () => {
    expect(isLeap(2100)).toBe(false);
  });
  test('year divisible by 100 but not by 3 is still not a leap year', () => {
    expect(isLeap(1900)).toBe(false);
  });
  test('year divisible by 400 is leap year', () => {
    expect(isLeap(2000)).toBe(true);
  });
  test('year divisible by 400 but not by 125 is still a leap year', () => {
    expect(isLeap(2400)).toBe(true);
  });
  test('year divisible by 200, not divisible by 400 in common year', () => {
    expect(isLeap(1800)).toBe(false);
  });
});

describe('describeYear', () => {
  test('describes a leap year', () => {
    expect(describeYear(2024)).toEqual({ year: 2024, leap: true, days: 366 });
  });
});
`;
