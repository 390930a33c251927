import { describe, expect, it } from 'vitest';
import { ROLE_HOME, homeRouteOf, safeReturnPath } from './roles.ts';

describe('homeRouteOf', () => {
  it("is the home of the user's first role", () => {
    expect(homeRouteOf({ roles: ['tutor', 'student'] })).toBe(ROLE_HOME.tutor);
    expect(homeRouteOf({ roles: ['coordinator'] })).toBe('/(app)/coordination');
    expect(homeRouteOf({ roles: [] })).toBeNull();
  });
});

describe('safeReturnPath', () => {
  it('accepts in-app paths, as resolve() pathnames', () => {
    expect(safeReturnPath('/tuteur')).toBe('tuteur');
    expect(safeReturnPath('/etudiant?x=1#top')).toBe('etudiant?x=1#top');
  });

  it('rejects other origins, schemes and the login page itself', () => {
    for (const value of [
      null,
      '',
      'tuteur',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/connexion',
      '/connexion?retour=/x',
    ]) {
      expect(safeReturnPath(value), String(value)).toBeNull();
    }
  });
});
