import { describe, expect, test } from '@jest/globals';
import { estBissextile } from './annee';

describe('estBissextile (cas cachés)', () => {
  test('2000 est bissextile (divisible par 400)', () => {
    expect(estBissextile(2000)).toBe(true);
  });

  test("2100 ne l'est pas", () => {
    expect(estBissextile(2100)).toBe(false);
  });

  test('1996 est bissextile', () => {
    expect(estBissextile(1996)).toBe(true);
  });

  test("2019 ne l'est pas", () => {
    expect(estBissextile(2019)).toBe(false);
  });
});
