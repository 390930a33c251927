// What a learner (or their tutor) sees of the flags and reviews of their submissions: their own
// appeal, whether something waits for a grader, and the latest decision with its comment.
import type { SubmissionReview } from '@tremplin/contracts';
import { listSubmissionFlags, type Db, type SubmissionFlagRow } from '@tremplin/db';

/**
 * learner: a machine's or a tutor's open flag is not told (pending is true only for their own
 * appeal); tutor: their colleagues' flags are told too. Decisions are told to both.
 */
export type ReviewViewer = 'learner' | 'tutor';

const PENDING_FOR: Record<ReviewViewer, ReadonlySet<string>> = {
  learner: new Set(['appeal']),
  tutor: new Set(['appeal', 'tutor']),
};

/** The review of one submission from its flags (oldest first). */
export function toSubmissionReview(
  status: string,
  rows: SubmissionFlagRow[],
  viewer: ReviewViewer,
): SubmissionReview {
  const appeal = rows.find((r) => r.source === 'appeal');
  let latest: SubmissionFlagRow | undefined;
  for (const row of rows) {
    if (row.decision && row.decidedAt && (!latest || row.decidedAt >= latest.decidedAt!)) latest = row;
  }
  return {
    pending: rows.some((r) => r.status === 'open' && PENDING_FOR[viewer].has(r.source)),
    appealable: status === 'graded' && !appeal,
    appeal: appeal ? { comment: appeal.reason, at: appeal.createdAt.toISOString() } : null,
    outcome: latest
      ? {
          decision: latest.decision!,
          previousScore: latest.previousScore,
          newScore: latest.newScore,
          comment: latest.comment ?? '',
          at: latest.decidedAt!.toISOString(),
        }
      : null,
  };
}

/** The reviews of a list of submissions, in one query. */
export async function submissionReviews(
  db: Db,
  submissions: Array<{ id: string; status: string }>,
  viewer: ReviewViewer,
): Promise<Map<string, SubmissionReview>> {
  const rows = await listSubmissionFlags(
    db,
    submissions.map((s) => s.id),
  );
  const bySubmission = new Map<string, SubmissionFlagRow[]>();
  for (const row of rows) {
    const list = bySubmission.get(row.submissionId) ?? [];
    list.push(row);
    bySubmission.set(row.submissionId, list);
  }
  return new Map(
    submissions.map((s) => [s.id, toSubmissionReview(s.status, bySubmission.get(s.id) ?? [], viewer)]),
  );
}
