import type { Role, SignInFailures } from '@tremplin/contracts';
import {
  clearPairFailures,
  deleteLoginAttempt,
  deleteSession,
  findSessionActors,
  findUserByEmail,
  hashPassword,
  insertSession,
  listSignInFailures,
  listUserMemberships,
  readSignInHistory,
  recordLoginAttempt,
  touchSession,
  verifyPassword,
  type Db,
  type FeedRows,
  type SessionActorRow,
  type SessionUser,
  type UserMembership,
  type UserRow,
} from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import { BatchLoader, GATHER_MS } from '../../batch-loader.ts';
import type { Config } from '../../config.ts';
import { KEPT_MESSAGES } from '../../ws/feed-loader.ts';
import { AppError, tooManyAttempts } from '../../errors.ts';
import { newSessionToken, sessionIdOf } from './session-token.ts';
import { pairRetryAt, secondsUntil, signInRetryAt } from './sign-in-limits.ts';

/** Who is making a request: the user, their roles and the groups those roles apply to. */
export interface Actor {
  user: SessionUser;
  sessionId: string;
  roles: ReadonlySet<Role>;
  memberships: readonly UserMembership[];
}

/**
 * The set of roles of these memberships: one set per combination, shared by every actor that has
 * it (an actor lives as long as its sessions' sockets, thousands of them at once).
 */
function rolesOf(memberships: readonly UserMembership[]): ReadonlySet<Role> {
  const roles = [...new Set(memberships.map((m) => m.role))];
  const key = roles.join(',');
  let shared = ROLE_SETS.get(key);
  if (!shared) ROLE_SETS.set(key, (shared = new Set(roles)));
  return shared;
}
const ROLE_SETS = new Map<string, ReadonlySet<Role>>();

/**
 * These memberships as one frozen copy per distinct value, with their roles, shared by every actor
 * that has them: a group's learners have the same ones (role, group, university, tutors), so the
 * sockets of a whole programme hold one copy per group instead of one per socket, and a connect
 * derives nothing. Past `SHARED_LIMIT` values the table starts over: sharing is lost for a while,
 * nothing else.
 */
function sharedAccess(memberships: readonly UserMembership[]): Access {
  const key = JSON.stringify(memberships);
  let shared = SHARED_ACCESS.get(key);
  if (!shared) {
    if (SHARED_ACCESS.size >= SHARED_LIMIT) SHARED_ACCESS.clear();
    const frozen = Object.freeze(memberships.map((membership) => Object.freeze({ ...membership })));
    shared = Object.freeze({ memberships: frozen, roles: rolesOf(frozen) });
    SHARED_ACCESS.set(key, shared);
  }
  return shared;
}
type Access = Pick<Actor, 'memberships' | 'roles'>;
const SHARED_ACCESS = new Map<string, Access>();
const SHARED_LIMIT = 10_000;

/** The user with the source's own string for their language: one for every actor, not one per row. */
function withSharedLocale(user: SessionUser): SessionUser {
  return { ...user, locale: user.locale === 'en' ? 'en' : 'fr' };
}

// Checked against when the address is unknown, so a wrong address costs as long as a wrong password.
const decoyHash = hashPassword('tremplin-decoy-password');

// Refresh the stored expiry at most this often: not a write on every request.
const TOUCH_EVERY_MS = 60 * 60 * 1000;

export class AuthService {
  readonly #db: Db;
  readonly #config: Config;
  readonly #now: () => Date;
  /** Sessions of requests arriving together, looked up in one statement. */
  readonly #sessions: BatchLoader<string, SessionActorRow>;
  /** The same for live sockets, with each learner's feed in the same statement. */
  readonly #socketSessions: BatchLoader<string, SessionActorRow>;

  constructor(db: Db, config: Config, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
    this.#sessions = new BatchLoader((ids) => findSessionActors(db, ids, this.#now()));
    this.#socketSessions = new BatchLoader(
      (ids) => findSessionActors(db, ids, this.#now(), { feedLimit: KEPT_MESSAGES }),
      500,
      GATHER_MS,
    );
  }

