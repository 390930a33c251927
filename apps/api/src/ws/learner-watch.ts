import type { LearnerSnapshot, LearnerTile, LiveDraft } from '@tremplin/contracts';
import { findLiveDraft, findReview, type Db } from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import { toLiveDraft } from '../modules/tutoring/views.ts';
import type { GroupLive } from './group-live.ts';
import { ChannelStream } from './stream.ts';

/**
 * One learner followed closely (the learner page): their tile, from the group's live state, and
 * a read-only mirror of the code they are writing, refreshed at most once per throttle interval
 * however fast they type.
 */
export class LearnerWatch {
  readonly learnerId: string;
  readonly group: GroupLive;
  readonly stream: ChannelStream;
  readonly ready: Promise<void>;
  draft: LiveDraft | null = null;
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #throttleMs: number;
  readonly #onTile = (tile: LearnerTile) => {
    if (tile.learnerId === this.learnerId)
      this.stream.emit({ type: 'tile', channel: this.stream.channel, tile }, 'tile');
  };
  #lastFetch = 0;
  #timer: NodeJS.Timeout | undefined;
  #wanted: string | undefined;
  #fetching: Promise<void> = Promise.resolve();

  constructor(db: Db, log: FastifyBaseLogger, learnerId: string, group: GroupLive, throttleMs: number) {
    this.#db = db;
    this.#log = log;
    this.learnerId = learnerId;
    this.group = group;
    this.#throttleMs = throttleMs;
    this.stream = new ChannelStream(`learner:${learnerId}`);
    this.ready = group.ready.then(async () => {
      const row = await findLiveDraft(db, learnerId);
      this.draft = row ? toLiveDraft(row) : null;
      group.tileWatchers.add(this.#onTile);
    });
  }

  snapshot(now: number): LearnerSnapshot | undefined {
    const learner = this.group.learners.get(this.learnerId);
    if (!learner) return undefined;
    return {
      kind: 'learner',
      learnerId: this.learnerId,
      groupId: this.group.groupId,
      tile: this.group.tileOf(learner, now),
      draft: this.draft,
    };
  }

  /** The learner saved code: mirror it now, or at the end of the throttle interval. */
  draftSaved(exerciseId: string): void {
    this.#wanted = exerciseId;
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastFetch + this.#throttleMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      const wanted = this.#wanted;
      this.#wanted = undefined;
      if (wanted) this.#fetching = this.#fetching.then(() => this.#fetch(wanted));
    }, wait);
  }

  /** A grader decided on one of the learner's submissions: the learner page shows the outcome. */
  reviewed(event: { submissionId: string; exerciseId: string; flagId: string }): void {
    this.#fetching = this.#fetching.then(async () => {
      try {
        const found = await findReview(this.#db, event.flagId);
        if (!found) return;
        const r = found.review;
        this.stream.emit({
          type: 'reviewed',
          channel: this.stream.channel,
          learnerId: this.learnerId,
          submissionId: event.submissionId,
          exerciseId: event.exerciseId,
          outcome: {
            decision: r.decision,
            previousScore: r.previousScore,
            newScore: r.newScore,
            comment: r.comment,
            at: r.createdAt.toISOString(),
          },
        });
      } catch (error) {
        this.#log.warn({ err: error, learnerId: this.learnerId }, 'review outcome not sent live');
      }
    });
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.group.tileWatchers.delete(this.#onTile);
  }

  async #fetch(exerciseId: string): Promise<void> {
    this.#lastFetch = Date.now();
    try {
      await this.ready;
      const row = await findLiveDraft(this.#db, this.learnerId, exerciseId);
      if (!row) return;
      const draft = toLiveDraft(row);
      if (
        this.draft &&
        this.draft.exercise.id === draft.exercise.id &&
        this.draft.updatedAt >= draft.updatedAt
      )
        return;
      this.draft = draft;
      this.stream.emit(
        { type: 'draft', channel: this.stream.channel, learnerId: this.learnerId, draft },
        'draft',
      );
    } catch (error) {
      this.#log.warn({ err: error, learnerId: this.learnerId }, 'live code not mirrored');
    }
  }
}
