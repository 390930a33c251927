// The first staff accounts of a new database (`pnpm db:create-staff`): on an empty production database
// there is nobody yet to sign in and create the others, and the demo's accounts are not to be kept.
import { eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { NO_PASSWORD, ACTIVATION_DAYS } from './imports/apply.ts';
import { PROGRAMME_ROLES, addProgrammeRole, listProgrammeRoles } from './queries/accounts.ts';
import { recordAudit } from './queries/audit.ts';
import { createPasswordResets } from './queries/password-resets.ts';
import { users } from './schema/index.ts';

export type StaffRole = (typeof PROGRAMME_ROLES)[number];

export interface StaffAccountRequest {
  email: string;
  name: string;
  role: StaffRole;
}

export interface StaffAccount {
  userId: string;
  created: boolean;
  roles: StaffRole[];
  /** The one-time link (path) by which the holder chooses their password; none is ever set here. */
  activationPath: string;
  expiresAt: Date;
}

/** A refused request, said in French for whoever runs the command. */
export class StaffAccountError extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Creates the account (or finds it by its address), gives it the programme role and a one-time
 * activation link: the holder sets their own password, so none travels through a terminal or a shell
 * history. One transaction, with its audit lines (actor: none, the command line).
 */
export async function createStaffAccount(
  db: Db,
  request: StaffAccountRequest,
  now = new Date(),
): Promise<StaffAccount> {
  const email = request.email.trim().toLowerCase();
  const name = request.name.trim();
  if (!EMAIL.test(email))
    throw new StaffAccountError(`Adresse électronique invalide : « ${request.email} ».`);
  if (name.length === 0 || name.length > 120)
    throw new StaffAccountError('Le nom affiché est obligatoire (120 caractères au plus).');
  if (!(PROGRAMME_ROLES as readonly string[]).includes(request.role))
    throw new StaffAccountError(
      `Rôle inconnu : « ${request.role} ». Rôles possibles : ${PROGRAMME_ROLES.join(', ')}.`,
    );

  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, disabled: users.disabled })
      .from(users)
      .where(eq(users.email, email));
    if (existing?.disabled)
      throw new StaffAccountError(
        `Le compte ${email} est désactivé : réactivez-le depuis l'écran des comptes plutôt que par cette commande.`,
      );
    const userId =
      existing?.id ??
      (await tx.insert(users).values({ email, displayName: name, passwordHash: NO_PASSWORD }).returning())[0]!
        .id;
    if (!existing)
      await recordAudit(tx, {
        actorId: null,
        action: 'account.create',
        subjectType: 'user',
        subjectId: userId,
        after: { email, displayName: name },
        reason: 'pnpm db:create-staff',
      });
    const before = await listProgrammeRoles(tx, userId);
    await addProgrammeRole(tx, userId, request.role);
    const roles = await listProgrammeRoles(tx, userId);
    if (!before.includes(request.role))
      await recordAudit(tx, {
        actorId: null,
        action: 'account.set-roles',
        subjectType: 'user',
        subjectId: userId,
        before: { roles: before },
        after: { roles },
        reason: 'pnpm db:create-staff',
      });
    const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 24 * 3_600_000);
    const token = (await createPasswordResets(tx, [userId], { createdBy: null, expiresAt })).get(userId)!;
    await recordAudit(tx, {
      actorId: null,
      action: 'account.reset-link',
      subjectType: 'user',
      subjectId: userId,
      after: { expiresAt: expiresAt.toISOString() },
      reason: 'pnpm db:create-staff',
    });
    return {
      userId,
      created: !existing,
      roles,
      activationPath: `/reinitialisation/${token}`,
      expiresAt,
    };
  });
}
