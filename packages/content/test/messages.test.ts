// The catalogue of validation messages: a count picks its word in each language, never « (s) ».
import { describe, expect, test } from 'vitest';
import { MESSAGES, renderMessage } from '../src/index.ts';

describe('validation messages', () => {
  test('a limit takes the singular or the plural its number calls for, in each language', () => {
    expect(renderMessage('min-length', { limit: 1 }, 'fr')).toBe('doit compter au moins 1 caractère');
    expect(renderMessage('min-length', { limit: 3 }, 'fr')).toBe('doit compter au moins 3 caractères');
    expect(renderMessage('max-items', { limit: 0 }, 'fr')).toBe('doit compter au plus 0 élément');
    expect(renderMessage('max-length', { limit: 1000 }, 'fr')).toBe(
      'doit compter au plus 1\u202f000 caractères',
    );
    expect(renderMessage('min-items', { limit: 1 }, 'en')).toBe('must not have fewer than 1 item');
    expect(renderMessage('min-items', { limit: 2 }, 'en')).toBe('must not have fewer than 2 items');
    expect(renderMessage('max-length', { limit: 0 }, 'en')).toBe('must not have more than 0 characters');
  });

  test("a deck row's empty cells are counted in French", () => {
    expect(renderMessage('deck-empty-cells', { count: 1, cells: '"gloss"' }, 'fr')).toBe(
      'cellule vide : "gloss"',
    );
    expect(renderMessage('deck-empty-cells', { count: 2, cells: '"term", "gloss"' }, 'fr')).toBe(
      'cellules vides : "term", "gloss"',
    );
    expect(renderMessage('deck-empty-cells', { count: 2, cells: '"term", "gloss"' }, 'en')).toBe(
      'empty "term", "gloss"',
    );
  });

  test('no template writes a plural as « (s) »', () => {
    const hedged = Object.entries(MESSAGES).flatMap(([code, template]) =>
      Object.values(template)
        .filter((text) => /(?<!http)\((?:s|es|x)\)/.test(text))
        .map((text) => `${code}: ${text}`),
    );
    expect(hedged).toEqual([]);
  });
});
