import type {
  ApplicationBody,
  ApplicationDetail,
  ApplicationList,
  ApplicationListQuery,
  ApplicationDocument,
  DecisionBody,
  Locale,
  OwnApplication,
  ReviewBody,
  StudyLevel,
  TutorCall,
  TutorCallBody,
  TutorCallList,
} from '@tremplin/contracts';
import {
  countCallApplications,
  decideApplication,
  enrolInTraining,
  findApplicationById,
  findApplicationOf,
  findCohort,
  findDocument,
  findTrainingGroup,
  findTutorCall,
  findUserById,
  insertDocument,
  insertTutorCall,
  listApplicationsOfUser,
  listCallApplications,
  listDocuments,
  listReviews,
  listTutorCalls,
  listUniversities,
  recordAudit,
  saveApplication,
  saveReview,
  updateTutorCall,
  type ApplicationDocumentRow,
  type ApplicationRow,
  type Db,
  type TutorCallRow,
} from '@tremplin/db';
import { createHash } from 'node:crypto';
import type { Config } from '../../config.ts';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { toCsv } from '@tremplin/db';
import { cleanFileName, DocumentStore, isPdf } from './documents.ts';
import { ineligibleRules, reasonOf, type EligibilityRule } from './eligibility.ts';
import { lomeStamp, lomeWords } from './lome-time.ts';

/** The coordination: coordinators, and the administrators who see all it sees. */
export function coordinates(actor: Actor | null): boolean {
  return Boolean(actor && (actor.roles.has('coordinator') || actor.roles.has('admin')));
}

const megabytes = (bytes: number): Record<Locale, string> => {
  const n = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return { fr: `${String(n).replace('.', ',')} Mo`, en: `${n} MB` };
};

type Universities = Array<{ id: string; slug: string; name: string }>;

export class RecruitmentService {
  readonly #db: Db;
  readonly #config: Config;
  readonly #now: () => Date;
  readonly #store: DocumentStore;