  /**
   * Checks the credentials within the sign-in limits (see `sign-in-limits.ts`) and opens a session.
   * Every outcome is logged with the address and the account, never the password.
   */
  async login(input: {
    email: string;
    password: string;
    ip: string;
    userAgent: string | undefined;
    log: FastifyBaseLogger;
  }): Promise<{ token: string; expiresAt: Date; actor: Actor }> {
    const email = input.email.trim().toLowerCase();
    const { ip, log } = input;
    const now = this.#now();
    const rules = this.#config.login;
    // Counted as a failure before the check, so that parallel attempts of one pair see each other.
    const attemptId = await recordLoginAttempt(this.#db, { email, ip, succeeded: false, at: now });
    const history = await readSignInHistory(this.#db, {
      email,
      ip,
      pairSince: new Date(now.getTime() - rules.memoryHours * 3_600_000),
      addressSince: new Date(now.getTime() - rules.addressWindowMinutes * 60_000),
      exceptId: attemptId,
    });
    const retryAt = signInRetryAt(history, rules, now);
    if (retryAt) {
      await deleteLoginAttempt(this.#db, attemptId);
      const retryAfterSeconds = secondsUntil(retryAt, now);
      log.warn(
        {
          ip,
          email,
          retryAfterSeconds,
          pairFailures: history.pairFailures,
          failingAccounts: history.failingAccounts,
        },
        'sign-in delayed',
      );
      throw tooManyAttempts(retryAfterSeconds);
    }

    const user = await findUserByEmail(this.#db, email);
    const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash), input.password);
    if (!user || !valid) {
      log.info(
        { ip, email, knownAccount: Boolean(user), pairFailures: history.pairFailures + 1 },
        'sign-in failed',
      );
      throw new AppError('TREMPLIN_ERR_INVALID_CREDENTIALS');
    }
    // Said only to someone who knows the password, so it does not reveal which addresses exist.
    if (user.disabled) {
      await deleteLoginAttempt(this.#db, attemptId);
      log.info({ ip, email, userId: user.id }, 'sign-in refused: account disabled');
      throw new AppError('TREMPLIN_ERR_ACCOUNT_DISABLED');
    }

    await clearPairFailures(this.#db, { email, ip });
    await recordLoginAttempt(this.#db, { email, ip, succeeded: true, at: now });
    const token = newSessionToken();
    const expiresAt = this.#expiry(now);
    const sessionId = sessionIdOf(token);
    await insertSession(this.#db, {
      id: sessionId,
      userId: user.id,
      expiresAt,
      ip,
      userAgent: input.userAgent?.slice(0, 500) ?? null,
    });
    log.info({ ip, email, userId: user.id }, 'signed in');
    return { token, expiresAt, actor: await this.#actorOf(user, sessionId) };
  }

  /** The clock of sessions and links (tests move it instead of sleeping). */
  now(): Date {
    return this.#now();
  }

  /** An account's recent failures per address, and when each address may try again. */
  async signInFailures(rawEmail: string): Promise<SignInFailures> {
    const email = rawEmail.trim().toLowerCase();
    const now = this.#now();
    const rules = this.#config.login;
    const since = new Date(now.getTime() - rules.memoryHours * 3_600_000);
    const rows = await listSignInFailures(this.#db, { email, since });
    return {
      email,
      since: since.toISOString(),
      addresses: rows.map((row) => ({
        address: row.ip,
        count: row.count,
        firstAt: row.firstAt.toISOString(),
        lastAt: row.lastAt.toISOString(),
        retryAt: pairRetryAt(row.count, row.lastAt, rules, now)?.toISOString() ?? null,
      })),
    };
  }

  /** The actor behind a session cookie, or undefined when the session is unknown, expired or disabled. */
  async resolve(token: string): Promise<Actor | undefined> {
    return (await this.#resolveWith(this.#sessions, token))?.actor;
  }

  /**
   * `resolve` for a live socket: the actor and, for a learner, their feed, read in the same
   * statement (shared by the sockets opening at that moment): one round trip per connect.
   */
  async resolveSocket(token: string): Promise<{ actor: Actor; feed: FeedRows | undefined } | undefined> {
    return this.#resolveWith(this.#socketSessions, token);
  }

  async #resolveWith(
    loader: BatchLoader<string, SessionActorRow>,
    token: string,
  ): Promise<{ actor: Actor; feed: FeedRows | undefined } | undefined> {
    const found = await loader.load(sessionIdOf(token));
    if (!found || found.user.disabled) return undefined;
    const now = this.#now();
    // Checked again here: the batch may have been read a moment before.
    if (found.session.expiresAt <= now) return undefined;
    if (now.getTime() - found.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await touchSession(this.#db, found.session.id, now, this.#expiry(now));
    }
    return {
      actor: {
        user: withSharedLocale(found.user),
        sessionId: found.session.id,
        ...sharedAccess(found.memberships),
      },
      feed: found.feed,
    };
  }

  async logout(token: string): Promise<void> {
    await deleteSession(this.#db, sessionIdOf(token));
  }

  async #actorOf({ passwordHash: _hash, ...user }: UserRow, sessionId: string): Promise<Actor> {
    const access = sharedAccess(await listUserMemberships(this.#db, user.id));
    return { user: withSharedLocale(user), sessionId, ...access };
  }

  #expiry(now: Date): Date {
    return new Date(now.getTime() + this.#config.sessionTtlHours * 3_600_000);
  }
}
