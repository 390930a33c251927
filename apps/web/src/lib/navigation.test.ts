import { describe, expect, it } from 'vitest';
import { currentOf } from './navigation.ts';

describe('currentOf', () => {
  it('marks the page itself, and the section of a page inside it', () => {
    expect(currentOf('/tuteur', '/tuteur')).toBe('page');
    expect(currentOf('/tuteur/groupes/1/progression', '/tuteur')).toBe('true');
    expect(currentOf('/etudiant', '/tuteur')).toBeUndefined();
  });

  it('does not take a longer name for a section', () => {
    expect(currentOf('/tuteurs', '/tuteur')).toBeUndefined();
  });

  it('marks an exact link on its own page only', () => {
    expect(currentOf('/coordination', '/coordination', true)).toBe('page');
    expect(currentOf('/coordination/journal', '/coordination', true)).toBeUndefined();
  });
});
