import { describe, expect, test } from '@jest/globals';
import { compterVoyelles } from './voyelles';

describe('compterVoyelles', () => {
  test('bonjour contient 3 voyelles', () => {
    expect(compterVoyelles('bonjour')).toBe(3);
  });

  test('les voyelles accentuées comptent', () => {
    expect(compterVoyelles('Lomé')).toBe(2);
  });

  test('un texte vide ne contient aucune voyelle', () => {
    expect(compterVoyelles('')).toBe(0);
  });
});
