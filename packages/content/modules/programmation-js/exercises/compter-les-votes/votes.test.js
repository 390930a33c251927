import { describe, expect, test } from '@jest/globals';
import { compterVotes, elu } from './votes';

describe('compterVotes et elu', () => {
  test('compte les voix de chaque nom', () => {
    expect(compterVotes(['Awa', 'Kodjo', 'Awa', 'Édem'])).toEqual({ Awa: 2, Kodjo: 1, Édem: 1 });
  });

  test('ignore les bulletins blancs et les espaces autour des noms', () => {
    expect(compterVotes([' Awa ', '', 'Awa', '   '])).toEqual({ Awa: 2 });
  });

  test("l'élu est le nom qui a le plus de voix", () => {
    expect(elu(['Kodjo', 'Awa', 'Awa', 'Édem'])).toBe('Awa');
  });

  test("à égalité, le premier nom rencontré l'emporte", () => {
    expect(elu(['Yao', 'Afi'])).toBe('Yao');
  });
});
