import { describe, expect, test } from '@jest/globals';
import { lireNote } from './note';

describe('lireNote (cas cachés)', () => {
  test('les bornes 0 et 20 sont acceptées', () => {
    expect(lireNote('0')).toBe(0);
    expect(lireNote('20')).toBe(20);
  });

  test('une note négative est hors barème', () => {
    expect(() => lireNote('-1,5')).toThrow(new RangeError('Note hors barème : -1.5'));
  });

  test('un texte vide est illisible (et non 0)', () => {
    expect(() => lireNote('')).toThrow('Note illisible');
    expect(() => lireNote('   ')).toThrow(Error);
  });

  test("une illisible n'est pas une RangeError", () => {
    let erreur;
    try {
      lireNote('douze');
    } catch (e) {
      erreur = e;
    }
    expect(erreur).toBeInstanceOf(Error);
    expect(erreur).not.toBeInstanceOf(RangeError);
  });
});
