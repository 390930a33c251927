import { describe, expect, test } from '@jest/globals';
import { compterVotes, elu } from './votes';

describe('compterVotes et elu (cas cachés)', () => {
  test('aucun bulletin : un objet vide et pas d’élu', () => {
    expect(compterVotes([])).toEqual({});
    expect(elu([])).toBeNull();
  });

  test('que des bulletins blancs : pas d’élu', () => {
    expect(elu(['', ' '])).toBeNull();
  });

  test('un ex æquo qui rattrape son retard ne passe pas devant', () => {
    expect(elu(['Afi', 'Afi', 'Yao', 'Yao', 'Mawuli'])).toBe('Afi');
  });

  test('un grand scrutin', () => {
    const bulletins = [...Array(300).fill('Kafui'), ...Array(301).fill('Dodzi')];
    expect(compterVotes(bulletins)).toEqual({ Kafui: 300, Dodzi: 301 });
    expect(elu(bulletins)).toBe('Dodzi');
  });
});
