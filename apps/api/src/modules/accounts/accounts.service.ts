import {
  PASSWORD_MIN_LENGTH,
  type AccountPage,
  type AccountSummary,
  type AuditEntry,
  type AuditQuery,
  type ProgrammeRole,
  type ResetLink,
  type ResetTokenStatus,
  type Role,
} from '@tremplin/contracts';
import {
  addProgrammeRole,
  consumePasswordReset,
  createPasswordResets,
  endUserSessions,
  findResetHolder,
  findUserById,
  hashPassword,
  listAuditEntries,
  listProgrammeRoles,
  lockActiveAdmins,
  recordAudit,
  removeProgrammeRole,
  resetTokenHash,
  searchAccounts,
  setPasswordHash,
  setUserDisabled,
  type Db,
  type UserRow,
} from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { toCsv } from '@tremplin/db';

/** A reset link opens for a day; an activation link (imports) for 14 days. */
const RESET_LINK_HOURS = 24;

/**
 * The coordination's administration of accounts. Each change and its audit line are written in one
 * transaction; the sessions a change ends are answered so that the routes can close their sockets.
 */
export class AccountsService {
  readonly #db: Db;
  readonly #now: () => Date;

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#now = now;
  }

  async search(query: AccountSearchInput): Promise<AccountPage> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? 25;
    const { total, rows } = await searchAccounts(this.#db, {
      ...(query.q !== undefined ? { q: query.q } : {}),
      ...(query.role !== undefined ? { role: query.role } : {}),
      offset,
      limit,
    });
    return {
      total,
      offset,
      limit,
      accounts: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    };
  }

  /** Disables or enables an account; disabling ends its sessions at once. */
  async setDisabled(
    actor: Actor,
    userId: string,
    disabled: boolean,
    reason: string | undefined,
  ): Promise<{ account: AccountSummary; endedSessions: string[] }> {
    const user = await this.#user(userId);
    if (disabled && userId === actor.user.id) throw new AppError('TREMPLIN_ERR_OWN_ACCOUNT');
    const endedSessions = await this.#db.transaction(async (tx) => {
      if (disabled && !user.disabled) {
        const admins = await lockActiveAdmins(tx);
        if (admins.includes(userId) && admins.length === 1) throw new AppError('TREMPLIN_ERR_LAST_ADMIN');
      }
      await setUserDisabled(tx, userId, disabled);
      const ended = disabled ? await endUserSessions(tx, userId) : [];
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: disabled ? 'account.disable' : 'account.enable',
        subjectType: 'user',
        subjectId: userId,
        before: { disabled: user.disabled },
        after: { disabled, endedSessions: ended.length },
        reason: reason ?? null,
      });
      return ended;
    });
    return { account: await this.#summary(userId), endedSessions };
  }

  /** A one-time reset link for the account, valid 24 h; earlier unused links stop working. */
  async createResetLink(actor: Actor, userId: string, reason: string | undefined): Promise<ResetLink> {
    await this.#user(userId);
    const expiresAt = new Date(this.#now().getTime() + RESET_LINK_HOURS * 3_600_000);
    const token = await this.#db.transaction(async (tx) => {
      const tokens = await createPasswordResets(tx, [userId], { createdBy: actor.user.id, expiresAt });
      // The link itself is never written down: only that one was made, by whom, until when.
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'account.reset-link',
        subjectType: 'user',
        subjectId: userId,
        after: { expiresAt: expiresAt.toISOString() },
        reason: reason ?? null,
      });
      return tokens.get(userId)!;
    });
    return { path: `/reinitialisation/${token}`, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Makes `roles` the account's programme-wide roles. Refuses removing the last active administrator,
   * one's own coordinator or admin role, and a coordinator's touching the admin role.
   */
  async setRoles(
    actor: Actor,
    userId: string,
    roles: ProgrammeRole[],
    reason: string | undefined,
  ): Promise<AccountSummary> {
    await this.#user(userId);
    await this.#db.transaction(async (tx) => {
      const before = await listProgrammeRoles(tx, userId);
      const added = roles.filter((r) => !before.includes(r));
      const removed = before.filter((r) => !roles.includes(r));
      if (added.length === 0 && removed.length === 0) return;
      const touchesAdmin = added.includes('admin') || removed.includes('admin');
      if (touchesAdmin && !actor.roles.has('admin')) throw new AppError('TREMPLIN_ERR_ADMIN_ONLY');
      if (userId === actor.user.id) {
        const own = removed.find((r) => r === 'coordinator' || r === 'admin');
        if (own) throw new AppError('TREMPLIN_ERR_OWN_ROLE', { role: own });
      }
      if (removed.includes('admin')) {
        const admins = await lockActiveAdmins(tx);
        if (admins.includes(userId) && admins.length === 1) throw new AppError('TREMPLIN_ERR_LAST_ADMIN');
      }
      for (const role of added) await addProgrammeRole(tx, userId, role);
      for (const role of removed) await removeProgrammeRole(tx, userId, role);
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'account.set-roles',
        subjectType: 'user',
        subjectId: userId,
        before: { roles: before },
        after: { roles: [...roles].sort() },
        reason: reason ?? null,
      });
    });
    return this.#summary(userId);
  }

  /** Whether a reset link is still good, and whose it is by display name only. */
  async resetStatus(token: string): Promise<ResetTokenStatus> {
    const holder = await findResetHolder(this.#db, resetTokenHash(token), this.#now());
    if (!holder) throw new AppError('TREMPLIN_ERR_RESET_LINK_INVALID');
    return { displayName: holder.displayName, expiresAt: holder.expiresAt.toISOString() };
  }

  /**
   * Sets a new password through a one-time link: spends the link and ends every session of the
   * account (whoever held the old password is signed out). Answers the ended sessions.
   */
  async resetPassword(token: string, password: string): Promise<string[]> {
    if ([...password].length < PASSWORD_MIN_LENGTH)
      throw new AppError('TREMPLIN_ERR_PASSWORD_TOO_SHORT', { min: PASSWORD_MIN_LENGTH }, 'password');
    const passwordHash = await hashPassword(password);
    return this.#db.transaction(async (tx) => {
      const userId = await consumePasswordReset(tx, token, this.#now());
      if (!userId) throw new AppError('TREMPLIN_ERR_RESET_LINK_INVALID');
      await setPasswordHash(tx, userId, passwordHash);
      const ended = await endUserSessions(tx, userId);
      await recordAudit(tx, {
        actorId: userId,
        action: 'account.password-reset',
        subjectType: 'user',
        subjectId: userId,
        after: { endedSessions: ended.length },
      });
      return ended;
    });
  }

  async audit(query: AuditQuery): Promise<AuditEntry[]> {
    const rows = await listAuditEntries(this.#db, {
      ...(query.action ? { action: query.action } : {}),
      ...(query.subjectType ? { subjectType: query.subjectType } : {}),
      ...(query.subjectId ? { subjectId: query.subjectId } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.before !== undefined ? { before: query.before } : {}),
      limit: query.limit ?? 50,
    });
    return rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorName,
      action: r.action,
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      before: r.before ?? null,
      after: r.after ?? null,
      reason: r.reason,
    }));
  }

  /** The audit log's lines as CSV (the same filters; up to 10,000 lines). */
  async auditCsv(query: AuditQuery): Promise<string> {
    const entries = await this.audit({ ...query, limit: 10_000 });
    return toCsv(
      [
        'id',
        'at',
        'actor_id',
        'actor_name',
        'action',
        'subject_type',
        'subject_id',
        'before',
        'after',
        'reason',
      ],
      entries.map((e) => [
        e.id,
        e.at,
        e.actorId,
        e.actorName,
        e.action,
        e.subjectType,
        e.subjectId,
        e.before === null ? '' : JSON.stringify(e.before),
        e.after === null ? '' : JSON.stringify(e.after),
        e.reason,
      ]),
    );
  }

  async #user(userId: string): Promise<UserRow> {
    const user = await findUserById(this.#db, userId);
    if (!user) throw notFound();
    return user;
  }

  async #summary(userId: string): Promise<AccountSummary> {
    const user = await this.#user(userId);
    const { rows } = await searchAccounts(this.#db, { q: user.email, offset: 0, limit: 50 });
    const row = rows.find((r) => r.id === userId)!;
    return { ...row, createdAt: row.createdAt.toISOString() };
  }
}

export interface AccountSearchInput {
  q?: string | undefined;
  role?: Role | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}
