import { Type, type Static } from 'typebox';

/** The two languages of the interface: French first, English one click away. */
export const Locale = Type.Union([Type.Literal('fr'), Type.Literal('en')]);
export type Locale = Static<typeof Locale>;
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** Roles a membership grants, each within a scope (the programme, or one group). */
export const Role = Type.Union([
  Type.Literal('student'),
  Type.Literal('tutor'),
  Type.Literal('author'),
  Type.Literal('grader'),
  Type.Literal('coordinator'),
  Type.Literal('admin'),
  // Signed up on the public call for tutors: sees only their own application.
  Type.Literal('candidate'),
]);
export type Role = Static<typeof Role>;
export const ROLES: readonly Role[] = [
  'student',
  'tutor',
  'author',
  'grader',
  'coordinator',
  'admin',
  'candidate',
];

export const Id = Type.String({ format: 'uuid' });
export type Id = Static<typeof Id>;

export const IdParams = Type.Object({ id: Id });
export type IdParams = Static<typeof IdParams>;

/**
 * A file's bytes in standard base64, in a JSON body: a character outside the alphabet is refused,
 * never skipped; line breaks (base64 as `base64` and MIME wrap it) are allowed. (A pattern of
 * 4-character groups would check the padding too, but V8 runs out of stack on it for a few
 * megabytes; Node decodes a string without its padding all the same.)
 */
export const Base64 = (limits: { minLength?: number; maxLength: number }) =>
  Type.String({ ...limits, pattern: '^[A-Za-z0-9+/\\r\\n]*={0,2}[\\r\\n]*$' });

/** Picks the interface language from an Accept-Language header (French unless English comes first). */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'fr';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'fr' || tag === 'en') return tag;
  }
  return 'fr';
}
