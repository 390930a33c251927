import type { Role } from '@tremplin/contracts';
import {
  clearLoginFailures,
  countRecentFailures,
  deleteSession,
  findLiveSession,
  findUserByEmail,
  hashPassword,
  insertSession,
  listUserMemberships,
  recordLoginAttempt,
  touchSession,
  verifyPassword,
  type Db,
  type UserMembership,
  type UserRow,
} from '@tremplin/db';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';

/** Who is making a request: the user, their roles and the groups those roles apply to. */
export interface Actor {
  user: UserRow;
  sessionId: string;
  roles: Set<Role>;
  memberships: UserMembership[];
}

// Checked against when the address is unknown, so a wrong address costs as long as a wrong password.
const decoyHash = hashPassword('tremplin-decoy-password');

// Refresh the stored expiry at most this often: not a write on every request.
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export class AuthService {
  readonly #db: Db;
  readonly #config: Config;

  constructor(db: Db, config: Config) {
    this.#db = db;
    this.#config = config;
  }

  /** Checks the credentials (with rate limits per account and per address) and opens a session. */
  async login(input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | undefined;
  }): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
    const email = input.email.trim().toLowerCase();
    const now = new Date();
    const { windowMinutes, maxFailuresPerAccount, maxFailuresPerIp } = this.#config.login;
    const since = new Date(now.getTime() - windowMinutes * 60_000);
    const failures = await countRecentFailures(this.#db, { email, ip: input.ip, since });
    if (failures.byEmail >= maxFailuresPerAccount || failures.byIp >= maxFailuresPerIp) {
      throw new AppError('TREMPLIN_ERR_TOO_MANY_ATTEMPTS', { minutes: windowMinutes });
    }

    const user = await findUserByEmail(this.#db, email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
    if (!user || !valid) {
      await recordLoginAttempt(this.#db, { email, ip: input.ip, succeeded: false, at: now });
      throw new AppError('TREMPLIN_ERR_INVALID_CREDENTIALS');
    }
    // Said only to someone who knows the password, so it does not reveal which addresses exist.
    if (user.disabled) throw new AppError('TREMPLIN_ERR_ACCOUNT_DISABLED');

    await clearLoginFailures(this.#db, email);
    await recordLoginAttempt(this.#db, { email, ip: input.ip, succeeded: true, at: now });
    const token = newSessionToken();
    const expiresAt = this.#expiry(now);
    const sessionId = sessionIdOf(token);
    await insertSession(this.#db, {
      id: sessionId,
      userId: user.id,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    return { token, expiresAt, actor: await this.#actorOf(user, sessionId) };
  }

  /** The actor behind a session cookie, or undefined when the session is unknown, expired or disabled. */
  async resolve(token: string): Promise<Actor | undefined> {
    const now = new Date();
    const found = await findLiveSession(this.#db, sessionIdOf(token), now);
    if (!found || found.user.disabled) return undefined;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchSession(this.#db, found.session.id, now, this.#expiry(now));
    }
    return this.#actorOf(found.user, found.session.id);
  }

  async logout(token: string): Promise<void> {
    await deleteSession(this.#db, sessionIdOf(token));
  }

  async #actorOf(user: UserRow, sessionId: string): Promise<Actor> {
    const memberships = await listUserMemberships(this.#db, user.id);
    return { user, sessionId, memberships, roles: new Set(memberships.map((m) => m.role)) };
  }

  #expiry(now: Date): Date {
    return new Date(now.getTime() + this.#config.sessionTtlHours * 3_600_000);
  }
}
