// Applying a checked import: one transaction, checked again inside it, written in bulk.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { recordAudits, type AuditEntry } from '../queries/audit.ts';
import { createPasswordResets } from '../queries/password-resets.ts';
import { groupMoves, groups, importBatches, memberships, users } from '../schema/index.ts';
import { toCsv } from '../csv.ts';
import { checkImport, slices, type ImportReport } from './check.ts';
import type { ImportKind } from './columns.ts';

/** What an account holds until its owner follows the activation link: argon2 verify fails on it. */
export const NO_PASSWORD = '!';
export const ACTIVATION_DAYS = 14;

/** The report as stored: the dry run's, plus the accounts the apply created (for their links). */
export interface StoredReport extends ImportReport {
  createdUserIds?: string[];
  groupsCreated?: number;
}

export type ImportBatchRow = typeof importBatches.$inferSelect;

type ApplyErrorCode = 'not-found' | 'already-applied' | 'not-applied' | 'conflict';

export class ImportApplyError extends Error {
  readonly code: ApplyErrorCode;
  constructor(code: ApplyErrorCode) {
    super(code);
    this.code = code;
  }
}

/** Checks a file and stores the batch with its report (status `checked`). */
export async function createImportBatch(
  db: Db,
  input: { kind: ImportKind; fileName: string; content: string; createdBy: string | null },
): Promise<ImportBatchRow> {
  const { report } = await checkImport(db, input.kind, input.content);
  const [row] = await db
    .insert(importBatches)
    .values({
      kind: input.kind,
      fileName: input.fileName,
      content: input.content,
      report,
      rowsTotal: report.rowsTotal,
      rowsValid: report.rowsValid,
      createdBy: input.createdBy,
    })
    .returning();
  return row!;
}

export async function findImportBatch(db: Db, id: string): Promise<ImportBatchRow | undefined> {
  const [row] = await db.select().from(importBatches).where(eq(importBatches.id, id));
  return row;
}

/** The newest batches, without their content. */
export async function listImportBatches(db: Db, limit = 20) {
  return db
    .select({
      id: importBatches.id,
      kind: importBatches.kind,
      fileName: importBatches.fileName,
      status: importBatches.status,
      rowsTotal: importBatches.rowsTotal,
      rowsValid: importBatches.rowsValid,
      rowsImported: importBatches.rowsImported,
      mode: importBatches.mode,
      createdAt: importBatches.createdAt,
      appliedAt: importBatches.appliedAt,
    })
    .from(importBatches)
    .orderBy(sql`${importBatches.createdAt} desc`)
    .limit(limit);
}

export type ApplyOutcome =
  | { applied: true; batch: ImportBatchRow }
  /** `all` refused: the file (checked again just now) has errors; the stored report is the new one. */
  | { applied: false; batch: ImportBatchRow };

/** A unique key met (23505): another import or action wrote the same account or group meanwhile. */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Enrols learners in the modules of the group each now belongs to (one statement per slice). */
async function enrolInGroupModules(tx: Db, userIds: string[]): Promise<void> {
  for (const slice of slices(userIds)) {
    await tx.execute(sql`insert into enrolments (user_id, module_id, cohort_id)
      select m.user_id, gm.module_id, g.cohort_id
      from memberships m
      join group_modules gm on gm.group_id = m.group_id
      join groups g on g.id = m.group_id
      where m.role = 'student' and m.user_id in ${slice}
      on conflict (user_id, module_id) do nothing`);
  }
}

/**
 * Applies a checked batch once: `all` writes every row or nothing (refused when a row has an
 * error), `valid` writes the valid rows. The rows are checked again inside the transaction, the
 * batch row is locked so that two applies cannot both run.
 */
export async function applyImportBatch(
  db: Db,
  {
    batchId,
    mode,
    actorId,
    now = new Date(),
  }: { batchId: string; mode: 'all' | 'valid'; actorId: string | null; now?: Date },
): Promise<ApplyOutcome> {
  return applyInTransaction(db, { batchId, mode, actorId, now }).catch((error: unknown) => {
    // The check ran inside the transaction, but a concurrent one may have committed the same
    // address or group since: nothing was written; checking the file again will say which rows.
    if (isUniqueViolation(error)) throw new ImportApplyError('conflict');
    throw error;
  });
}

