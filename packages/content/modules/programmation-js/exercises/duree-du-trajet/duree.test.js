import { describe, expect, test } from '@jest/globals';
import { dureeLisible } from './duree';

describe('dureeLisible', () => {
  test('Lomé–Kara : 445 minutes font 7 h 25 min', () => {
    expect(dureeLisible(445)).toBe('7 h 25 min');
  });

  test('90 minutes font 1 h 30 min', () => {
    expect(dureeLisible(90)).toBe('1 h 30 min');
  });

  test("moins d'une heure : 0 h", () => {
    expect(dureeLisible(45)).toBe('0 h 45 min');
  });
});
