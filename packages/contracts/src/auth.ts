import { Type, type Static } from 'typebox';
import { Id, Locale, Role } from './common.ts';

export const LoginBody = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
  password: Type.String({ minLength: 1, maxLength: 512 }),
});
export type LoginBody = Static<typeof LoginBody>;

export const MeGroup = Type.Object({
  id: Id,
  name: Type.String(),
  universityName: Type.String(),
  role: Type.Union([Type.Literal('student'), Type.Literal('tutor')]),
  tutorName: Type.Union([Type.String(), Type.Null()]),
});
export type MeGroup = Static<typeof MeGroup>;

/** The signed-in user as the interface sees them. */
export const Me = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  locale: Locale,
  roles: Type.Array(Role),
  groups: Type.Array(MeGroup),
});
export type Me = Static<typeof Me>;

export const LoginResponse = Type.Object({ user: Me });
export type LoginResponse = Static<typeof LoginResponse>;

export const LocaleBody = Type.Object({ locale: Locale });
export type LocaleBody = Static<typeof LocaleBody>;

/** A learner's device had nothing left to send: when the server recorded it. */
export const Synced = Type.Object({ syncedAt: Type.String({ format: 'date-time' }) });
export type Synced = Static<typeof Synced>;
