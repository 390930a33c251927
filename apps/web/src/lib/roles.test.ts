import { describe, expect, it } from 'vitest';
import { ROLE_HOME, homeRouteOf, safeReturnPath, tutorsGroup } from './roles.ts';

describe('homeRouteOf', () => {
  it("is the home of the user's first role", () => {
    expect(homeRouteOf({ roles: ['tutor', 'student'] })).toBe(ROLE_HOME.tutor);
    expect(homeRouteOf({ roles: ['coordinator'] })).toBe('/(app)/coordination');
    expect(homeRouteOf({ roles: [] })).toBeNull();
  });
});

describe('tutorsGroup', () => {
  const group = (id: string, role: 'student' | 'tutor') => ({
    id,
    name: id,
    universityName: 'UL',
    role,
    tutorName: null,
  });
  const me = { groups: [group('training', 'student'), group('lome', 'tutor')] };

  it('is true for a group the user tutors, and for any group without one', () => {
    expect(tutorsGroup(me, 'lome')).toBe(true);
    expect(tutorsGroup(me)).toBe(true);
  });

  it('is false for a group the user learns in or does not belong to, and for no user', () => {
    expect(tutorsGroup(me, 'training')).toBe(false);
    expect(tutorsGroup(me, 'kara')).toBe(false);
    expect(tutorsGroup({ groups: [group('training', 'student')] })).toBe(false);
    expect(tutorsGroup(null, 'lome')).toBe(false);
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
