import { describe, expect, test } from '@jest/globals';
import { compterVoyelles } from './voyelles';

describe('compterVoyelles (cas cachés)', () => {
  test('les majuscules comptent', () => {
    expect(compterVoyelles('AEIOUY')).toBe(6);
  });

  test('le y est une voyelle', () => {
    expect(compterVoyelles('rythme')).toBe(2);
  });

  test('la ponctuation et les espaces ne comptent pas', () => {
    expect(compterVoyelles('Kara, Togo !')).toBe(4);
  });

  test('plusieurs accents', () => {
    expect(compterVoyelles('été à Kpalimé')).toBe(6);
  });
});
