import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'tremplin_session';

/** A new random session token: what the cookie holds. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The stored id of a session: the token's SHA-256, so the table alone cannot sign anyone in. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