  constructor(db: Db, config: Config, now: () => Date) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
    this.#store = new DocumentStore(config.dataDir);
  }

  // ---- Calls ----

  /** The calls anyone may read (opened ones); the coordination also sees those not open yet. */
  async listCalls(actor: Actor | null): Promise<TutorCallList> {
    const universities = await listUniversities(this.#db);
    const rows = await listTutorCalls(this.#db, coordinates(actor) ? undefined : this.#now());
    return { calls: rows.map((row) => this.#toCall(row, universities)), universities };
  }

  async getCall(actor: Actor | null, id: string): Promise<TutorCall> {
    const call = await this.#readableCall(actor, id);
    return this.#toCall(call, await listUniversities(this.#db));
  }

  async openCall(actor: Actor, body: TutorCallBody, locale: Locale): Promise<TutorCall> {
    await this.#checkCall(body, locale);
    return this.#db.transaction(async (tx) => {
      const row = await insertTutorCall(tx, {
        ...this.#callValues(body),
        createdBy: actor.user.id,
      }).catch((error: unknown) => {
        throw this.#slugTaken(error);
      });
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'call.open',
        subjectType: 'call',
        subjectId: row.id,
        before: null,
        after: body,
      });
      return this.#toCall(row, await listUniversities(tx));
    });
  }

  async editCall(actor: Actor, id: string, body: TutorCallBody, locale: Locale): Promise<TutorCall> {
    const before = await findTutorCall(this.#db, id);
    if (!before) throw notFound();
    await this.#checkCall(body, locale);
    return this.#db.transaction(async (tx) => {
      const row = await updateTutorCall(tx, id, this.#callValues(body)).catch((error: unknown) => {
        throw this.#slugTaken(error);
      });
      if (!row) throw notFound();
      const { createdAt: _c, createdBy: _b, id: _i, ...previous } = before;
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'call.edit',
        subjectType: 'call',
        subjectId: id,
        before: previous,
        after: body,
      });
      return this.#toCall(row, await listUniversities(tx));
    });
  }

  // ---- The candidate's side ----

  async ownApplications(actor: Actor, locale: Locale): Promise<OwnApplication[]> {
    const rows = await listApplicationsOfUser(this.#db, actor.user.id);
    return this.#toOwn(rows, locale);
  }

  /**
   * Creates or replaces the candidate's application to a call, before its deadline (to the minute,
   * Lomé time); its eligibility is checked at once and answered with the reasons.
   */
  async apply(actor: Actor, callId: string, body: ApplicationBody, locale: Locale): Promise<OwnApplication> {
    if (!actor.roles.has('candidate')) throw new AppError('TREMPLIN_ERR_FORBIDDEN');
    const call = await this.#readableCall(actor, callId);
    this.#checkOpen(call);
    const universities = await listUniversities(this.#db);
    if (!universities.some((u) => u.id === body.universityId))
      throw new AppError(
        'TREMPLIN_ERR_VALIDATION',
        { detail: locale === 'fr' ? 'université inconnue' : 'unknown university' },
        'universityId',
      );
    const existing = await findApplicationOf(this.#db, call.id, actor.user.id);
    if (existing && existing.status !== 'submitted') throw this.#decided(existing);
    const rules = ineligibleRules(call, body);
    const row = await saveApplication(this.#db, {
      callId: call.id,
      userId: actor.user.id,
      universityId: body.universityId,
      level: body.level,
      field: body.field,
      studentNumber: body.studentNumber.trim(),
      motivation: body.motivation.trim(),
      eligible: rules.length === 0,
      ineligibleReasons: rules,
      at: this.#now(),
    });
    const [own] = await this.#toOwn([row], locale);
    return own!;
  }

  /** Attaches a PDF (checked by its content, and its size) to the candidate's own application. */
  async addDocument(
    actor: Actor,
    applicationId: string,
    name: string,
    bytes: Buffer,
  ): Promise<ApplicationDocument> {
    const application = await findApplicationById(this.#db, applicationId);
    // Someone else's application does not exist, as far as a candidate can tell.
    if (!application || application.userId !== actor.user.id) throw notFound();
    const call = await findTutorCall(this.#db, application.callId);
    if (!call) throw notFound();
    this.#checkOpen(call);
    if (application.status !== 'submitted') throw this.#decided(application);
    const { maxDocumentBytes, maxDocuments } = this.#config.recruitment;
    if (bytes.length > maxDocumentBytes)
      throw new AppError('TREMPLIN_ERR_DOCUMENT_TOO_LARGE', { limit: megabytes(maxDocumentBytes) });
    if (!isPdf(bytes)) throw new AppError('TREMPLIN_ERR_DOCUMENT_NOT_PDF');
    const existing = await listDocuments(this.#db, [application.id]);
    if (existing.length >= maxDocuments)
      throw new AppError('TREMPLIN_ERR_TOO_MANY_DOCUMENTS', { limit: maxDocuments });
    const storageKey = await this.#store.put(bytes);
    try {
      const row = await insertDocument(this.#db, {
        applicationId: application.id,
        fileName: cleanFileName(name),
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        storageKey,
        uploadedAt: this.#now(),
      });
      return toDocument(row);
    } catch (error) {
      await this.#store.remove(storageKey);
      throw error;
    }
  }

  /** A document's bytes, for the coordination and the candidate who sent it; 404 to anyone else. */
  async readDocument(actor: Actor, id: string): Promise<{ fileName: string; bytes: Buffer }> {
    const document = await findDocument(this.#db, id);
    if (!document || !(coordinates(actor) || document.ownerId === actor.user.id)) throw notFound();
    return { fileName: document.fileName, bytes: await this.#store.get(document.storageKey) };
  }

  // ---- The coordination's side ----

  async listApplications(callId: string, query: ApplicationListQuery): Promise<ApplicationList> {
    const call = await findTutorCall(this.#db, callId);
    if (!call) throw notFound();
    const [{ rows, matching }, counts] = await Promise.all([
      listCallApplications(this.#db, callId, query),
      countCallApplications(this.#db, callId),
    ]);
    return {
      counts,
      matching,
      applications: rows.map((row) => ({
        id: row.id,
        candidateName: row.candidateName,
        email: row.email,
        universityName: row.universityName,
        level: row.level as StudyLevel,
        field: row.field,
        eligible: row.eligible,
        status: row.status,
        meanScore: roundScore(row.meanScore),
        reviewCount: row.reviewCount,
        documentCount: row.documentCount,
        submittedAt: row.submittedAt.toISOString(),
      })),
    };
  }

  async detail(id: string, locale: Locale, db: Db = this.#db): Promise<ApplicationDetail> {
    const application = await findApplicationById(db, id);
    if (!application) throw notFound();
    const [call, user, reviews] = await Promise.all([
      findTutorCall(db, application.callId),
      findUserById(db, application.userId),
      listReviews(db, id),
    ]);
    if (!call || !user) throw notFound();
    const [own] = await this.#toOwn([application], locale, db);
    const meanByCriterion: Record<string, number> = {};
    if (reviews.length > 0)
      for (const criterion of call.rubric)
        meanByCriterion[criterion.id] = roundScore(
          reviews.reduce((sum, r) => sum + (r.scores[criterion.id] ?? 0), 0) / reviews.length,
        )!;
    const group =
      application.status === 'selected'
        ? await findTrainingGroup(db, application.userId, call.trainingCohortId)
        : undefined;
    return {
      application: own!,
      candidateName: user.displayName,
      email: user.email,
      call: this.#toCall(call, await listUniversities(db)),
      reviews: reviews.map((r) => ({
        reviewerId: r.reviewerId,
        reviewerName: r.reviewerName,
        scores: r.scores,
        total: r.total,
        comment: r.comment,
        updatedAt: r.updatedAt.toISOString(),
      })),
      meanScore: reviews.length
        ? roundScore(reviews.reduce((s, r) => s + r.total, 0) / reviews.length)
        : null,
      meanByCriterion,
      trainingGroupName: group?.name ?? null,
    };
  }

  /** The reviewer's own scores against the call's rubric (each criterion, from 0 to its maximum). */
  async review(actor: Actor, id: string, body: ReviewBody, locale: Locale): Promise<ApplicationDetail> {
    const application = await findApplicationById(this.#db, id);
    if (!application) throw notFound();
    const call = await findTutorCall(this.#db, application.callId);
    if (!call) throw notFound();
    const fr = locale === 'fr';
    const problems: string[] = [];
    for (const criterion of call.rubric) {
      const score = body.scores[criterion.id];
      if (score === undefined)
        problems.push(fr ? `« ${criterion.fr} » manque` : `"${criterion.en}" is missing`);
      else if (score > criterion.max)
        problems.push(
          fr
            ? `« ${criterion.fr} » va de 0 à ${criterion.max}`
            : `"${criterion.en}" goes from 0 to ${criterion.max}`,
        );
    }
    for (const key of Object.keys(body.scores))
      if (!call.rubric.some((c) => c.id === key))
        problems.push(fr ? `critère inconnu « ${key} »` : `unknown criterion "${key}"`);
    if (problems.length > 0)
      throw new AppError(
        'TREMPLIN_ERR_RUBRIC_SCORES',
        { detail: problems.join(fr ? ' ; ' : '; ') },
        'scores',
      );
    return this.#db.transaction(async (tx) => {
      const before = (await listReviews(tx, id)).find((r) => r.reviewerId === actor.user.id);
      await saveReview(tx, {
        applicationId: id,
        reviewerId: actor.user.id,
        scores: body.scores,
        comment: body.comment?.trim() || null,
        at: this.#now(),
      });
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: 'application.review',
        subjectType: 'application',
        subjectId: id,
        before: before ? { scores: before.scores, comment: before.comment } : null,
        after: { scores: body.scores, comment: body.comment ?? null },
      });
      return this.detail(id, locale, tx);
    });
  }

  /**
   * Selects or rejects, once. Selecting places the candidate in the call's training cohort as a
   * learner (a training group, the tutors' training modules). The decision, the enrolment and the
   * audit line land together or not at all.
   */
  async decide(actor: Actor, id: string, body: DecisionBody, locale: Locale): Promise<ApplicationDetail> {
    const application = await findApplicationById(this.#db, id);
    if (!application) throw notFound();
    if (application.status !== 'submitted') throw this.#decided(application);
    if (body.decision === 'selected' && !application.eligible)
      throw new AppError('TREMPLIN_ERR_NOT_ELIGIBLE');
    const call = await findTutorCall(this.#db, application.callId);
    if (!call) throw notFound();
    return this.#db.transaction(async (tx) => {
      const decided = await decideApplication(tx, {
        id,
        status: body.decision,
        note: body.note.trim() || null,
        by: actor.user.id,
        at: this.#now(),
      });
      // Another coordinator decided in between.
      if (!decided) throw this.#decided((await findApplicationById(tx, id)) ?? application);
      const training =
        body.decision === 'selected'
          ? await enrolInTraining(tx, {
              userId: application.userId,
              cohortId: call.trainingCohortId,
              universityId: application.universityId,
            })
          : null;
      await recordAudit(tx, {
        actorId: actor.user.id,
        action: body.decision === 'selected' ? 'application.select' : 'application.reject',
        subjectType: 'application',
        subjectId: id,
        before: { status: application.status },
        after: {
          status: body.decision,
          ...(training ? { trainingGroupId: training.groupId, moduleIds: training.moduleIds } : {}),
        },
        reason: body.note.trim() || null,
      });
      return this.detail(id, locale, tx);
    });
  }

  /** The call, its applications or its decisions as CSV (Lomé times, the coordinator's language for words). */
  async exportCsv(
    callId: string,
    kind: 'call' | 'applications' | 'decisions',
    locale: Locale,
  ): Promise<{ filename: string; body: string }> {
    const call = await findTutorCall(this.#db, callId);
    if (!call) throw notFound();
    const universities = await listUniversities(this.#db);
    const filename = `${call.slug}-${kind}.csv`;
    const fieldName = (id: string) => {
      const found = call.fields.find((f) => f.id === id);
      return found ? found[locale] : id;
    };
    if (kind === 'call') {
      return {
        filename,
        body: toCsv(
          [
            'slug',
            'title',
            'opens_at_lome',
            'closes_at_lome',
            'seats',
            'universities',
            'levels',
            'fields',
            'rubric',
          ],
          [
            [
              call.slug,
              call.title,
              lomeStamp(call.opensAt),
              lomeStamp(call.closesAt),
              call.seats,
              universities
                .filter((u) => call.universityIds.includes(u.id))
                .map((u) => u.name)
                .join('; '),
              call.levels.join('; '),
              call.fields.map((f) => f[locale]).join('; '),
              call.rubric.map((c) => `${c[locale]} (/${c.max})`).join('; '),
            ],
          ],
        ),
      };
    }
    const { rows } = await listCallApplications(
      this.#db,
      callId,
      kind === 'decisions' ? { limit: 1_000_000 } : { limit: 1_000_000 },
    );
    if (kind === 'applications') {
      return {
        filename,
        body: toCsv(
          [
            'application_id',
            'name',
            'email',
            'university',
            'level',
            'field',
            'student_number',
            'eligible',
            'ineligible_reasons',
            'status',
            'mean_score',
            'reviews',
            'documents',
            'submitted_at_lome',
          ],
          rows.map((r) => [
            r.id,
            r.candidateName,
            r.email,
            r.universityName,
            r.level,
            fieldName(r.field),
            r.studentNumber,
            r.eligible ? 'yes' : 'no',
            r.ineligibleReasons.join('; '),
            r.status,
            roundScore(r.meanScore),
            r.reviewCount,
            r.documentCount,
            lomeStamp(r.submittedAt),
          ]),
        ),
      };
    }
    return {
      filename,
      body: toCsv(
        [
          'application_id',
          'name',
          'email',
          'university',
          'field',
          'decision',
          'note',
          'decided_by',
          'decided_at_lome',
          'mean_score',
        ],
        rows
          .filter((r) => r.status === 'selected' || r.status === 'rejected')
          .map((r) => [
            r.id,
            r.candidateName,
            r.email,
            r.universityName,
            fieldName(r.field),
            r.status,
            r.decisionNote,
            r.decidedByName,
            lomeStamp(r.decidedAt),
            roundScore(r.meanScore),
          ]),
      ),
    };
  }

  // ---- Helpers ----

  /** A call the caller may read: opened ones for anyone, every one for the coordination. */
  async #readableCall(actor: Actor | null, id: string): Promise<TutorCallRow> {
    const call = await findTutorCall(this.#db, id);
    if (!call || (!coordinates(actor) && call.opensAt > this.#now())) throw notFound();
    return call;
  }

  /** Applications are taken from the opening to the deadline's minute, excluded (Lomé time). */
  #checkOpen(call: TutorCallRow): void {
    const now = this.#now();
    if (now < call.opensAt)
      throw new AppError('TREMPLIN_ERR_CALL_NOT_OPEN', { opens: lomeWords(call.opensAt) });
    if (now >= call.closesAt)
      throw new AppError('TREMPLIN_ERR_CALL_CLOSED', { deadline: lomeWords(call.closesAt) });
  }

  #decided(application: ApplicationRow): AppError {
    const words: Record<string, Record<Locale, string>> = {
      selected: { fr: 'retenue', en: 'selected' },
      rejected: { fr: 'non retenue', en: 'not selected' },
      withdrawn: { fr: 'retirée', en: 'withdrawn' },
    };
    return new AppError('TREMPLIN_ERR_ALREADY_DECIDED', {
      status: words[application.status] ?? application.status,
    });
  }

  async #checkCall(body: TutorCallBody, locale: Locale): Promise<void> {
    const fr = locale === 'fr';
    const problems: string[] = [];
    if (new Date(body.closesAt) <= new Date(body.opensAt))
      problems.push(
        fr ? 'la date limite doit suivre l’ouverture' : 'the deadline must come after the opening',
      );
    const known = new Set((await listUniversities(this.#db)).map((u) => u.id));
    if (body.universityIds.some((id) => !known.has(id)))
      problems.push(fr ? 'une université est inconnue' : 'a university is unknown');
    const cohort = await findCohort(this.#db, body.trainingCohortId);
    if (!cohort || cohort.kind !== 'tutor-training')
      problems.push(
        fr
          ? 'la cohorte de formation doit être une formation des tuteurs'
          : 'the training cohort must be a tutor training',
      );
    const unique = (ids: string[]) => new Set(ids).size === ids.length;
    if (!unique(body.fields.map((f) => f.id)) || body.fields.some((f) => f.id === 'other'))
      problems.push(
        fr
          ? 'chaque filière a un identifiant unique (« other » est réservé)'
          : 'each field needs a unique identifier ("other" is reserved)',
      );
    if (!unique(body.rubric.map((c) => c.id)))
      problems.push(
        fr ? 'chaque critère a un identifiant unique' : 'each criterion needs a unique identifier',
      );
    if (problems.length > 0)
      throw new AppError('TREMPLIN_ERR_CALL_INVALID', { detail: problems.join(fr ? ' ; ' : '; ') });
  }

  #callValues(body: TutorCallBody) {
    return {
      slug: body.slug,
      title: body.title.trim(),
      bodyMd: body.bodyMd,
      opensAt: new Date(body.opensAt),
      closesAt: new Date(body.closesAt),
      seats: body.seats,
      universityIds: body.universityIds,
      levels: body.levels,
      fields: body.fields,
      rubric: body.rubric,
      trainingCohortId: body.trainingCohortId,
    };
  }

  #slugTaken(error: unknown): unknown {
    const code =
      (error as { code?: string; cause?: { code?: string } }).cause?.code ??
      (error as { code?: string }).code;
    return code === '23505' ? new AppError('TREMPLIN_ERR_CONFLICT', {}, 'slug') : error;
  }

  #toCall(row: TutorCallRow, universities: Universities): TutorCall {
    const now = this.#now();
    return {
      id: row.id,
      slug: row.slug,
      title: row.title,
      bodyMd: row.bodyMd,
      opensAt: row.opensAt.toISOString(),
      closesAt: row.closesAt.toISOString(),
      open: row.opensAt <= now && now < row.closesAt,
      seats: row.seats,
      universities: universities.filter((u) => row.universityIds.includes(u.id)),
      levels: row.levels as StudyLevel[],
      fields: row.fields,
      rubric: row.rubric,
      trainingCohortId: row.trainingCohortId,
    };
  }

  async #toOwn(rows: ApplicationRow[], locale: Locale, db: Db = this.#db): Promise<OwnApplication[]> {
    if (rows.length === 0) return [];
    const universities = await listUniversities(db);
    const documents = await listDocuments(
      db,
      rows.map((r) => r.id),
    );
    const calls = new Map<string, TutorCallRow | undefined>();
    for (const row of rows)
      if (!calls.has(row.callId)) calls.set(row.callId, await findTutorCall(db, row.callId));
    return rows.map((row) => {
      const call = calls.get(row.callId)!;
      const callUniversities = universities
        .filter((u) => call.universityIds.includes(u.id))
        .map((u) => u.name);
      // Decided applications show the note; the reasons are worded now, in the reader's language.
      const decided = row.status === 'selected' || row.status === 'rejected';
      return {
        id: row.id,
        callId: row.callId,
        universityId: row.universityId,
        universityName: universities.find((u) => u.id === row.universityId)?.name ?? '',
        level: row.level as StudyLevel,
        field: row.field,
        studentNumber: row.studentNumber,
        motivation: row.motivation,
        eligible: row.eligible,
        reasons: (row.ineligibleReasons as EligibilityRule[]).map((rule) =>
          reasonOf(rule, { ...call, universityNames: callUniversities }, locale),
        ),
        status: row.status,
        decisionNote: decided ? row.decisionNote : null,
        decidedAt: decided && row.decidedAt ? row.decidedAt.toISOString() : null,
        submittedAt: row.submittedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        documents: documents.filter((d) => d.applicationId === row.id).map(toDocument),
      };
    });
  }
}

function toDocument(row: ApplicationDocumentRow): ApplicationDocument {
  return {
    id: row.id,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    uploadedAt: row.uploadedAt.toISOString(),
  };
}

/** Scores shown to two decimals. */
function roundScore(value: number | null): number | null {
  return value === null ? null : Math.round(value * 100) / 100;
}