async function applyInTransaction(
  db: Db,
  {
    batchId,
    mode,
    actorId,
    now,
  }: { batchId: string; mode: 'all' | 'valid'; actorId: string | null; now: Date },
): Promise<ApplyOutcome> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(importBatches).where(eq(importBatches.id, batchId)).for('update');
    if (!batch) throw new ImportApplyError('not-found');
    if (batch.status !== 'checked') throw new ImportApplyError('already-applied');
    const { report, rows, groups: planned } = await checkImport(tx, batch.kind, batch.content);
    if (mode === 'all' && report.errors.length > 0) {
      const [refreshed] = await tx
        .update(importBatches)
        .set({ report, rowsTotal: report.rowsTotal, rowsValid: report.rowsValid })
        .where(eq(importBatches.id, batchId))
        .returning();
      return { applied: false, batch: refreshed! };
    }
    const audits: AuditEntry[] = [];

    // The groups the rows need that do not exist yet.
    const groupIds = new Map<string, string>();
    const needed = new Set(rows.map((r) => r.groupKey));
    const toCreate = [...planned.values()].filter((g) => needed.has(g.key));
    for (const g of toCreate) if (g.id) groupIds.set(g.key, g.id);
    const fresh = toCreate.filter((g) => !g.id);
    for (const slice of slices(fresh)) {
      const created = await tx
        .insert(groups)
        .values(slice.map((g) => ({ name: g.name, universityId: g.universityId, cohortId: g.cohortId })))
        .returning({
          id: groups.id,
          name: groups.name,
          universityId: groups.universityId,
          cohortId: groups.cohortId,
        });
      slice.forEach((g, i) => {
        const row = created[i]!;
        groupIds.set(g.key, row.id);
        audits.push({
          actorId,
          action: 'group.create',
          subjectType: 'group',
          subjectId: row.id,
          after: {
            name: row.name,
            universityId: row.universityId,
            cohortId: row.cohortId,
            importId: batchId,
          },
        });
      });
    }

    const createdUserIds: string[] = [];
    if (batch.kind !== 'assignments') {
      const role: 'tutor' | 'student' = batch.kind === 'tutors' ? 'tutor' : 'student';
      for (const slice of slices(rows)) {
        const created = await tx
          .insert(users)
          .values(slice.map((r) => ({ email: r.email, displayName: r.name, passwordHash: NO_PASSWORD })))
          .returning({ id: users.id });
        const ids = created.map((u) => u.id);
        createdUserIds.push(...ids);
        await tx
          .insert(memberships)
          .values(slice.map((r, i) => ({ userId: ids[i]!, role, groupId: groupIds.get(r.groupKey)! })));
        if (role === 'student') await enrolInGroupModules(tx, ids);
      }
    } else {
      const moves = rows.filter((r) => r.action === 'move');
      for (const slice of slices(moves)) {
        const values = sql.join(
          slice.map((r) => sql`(${r.membershipId}::uuid, ${groupIds.get(r.groupKey)}::uuid)`),
          sql`, `,
        );
        await tx.execute(sql`update memberships m set group_id = v.group_id
          from (values ${values}) as v(id, group_id) where m.id = v.id`);
        await tx.insert(groupMoves).values(
          slice.map((r) => ({
            userId: r.userId!,
            fromGroupId: r.fromGroupId ?? null,
            toGroupId: groupIds.get(r.groupKey)!,
            movedBy: actorId,
            reason: `import ${batchId}`,
          })),
        );
        await enrolInGroupModules(
          tx,
          slice.map((r) => r.userId!),
        );
      }
      const assigned = rows.filter((r) => r.action === 'assign-tutor');
      for (const slice of slices(assigned))
        await tx
          .insert(memberships)
          .values(
            slice.map((r) => ({
              userId: r.userId!,
              role: 'tutor' as const,
              groupId: groupIds.get(r.groupKey)!,
            })),
          )
          .onConflictDoNothing();
      for (const r of rows)
        audits.push({
          actorId,
          action: r.action === 'move' ? 'learner.move' : 'group.assign-tutor',
          subjectType: 'user',
          subjectId: r.userId!,
          before: r.fromGroupId ? { groupId: r.fromGroupId } : null,
          after: { groupId: groupIds.get(r.groupKey), importId: batchId },
        });
    }

    audits.push({
      actorId,
      action: 'import.apply',
      subjectType: 'import',
      subjectId: batchId,
      after: {
        kind: batch.kind,
        fileName: batch.fileName,
        mode,
        rowsTotal: report.rowsTotal,
        rowsImported: rows.length,
        groupsCreated: fresh.length,
      },
    });
    for (const slice of slices(audits, 2_000)) await recordAudits(tx, slice);

    const stored: StoredReport = { ...report, createdUserIds, groupsCreated: fresh.length };
    const [applied] = await tx
      .update(importBatches)
      .set({
        status: 'applied',
        mode,
        report: stored,
        rowsTotal: report.rowsTotal,
        rowsValid: report.rowsValid,
        rowsImported: rows.length,
        appliedAt: now,
      })
      .where(eq(importBatches.id, batchId))
      .returning();
    return { applied: true, batch: applied! };
  });
}

/**
 * New one-time activation links (14 days) for the accounts an applied import created and whose
 * owner has not chosen a password yet, as a CSV (email, name, link). Each call replaces the links
 * given before: only the newest download works, and no token is ever stored in clear.
 */
export async function issueActivationLinks(
  db: Db,
  {
    batchId,
    actorId,
    linkBase,
    now = new Date(),
  }: { batchId: string; actorId: string | null; linkBase: string; now?: Date },
): Promise<{ csv: string; count: number }> {
  return db.transaction(async (tx) => {
    const batch = await findImportBatch(tx, batchId);
    if (!batch) throw new ImportApplyError('not-found');
    if (batch.status !== 'applied') throw new ImportApplyError('not-applied');
    const ids = (batch.report as StoredReport).createdUserIds ?? [];
    const pending: Array<{ id: string; email: string; displayName: string }> = [];
    for (const slice of slices(ids))
      pending.push(
        ...(await tx
          .select({ id: users.id, email: users.email, displayName: users.displayName })
          .from(users)
          .where(
            and(inArray(users.id, slice), eq(users.passwordHash, NO_PASSWORD), eq(users.disabled, false)),
          )),
      );
    const expiresAt = new Date(now.getTime() + ACTIVATION_DAYS * 24 * 3600 * 1000);
    const tokens = await createPasswordResets(
      tx,
      pending.map((u) => u.id),
      { createdBy: actorId, expiresAt },
    );
    await recordAudits(tx, [
      {
        actorId,
        action: 'import.activation-links',
        subjectType: 'import',
        subjectId: batchId,
        after: { links: pending.length, expiresAt: expiresAt.toISOString() },
      },
    ]);
    const base = linkBase.replace(/\/$/, '');
    const csv = toCsv(
      ['email', 'nom', 'lien'],
      pending.map((u) => [u.email, u.displayName, `${base}/reinitialisation/${tokens.get(u.id)}`]),
    );
    return { csv, count: pending.length };
  });
}
