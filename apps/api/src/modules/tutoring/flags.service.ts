import type { FlagCreated } from '@tremplin/contracts';
import { findSubmission, insertTutorFlag, type Db } from '@tremplin/db';
import { forbidden, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';
import { assertTutorLearner } from './tutoring-access.ts';

/** A tutor flags a learner's submission for the graders, with a reason. */
export class FlagsService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async flag(actor: Actor, submissionId: string, reason: string): Promise<FlagCreated> {
    if (!actor.roles.has('tutor')) throw forbidden();
    const submission = await findSubmission(this.#db, submissionId);
    if (!submission) throw notFound();
    await assertTutorLearner(this.#db, actor, submission.userId);
    const row = await insertTutorFlag(this.#db, {
      submissionId,
      reason: reason.trim(),
      raisedBy: actor.user.id,
      now: new Date(),
    });
    return {
      id: row.id,
      submissionId: row.submissionId,
      source: 'tutor',
      reason: row.reason,
      status: row.status,
      createdAt: row.createdAt.toISOString(),
    };
  }
}
