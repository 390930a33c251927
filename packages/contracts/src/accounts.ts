import { Type, type Static } from 'typebox';

export const SignInFailuresQuery = Type.Object({
  email: Type.String({ format: 'email', maxLength: 254 }),
});
export type SignInFailuresQuery = Static<typeof SignInFailuresQuery>;

/** An account's recent failed sign-ins from one address. */
export const SignInFailureAddress = Type.Object({
  address: Type.String(),
  count: Type.Integer({ minimum: 1 }),
  firstAt: Type.String({ format: 'date-time' }),
  lastAt: Type.String({ format: 'date-time' }),
  /** When this address may try this account again; null: now. */
  retryAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type SignInFailureAddress = Static<typeof SignInFailureAddress>;

/** What the coordination sees of an account's failed sign-ins (a success at an address clears them). */
export const SignInFailures = Type.Object({
  email: Type.String(),
  /** Failures older than this are forgotten. */
  since: Type.String({ format: 'date-time' }),
  addresses: Type.Array(SignInFailureAddress),
});
export type SignInFailures = Static<typeof SignInFailures>;
