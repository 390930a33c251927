import type { ImportReport, ImportSummary, Locale } from '@tremplin/contracts';
import {
  applyImportBatch,
  createImportBatch,
  CsvReadError,
  decodeCsv,
  findImportBatch,
  ImportApplyError,
  importMessage,
  issueActivationLinks,
  listImportBatches,
  type Db,
  type ImportBatchRow,
  type ImportKind,
  type StoredReport,
} from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';

/** The errors a report sends at most (a 15,000-row file of garbage would otherwise weigh megabytes). */
const ERRORS_SHOWN = 1_000;

function summary(row: Omit<ImportBatchRow, 'content' | 'report' | 'createdBy'>): ImportSummary {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    status: row.status,
    rowsTotal: row.rowsTotal,
    rowsValid: row.rowsValid,
    rowsImported: row.rowsImported,
    mode: row.mode,
    createdAt: row.createdAt.toISOString(),
    appliedAt: row.appliedAt?.toISOString() ?? null,
  };
}

/** The stored report in the caller's language. */
function present(row: ImportBatchRow, locale: Locale): ImportReport {
  const report = row.report as StoredReport;
  return {
    ...summary(row),
    errors: report.errors.slice(0, ERRORS_SHOWN).map((e) => ({
      line: e.line,
      column: e.column,
      code: e.code,
      message: importMessage(e.code, e.params, locale),
    })),
    errorsTotal: report.errors.length,
    groupsToCreate: report.groupsToCreate,
    preview: report.preview,
    groupsCreated: report.groupsCreated ?? null,
  };
}

function applyError(error: unknown): never {
  if (error instanceof ImportApplyError) {
    if (error.code === 'not-found') throw notFound();
    if (error.code === 'already-applied') throw new AppError('TREMPLIN_ERR_IMPORT_APPLIED');
    if (error.code === 'conflict') throw new AppError('TREMPLIN_ERR_CONFLICT');
    throw new AppError('TREMPLIN_ERR_IMPORT_NOT_APPLIED');
  }
  throw error;
}

export class ImportsService {
  readonly #db: Db;
  readonly #linkBase: string;

  constructor(db: Db, linkBase: string) {
    this.#db = db;
    this.#linkBase = linkBase;
  }

  async upload(
    actorId: string,
    input: { kind: ImportKind; fileName: string; bytes: Uint8Array },
    locale: Locale,
  ): Promise<ImportReport> {
    let content: string;
    try {
      content = decodeCsv(input.bytes);
    } catch (error) {
      if (error instanceof CsvReadError) throw new AppError('TREMPLIN_ERR_IMPORT_ENCODING');
      throw error;
    }
    const row = await createImportBatch(this.#db, {
      kind: input.kind,
      fileName: input.fileName,
      content,
      createdBy: actorId,
    });
    return present(row, locale);
  }

  async list(): Promise<ImportSummary[]> {
    return (await listImportBatches(this.#db)).map(summary);
  }

  async get(id: string, locale: Locale): Promise<ImportReport> {
    const row = await findImportBatch(this.#db, id);
    if (!row) throw notFound();
    return present(row, locale);
  }

  async apply(actorId: string, id: string, mode: 'all' | 'valid', locale: Locale): Promise<ImportReport> {
    const outcome = await applyImportBatch(this.#db, { batchId: id, mode, actorId }).catch(applyError);
    if (!outcome.applied)
      throw new AppError('TREMPLIN_ERR_IMPORT_HAS_ERRORS', {
        count: (outcome.batch.report as StoredReport).errors.length,
      });
    return present(outcome.batch, locale);
  }

  async activationLinks(actorId: string, id: string): Promise<{ csv: string; fileName: string }> {
    const { csv } = await issueActivationLinks(this.#db, {
      batchId: id,
      actorId,
      linkBase: this.#linkBase,
    }).catch(applyError);
    return { csv, fileName: `liens-activation-${id.slice(0, 8)}.csv` };
  }
}
