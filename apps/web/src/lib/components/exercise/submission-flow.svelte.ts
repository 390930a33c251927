import { createSubmission, getSubmission, type SubmissionPayload } from '#lib/api/learning.ts';
import { isTransientError, problemOf, type Problem } from '#lib/api/problem.ts';
import type { Submission, SubmissionAccepted } from '#lib/api/types.ts';
import { PollTimeoutError, pollUntil } from '#lib/learning/poll.ts';
import { live } from '#lib/live/live-client.svelte.ts';
import { session } from '#lib/session/session.svelte.ts';
import { createSubmitter, type Submitter } from '#lib/learning/submit.ts';
import type { Settled } from '#lib/offline/outbox.ts';
import { onSubmissionSettled, queueSubmission, sync, waitingFor } from '#lib/offline/sync.svelte.ts';

export type FlowState = 'idle' | 'sending' | 'queued' | 'grading' | 'graded' | 'failed';

/**
 * One exercise's "Submit": sends at most one submission per attempt (idempotency key kept across
 * retries and double clicks), then follows its grading by polling with backoff until it is graded;
 * a learner's live feed announcing the grade makes it read the result at once.
 * Offline, or when the send fails on the network, the submission waits in the outbox with its key
 * and the time it was made ('queued', « En attente »), and is followed once the outbox sent it.
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
  /** The key of the submission shown as waiting in the outbox. */
  #waitingKey: string | null = null;
  #offSettled: Promise<(() => void) | undefined>;
  #disposed = false;

  /** `offline`: false where nothing is submitted for real (the studio's preview). */
  constructor(exerciseId: string, onGraded?: (submission: Submission) => void, { offline = true } = {}) {
    this.#exerciseId = exerciseId;
    this.#onGraded = onGraded;
    this.#submitter = createSubmitter(
      (key: string, payload: SubmissionPayload) => createSubmission(this.#exerciseId, key, payload),
      { isTransient: isTransientError },
    );
    this.#offSettled = offline ? this.#followOutbox() : Promise.resolve(undefined);
  }

  /** Shows a submission of this exercise still waiting on the device, and follows the outbox. */
  async #followOutbox(): Promise<(() => void) | undefined> {
    try {
      const off = await onSubmissionSettled((key, settled) => this.#settled(key, settled));
      const waiting = await waitingFor(this.#exerciseId);
      if (waiting.length > 0 && this.state === 'idle') {
        this.#waitingKey = waiting.at(-1)!.key;
        this.state = 'queued';
      }
      return off;
    } catch {
      // No learner's store (not a student): submissions are only sent online.
      return undefined;
    }
  }

  #settled(key: string, settled: Settled): void {
    if (key !== this.#waitingKey || this.#disposed) return;
    this.#waitingKey = null;
    const controller = (this.#controller = new AbortController());
    if ('accepted' in settled) void this.#follow(settled.accepted, controller);
    else {
      this.state = 'failed';
      this.problem = problemOf(settled.error);
    }
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
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
    const madeAt = new Date().toISOString();
    if (!sync.online) return this.#queue(crypto.randomUUID(), payload, madeAt);
    // Listening before sending: on a slow link the grade can be announced before the 202 arrives.
    const grades = listenForGrades();
    let accepted: SubmissionAccepted;
    try {
      accepted = await this.#submitter.submit(payload);
    } catch (error) {
      grades.stop();
      const key = this.#submitter.currentKey;
      if (controller.signal.aborted) return;
      // Not known to have arrived: it waits on the device with the same key (a resend is harmless).
      if (isTransientError(error) && key) return this.#queue(key, payload, madeAt);
      this.state = 'failed';
      this.problem = problemOf(error);
      return;
    }
    await this.#follow(accepted, controller, grades);
  }

  async #queue(key: string, payload: SubmissionPayload, madeAt: string): Promise<void> {
    this.#waitingKey = key;
    this.state = 'queued';
    try {
      await queueSubmission(this.#exerciseId, key, payload, madeAt);
    } catch (error) {
      this.#waitingKey = null;
      this.state = 'failed';
      this.problem = problemOf(error);
    }
  }

  async #follow(
    accepted: SubmissionAccepted,
    controller: AbortController,
    grades = listenForGrades(),
  ): Promise<void> {
    try {
      if (controller.signal.aborted) return;
      this.state = 'grading';
      const final = await pollUntil((signal) => getSubmission(accepted.id, { signal }), {
        isDone: (s) => s.status === 'graded' || s.status === 'error',
        isTransient: isTransientError,
        signal: controller.signal,
        onValue: (s) => (this.submission = s),
        wake: grades.heard(accepted.id),
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
    } finally {
      grades.stop();
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

  /** The page is going away: stop polling (a queued submission stays queued). */
  dispose(): void {
    this.#disposed = true;
    this.#controller?.abort();
    void this.#offSettled.then((off) => off?.());
  }
}

/**
 * The grades announced on the learner's live feed from now on (the grader that graded a submission
 * publishes it, wherever it runs). Only a learner has a feed; others just poll.
 */
function listenForGrades(): { heard: (submissionId: string) => Promise<void> | undefined; stop: () => void } {
  const me = session.me;
  if (!me?.roles.includes('student')) return { heard: () => undefined, stop: () => {} };
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  const graded = new Set<string>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
  const waiting = new Map<string, () => void>();
  const stop = live.subscribe(`feed:${me.id}`, {
    onState: () => {},
    onEvent: (event) => {
      if (event.type !== 'graded') return;
      graded.add(event.submissionId);
      waiting.get(event.submissionId)?.();
    },
  });
  return {
    heard: (submissionId) =>
      graded.has(submissionId)
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiting.set(submissionId, resolve)),
    stop,
  };
}
