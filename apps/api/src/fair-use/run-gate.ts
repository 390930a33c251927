import { countPendingJobs, type Db } from '@tremplin/db';
import type { FairUseConfig } from '../config.ts';
import { AppError, retryLater } from '../errors.ts';

/**
 * Admits Runs to this instance's grader pool. Runs do not go through the queue (the learner waits for
 * the answer), so fairness is kept here: a learner has at most `runsInFlightPerLearner` runs being
 * graded at once, and no new run is started while the queued work would take the graders longer
 * than `backlogSeconds` to clear (submissions are still accepted: they wait in the queue).
 */
export class RunGate {
  readonly #db: Db;
  readonly #config: FairUseConfig;
  readonly #inFlight = new Map<string, number>();
  #total = 0;

  constructor(db: Db, config: FairUseConfig) {
    this.#db = db;
    this.#config = config;
  }

  /** Runs being graded on this instance. */
  get inFlight(): number {
    return this.#total;
  }

  /** Throws the 429 of a run already in flight for the user, before anything else is spent on the request. */
  refuseIfBusy(userId: string): void {
    if (this.#config.enabled && (this.#inFlight.get(userId) ?? 0) >= this.#config.runsInFlightPerLearner) {
      throw new AppError('TREMPLIN_ERR_RUN_IN_PROGRESS', {}, undefined, 1);
    }
  }

  /** Lets a run of the user in, or throws 429 (one already running) or 503 (graders behind); answers its release. */
  async admit(userId: string): Promise<() => void> {
    this.refuseIfBusy(userId);
    this.#enter(userId, 1);
    try {
      await this.#checkBacklog();
    } catch (error) {
      this.#enter(userId, -1);
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#enter(userId, -1);
    };
  }

  async #checkBacklog(): Promise<void> {
    const { backlogSeconds, gradedPerSecond } = this.#config;
    // The run itself is counted: with nothing queued, a lone run always passes.
    const depth = (await countPendingJobs(this.#db)) + this.#total - 1;
    const allowed = backlogSeconds * gradedPerSecond;
    if (depth > allowed) {
      throw retryLater('TREMPLIN_ERR_GRADER_UNAVAILABLE', ((depth - allowed) / gradedPerSecond) * 1000);
    }
  }

  #enter(userId: string, delta: number): void {
    const next = (this.#inFlight.get(userId) ?? 0) + delta;
    if (next > 0) this.#inFlight.set(userId, next);
    else this.#inFlight.delete(userId);
    this.#total += delta;
  }
}
