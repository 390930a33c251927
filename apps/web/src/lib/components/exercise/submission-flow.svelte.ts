import { createSubmission, getSubmission, type SubmissionPayload } from '#lib/api/learning.ts';
import { isTransientError, problemOf, type Problem } from '#lib/api/problem.ts';
import type { Submission, SubmissionAccepted } from '#lib/api/types.ts';
import { PollTimeoutError, pollUntil } from '#lib/learning/poll.ts';
import { createSubmitter, type Submitter } from '#lib/learning/submit.ts';

export type FlowState = 'idle' | 'sending' | 'grading' | 'graded' | 'failed';

/**
 * One exercise's "Submit": sends at most one submission per attempt (idempotency key kept across
 * retries and double clicks), then follows its grading by polling with backoff until it is graded.
 */
export class SubmissionFlow {
  state = $state<FlowState>('idle');
  /** The latest state of the submission being graded, then its result. */
  submission = $state.raw<Submission | null>(null);
  problem = $state.raw<Problem | null>(null);

  readonly #exerciseId: string;
  readonly #onGraded: ((submission: Submission) => void) | undefined;
  readonly #submitter: Submitter<SubmissionPayload, SubmissionAccepted>;
  #controller: AbortController | null = null;

  constructor(exerciseId: string, onGraded?: (submission: Submission) => void) {
    this.#exerciseId = exerciseId;
    this.#onGraded = onGraded;
    this.#submitter = createSubmitter(
      (key: string, payload: SubmissionPayload) => createSubmission(this.#exerciseId, key, payload),
      { isTransient: isTransientError },
    );
  }

  get pending(): boolean {
    return this.state === 'sending' || this.state === 'grading';
  }

  async submit(payload: SubmissionPayload): Promise<void> {
    if (this.pending) return;
    this.problem = null;
    this.submission = null;
    this.state = 'sending';
    this.#controller?.abort();
    const controller = (this.#controller = new AbortController());
    try {
      const accepted = await this.#submitter.submit(payload);
      if (controller.signal.aborted) return;
      this.state = 'grading';
      const final = await pollUntil((signal) => getSubmission(accepted.id, { signal }), {
        isDone: (s) => s.status === 'graded' || s.status === 'error',
        isTransient: isTransientError,
        signal: controller.signal,
        onValue: (s) => (this.submission = s),
      });
      this.submission = final;
      this.state = final.status === 'graded' ? 'graded' : 'failed';
      if (final.status === 'error') this.problem = { key: 'submission.gradingFailed', message: '' };
      this.#onGraded?.(final);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.state = 'failed';
      this.problem =
        error instanceof PollTimeoutError ? { key: 'submission.timeout', message: '' } : problemOf(error);
    }
  }

  /** Reads the shown submission again, e.g. after a language switch: its feedback comes in the new one. */
  async reread(): Promise<void> {
    const shown = this.submission;
    if (this.pending || !shown) return;
    try {
      const again = await getSubmission(shown.id);
      if (this.submission === shown) this.submission = again;
    } catch {
      // Still shown as it was; the next read will be in the new language.
    }
  }

  /** The page is going away: stop polling. */
  dispose(): void {
    this.#controller?.abort();
  }
}
