import { describe, expect, test } from '@jest/globals';
import { estBissextile } from './annee';

describe('estBissextile', () => {
  test('2024 est bissextile (divisible par 4)', () => {
    expect(estBissextile(2024)).toBe(true);
  });

  test("2023 ne l'est pas", () => {
    expect(estBissextile(2023)).toBe(false);
  });

  test("1900 ne l'est pas (divisible par 100 mais pas par 400)", () => {
    expect(estBissextile(1900)).toBe(false);
  });
});
