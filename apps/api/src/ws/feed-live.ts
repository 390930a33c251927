import type { FeedSnapshot, HelpRequestView, LiveSession, TutorMessage } from '@tremplin/contracts';
import { findLiveSessionView, findMessageView, listMessagesFor, type Db, type FeedRows } from '@tremplin/db';
import type { FastifyBaseLogger } from 'fastify';
import type { PlatformEvent } from '../grading/events.ts';
import { toMessageView, toSessionView } from '../modules/tutoring/views.ts';
import type { BatchLoader } from '../batch-loader.ts';
import { KEPT_MESSAGES, type FeedLoader } from './feed-loader.ts';
import { ChannelStream } from './stream.ts';

/**
 * A learner's own feed on this instance: tutors' messages, their help requests, grades and the
 * live sessions of their groups. Kept in memory once loaded, so that every snapshot matches its seq.
 */
export class FeedLive {
  readonly userId: string;
  readonly groupIds: string[];
  readonly stream: ChannelStream;
  readonly ready: Promise<void>;
  messages: TutorMessage[] = [];
  unread = 0;
  /**
   * The learner's open help requests by id, and their groups' live sessions by group: created with
   * their first entry (most learners have neither, and thousands of feeds are loaded at once).
   */
  #help: Map<string, HelpRequestView> | undefined;
  #sessions: Map<string, LiveSession> | undefined;
  readonly #db: Db;
  readonly #log: FastifyBaseLogger;
  readonly #helpViews: BatchLoader<string, HelpRequestView>;
  #loadedAt = 0;
  #queue: Promise<void>;

  constructor(
    db: Db,
    log: FastifyBaseLogger,
    loaders: { feeds: FeedLoader; helpViews: BatchLoader<string, HelpRequestView> },
    userId: string,
    groupIds: string[],
    /** The feed as read when the learner's socket connected (no read of its own then). */
    preloaded?: FeedRows,
  ) {
    this.#db = db;
    this.#helpViews = loaders.helpViews;
    this.#log = log;
    this.userId = userId;
    this.groupIds = groupIds;
    this.stream = new ChannelStream(`feed:${userId}`);
    this.ready = this.#load(loaders.feeds, preloaded);
    this.#queue = this.ready.catch(() => {});
  }

  /** Applies a bus event that concerns this learner, after those before it. */
  handle(event: PlatformEvent): void {
    this.#queue = this.#queue
      .then(() => this.#apply(event))
      .catch((error: unknown) => this.#log.warn({ err: error, type: event.type }, 'feed event not applied'));
  }

  snapshot(): FeedSnapshot {
    return {
      kind: 'feed',
      messages: this.messages,
      unread: this.unread,
      help: this.#help ? [...this.#help.values()] : [],
      sessions: this.#sessions ? [...this.#sessions.values()] : [],
    };
  }

  async #load(loader: FeedLoader, preloaded: FeedRows | undefined): Promise<void> {
    this.#loadedAt = Date.now();
    const feed = preloaded ?? (await loader.load(this.userId, this.groupIds));
    this.messages = feed.messages.map(toMessageView);
    this.unread = feed.unread;
    // Few learners have a request open: their views are read then, in the queue's batches.
    const help = await Promise.all(feed.help.map((id) => this.#helpViews.load(id)));
    for (const request of help) if (request) (this.#help ??= new Map()).set(request.id, request);
    for (const row of feed.sessions) (this.#sessions ??= new Map()).set(row.groupId, toSessionView(row));
  }

  async #apply(event: PlatformEvent): Promise<void> {
    const channel = this.stream.channel;
    switch (event.type) {
      case 'message.sent': {
        if (this.messages.some((m) => m.id === event.messageId)) return;
        const row = await findMessageView(this.#db, event.messageId, this.userId);
        if (!row) return;
        const message = toMessageView(row);
        this.messages = [message, ...this.messages].slice(0, KEPT_MESSAGES);
        if (!message.readAt) this.unread += 1;
        this.stream.emit({ type: 'message', channel, message }, `message:${message.id}`);
        return;
      }
      case 'messages.read': {
        const rows = await listMessagesFor(this.#db, this.userId, this.groupIds, KEPT_MESSAGES);
        this.messages = rows.map(toMessageView);
        if (this.unread === event.unread) return;
        this.unread = event.unread;
        this.stream.emit({ type: 'unread', channel, unread: event.unread }, 'unread');
        return;
      }
      case 'help.requested':
      case 'help.updated': {
        const told = event.type === 'help.requested' ? event.view : undefined;
        const request = told ?? (await this.#helpViews.load(event.helpRequestId));
        if (!request || request.learnerId !== this.userId) return;
        const before = this.#help?.get(request.id);
        const active = request.status === 'open' || request.status === 'taken';
        // A request closed before this feed was loaded is old news; one closed since is not.
        if (!before && !active && Date.parse(request.resolvedAt ?? '') < this.#loadedAt) return;
        if (before && JSON.stringify(before) === JSON.stringify(request)) return;
        if (active) (this.#help ??= new Map()).set(request.id, request);
        else this.#help?.delete(request.id);
        this.stream.emit({ type: 'help', channel, request }, `help:${request.id}`);
        return;
      }
      case 'submission.graded':
        this.stream.emit({
          type: 'graded',
          channel,
          submissionId: event.submissionId,
          exerciseId: event.exerciseId,
          status: event.status,
          score: event.score,
          maxScore: event.maxScore,
        });
        return;
      case 'session.changed': {
        const row = await findLiveSessionView(this.#db, event.sessionId);
        if (!row || !this.groupIds.includes(row.groupId)) return;
        const session = toSessionView(row);
        const before = this.#sessions?.get(row.groupId);
        if (session.endedAt === null) {
          if (before && JSON.stringify(before) === JSON.stringify(session)) return;
          (this.#sessions ??= new Map()).set(row.groupId, session);
          this.stream.emit(
            { type: 'session', channel, groupId: row.groupId, session },
            `session:${row.groupId}`,
          );
        } else if (before?.id === session.id) {
          this.#sessions?.delete(row.groupId);
          this.stream.emit(
            { type: 'session', channel, groupId: row.groupId, session: null },
            `session:${row.groupId}`,
          );
        }
        return;
      }
      default:
        return;
    }
  }
}
