import { describe, expect, test } from '@jest/globals';
import { lireNote } from './note';

describe('lireNote', () => {
  test('lit une note avec une virgule ou un point', () => {
    expect(lireNote('12,5')).toBe(12.5);
    expect(lireNote('15.75')).toBe(15.75);
  });

  test('ignore les espaces autour', () => {
    expect(lireNote(' 14 ')).toBe(14);
  });

  test('un texte qui n’est pas un nombre lève une Error', () => {
    expect(() => lireNote('abs')).toThrow('Note illisible : « abs »');
  });

  test('une note au-delà de 20 lève une RangeError', () => {
    expect(() => lireNote('25')).toThrow(RangeError);
    expect(() => lireNote('25')).toThrow('Note hors barème : 25');
  });
});
