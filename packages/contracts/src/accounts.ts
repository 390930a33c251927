import { Type, type Static } from 'typebox';
import { Id, Role } from './common.ts';

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

// ---------- Accounts administration (the coordination) ----------

/** The roles held across the whole programme, which the coordination grants and removes. */
export const ProgrammeRole = Type.Union([
  Type.Literal('author'),
  Type.Literal('grader'),
  Type.Literal('coordinator'),
  Type.Literal('admin'),
]);
export type ProgrammeRole = Static<typeof ProgrammeRole>;

/** A new password's rules (a reset, an activation): checked by the server with a clear error. */
export const PASSWORD_MIN_LENGTH = 10;
export const NewPassword = Type.String({ minLength: 1, maxLength: 512 });

export const AccountSearchQuery = Type.Object({
  /** A part of the name or of the e-mail address. */
  q: Type.Optional(Type.String({ maxLength: 200 })),
  role: Type.Optional(Role),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 25 })),
});
export type AccountSearchQuery = Static<typeof AccountSearchQuery>;

export const AccountSummary = Type.Object({
  id: Id,
  email: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  /** Every role held (group roles included), each once. */
  roles: Type.Array(Role),
});
export type AccountSummary = Static<typeof AccountSummary>;

export const AccountPage = Type.Object({
  total: Type.Integer(),
  offset: Type.Integer(),
  limit: Type.Integer(),
  accounts: Type.Array(AccountSummary),
});
export type AccountPage = Static<typeof AccountPage>;

export const AccountParams = Type.Object({ userId: Id });
export type AccountParams = Static<typeof AccountParams>;

export const AccountActionBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) });
export type AccountActionBody = Static<typeof AccountActionBody>;

/** The programme-wide roles the account holds after the change (group roles are left alone). */
export const SetRolesBody = Type.Object({
  roles: Type.Array(ProgrammeRole, { maxItems: 4, uniqueItems: true }),
  reason: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type SetRolesBody = Static<typeof SetRolesBody>;

/** A one-time link, shown once: only its hash is stored. */
export const ResetLink = Type.Object({
  /** The page's path with the token: `/reinitialisation/<token>`. */
  path: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type ResetLink = Static<typeof ResetLink>;

export const ResetTokenParams = Type.Object({
  token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }),
});
export type ResetTokenParams = Static<typeof ResetTokenParams>;

/** A good link: whose account it opens, by display name only. */
export const ResetTokenStatus = Type.Object({
  displayName: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type ResetTokenStatus = Static<typeof ResetTokenStatus>;

export const ResetPasswordBody = Type.Object({
  token: ResetTokenParams.properties.token,
  password: NewPassword,
});
export type ResetPasswordBody = Static<typeof ResetPasswordBody>;

// ---------- The audit log ----------

export const AuditQuery = Type.Object({
  action: Type.Optional(Type.String({ maxLength: 100 })),
  subjectType: Type.Optional(Type.String({ maxLength: 50 })),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  actorId: Type.Optional(Id),
  /** Keyset paging: lines older than this id. */
  before: Type.Optional(Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.Union([Id, Type.Null()]),
  actorName: Type.Union([Type.String(), Type.Null()]),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Type.Union([Type.String(), Type.Null()]),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry) });
export type AuditPage = Static<typeof AuditPage>;
