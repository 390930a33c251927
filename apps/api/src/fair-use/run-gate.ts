import { countPendingJobs, type Db } from '@tremplin/db';
import type { FairUseConfig } from '../config.ts';
import { AppError, retryLater } from '../errors.ts';

/** How long a read of the queue's depth serves the runs after it, while far below the limit. */
const DEPTH_REUSE_MS = 1_000;

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
  readonly #now: () => Date;
  #lastDepth: { at: number; jobs: number } | undefined;
  #readingDepth: Promise<number> | undefined;

  constructor(db: Db, config: FairUseConfig, now: () => Date = () => new Date()) {
    this.#db = db;
    this.#config = config;
    this.#now = now;
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
    const allowed = backlogSeconds * gradedPerSecond;
    const depth = (await this.#pendingJobs(allowed)) + this.#total - 1;
    if (depth > allowed) {
      throw retryLater('TREMPLIN_ERR_GRADER_UNAVAILABLE', ((depth - allowed) / gradedPerSecond) * 1000);
    }
  }

  /**
   * The jobs waiting or being graded. Read once for the runs arriving together, and at most once a
   * second while under half the limit: a second's new submissions cannot bring the queue from there
   * to a backlog worth refusing runs for, and a run then costs no read (one per run, at a peak hour).
   */
  async #pendingJobs(allowed: number): Promise<number> {
    const last = this.#lastDepth;
    const at = this.#now().getTime();
    if (last && at - last.at < DEPTH_REUSE_MS && last.jobs * 2 < allowed) return last.jobs;
    this.#readingDepth ??= countPendingJobs(this.#db)
      .then((jobs) => {
        this.#lastDepth = { at, jobs };
        return jobs;
      })
      .finally(() => (this.#readingDepth = undefined));
    return this.#readingDepth;
  }

  #enter(userId: string, delta: number): void {
    const next = (this.#inFlight.get(userId) ?? 0) + delta;
    if (next > 0) this.#inFlight.set(userId, next);
    else this.#inFlight.delete(userId);
    this.#total += delta;
  }
}
