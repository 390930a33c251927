// The /ws protocol. A client subscribes to channels; each channel answers a snapshot carrying a
// sequence number, then events numbered after it. Events are whole-state upserts (a whole tile, a
// whole help request), so one already reflected in a snapshot changes nothing when applied again,
// and the client drops any event whose seq is at or below the one it holds.
import { Type, type Static } from 'typebox';
import { Id } from './common.ts';
import { ReviewDecision } from './review-outcome.ts';
import {
  HelpRequestView,
  LearnerTile,
  LiveDraft,
  LiveSession,
  LiveThresholds,
  TutorMessage,
} from './tutoring.ts';

/**
 * `group:<id>`: a group's live grid and help queue (its tutors; the coordination, read-only).
 * `learner:<id>`: one learner's tile and live code (their tutors; the coordination).
 * `feed:<id>`: a learner's own messages, help requests and grades (that learner only).
 */
export const Channel = Type.String({
  pattern: '^(group|learner|feed):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
  maxLength: 60,
});
export type Channel = Static<typeof Channel>;
export type ChannelKind = 'group' | 'learner' | 'feed';

const Seq = Type.Integer({ minimum: 0 });
/** Identifies one server-side life of a channel: a seq is comparable only within one epoch. */
const Epoch = Type.String({ minLength: 1, maxLength: 64 });

// ---------- Client → server ----------

export const ClientMessage = Type.Union([
  Type.Object({ type: Type.Literal('ping'), id: Type.Optional(Type.String({ maxLength: 64 })) }),
  /**
   * Subscribes to a channel. With `resume` (the epoch and last seq the client holds, after a
   * drop) the server replays what it missed if it still can, else it sends a fresh snapshot.
   */
  Type.Object(
    {
      type: Type.Literal('subscribe'),
      channel: Channel,
      resume: Type.Optional(Type.Object({ epoch: Epoch, seq: Seq }, { additionalProperties: false })),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('unsubscribe'), channel: Channel }, { additionalProperties: false }),
  /** A learner's client says which exercise it shows (null: none): presence and current exercise. */
  Type.Object(
    { type: Type.Literal('focus'), exerciseId: Type.Union([Id, Type.Null()]) },
    { additionalProperties: false },
  ),
]);
export type ClientMessage = Static<typeof ClientMessage>;

// ---------- Snapshots ----------

export const GroupSnapshot = Type.Object({
  kind: Type.Literal('group'),
  group: Type.Object({ id: Id, name: Type.String() }),
  thresholds: LiveThresholds,
  tiles: Type.Array(LearnerTile),
  /** Open and taken requests, oldest first. */
  help: Type.Array(HelpRequestView),
  session: Type.Union([LiveSession, Type.Null()]),
});
export type GroupSnapshot = Static<typeof GroupSnapshot>;

export const LearnerSnapshot = Type.Object({
  kind: Type.Literal('learner'),
  learnerId: Id,
  groupId: Id,
  tile: LearnerTile,
  /** The draft of the current exercise (the live code), if any. */
  draft: Type.Union([LiveDraft, Type.Null()]),
});
export type LearnerSnapshot = Static<typeof LearnerSnapshot>;

export const FeedSnapshot = Type.Object({
  kind: Type.Literal('feed'),
  /** The latest messages, newest first. */
  messages: Type.Array(TutorMessage),
  unread: Type.Integer(),
  /** The learner's open and taken help requests. */
  help: Type.Array(HelpRequestView),
  /** Live sessions running in the learner's groups. */
  sessions: Type.Array(LiveSession),
});
export type FeedSnapshot = Static<typeof FeedSnapshot>;

// ---------- Server → client ----------

const On = { channel: Channel, seq: Seq };

export const ServerMessage = Type.Union([
  Type.Object({
    type: Type.Literal('hello'),
    userId: Type.String(),
    serverTime: Type.String(),
    /** The server pings this often; a client that hears nothing for twice as long reconnects. */
    heartbeatMs: Type.Integer(),
  }),
  Type.Object({ type: Type.Literal('pong'), id: Type.Optional(Type.String()) }),
  Type.Object({
    type: Type.Literal('error'),
    code: Type.String(),
    message: Type.String(),
    channel: Type.Optional(Type.String()),
  }),
  Type.Object({
    type: Type.Literal('snapshot'),
    channel: Channel,
    epoch: Epoch,
    seq: Seq,
    serverTime: Type.String(),
    data: Type.Union([GroupSnapshot, LearnerSnapshot, FeedSnapshot]),
  }),
  /** The resume was possible: the missed events follow (seq after the client's), then live ones. */
  Type.Object({
    type: Type.Literal('resumed'),
    channel: Channel,
    epoch: Epoch,
    seq: Seq,
    serverTime: Type.String(),
  }),
  Type.Object({ type: Type.Literal('unsubscribed'), channel: Channel }),
  Type.Object({ type: Type.Literal('tile'), ...On, tile: LearnerTile }),
  /** A help request, whole; resolved or cancelled ones leave the queue. */
  Type.Object({ type: Type.Literal('help'), ...On, request: HelpRequestView }),
  /** The group's live session started, changed or ended (session null: none running). */
  Type.Object({
    type: Type.Literal('session'),
    ...On,
    groupId: Id,
    session: Type.Union([LiveSession, Type.Null()]),
  }),
  Type.Object({ type: Type.Literal('draft'), ...On, learnerId: Id, draft: LiveDraft }),
  Type.Object({ type: Type.Literal('message'), ...On, message: TutorMessage }),
  /** The learner's count of unread messages changed (they read some, on any device). */
  Type.Object({ type: Type.Literal('unread'), ...On, unread: Type.Integer({ minimum: 0 }) }),
  /** One of the learner's submissions got its grade. */
  Type.Object({
    type: Type.Literal('graded'),
    ...On,
    submissionId: Id,
    exerciseId: Id,
    status: Type.Union([Type.Literal('graded'), Type.Literal('error')]),
    score: Type.Union([Type.Number(), Type.Null()]),
    maxScore: Type.Number(),
  }),
  /**
   * `learner:<id>`: a grader decided on one of the learner's submissions. Carries the outcome as
   * the learner page shows it; the page refetches the learner's submissions for the rest (pending,
   * appealable) and for a changed score.
   */
  Type.Object({
    type: Type.Literal('reviewed'),
    ...On,
    learnerId: Id,
    submissionId: Id,
    exerciseId: Id,
    outcome: Type.Object({
      decision: ReviewDecision,
      previousScore: Type.Union([Type.Number(), Type.Null()]),
      newScore: Type.Union([Type.Number(), Type.Null()]),
      comment: Type.String(),
      at: Type.String(),
    }),
  }),
]);
export type ServerMessage = Static<typeof ServerMessage>;

/** A server message that belongs to a channel's numbered stream. */
export type ChannelEvent = Extract<
  ServerMessage,
  { type: 'tile' | 'help' | 'session' | 'draft' | 'message' | 'unread' | 'graded' | 'reviewed' }
>;

/** Close codes the server uses, so that a client knows whether to reconnect. */
export const WS_CLOSE = {
  /** The client could not keep up: reconnect, and the snapshot brings it up to date. */
  tooSlow: 4008,
  /** Nothing subscribed for too long. */
  idle: 4000,
  /** The session ended (signed out): do not reconnect without signing in. */
  unauthenticated: 4001,
  /** The server is stopping: reconnect with backoff. */
  goingAway: 1001,
  /**
   * Live events may have been lost between the server's instances (its database connection was
   * down): reconnect, and fresh snapshots read from the database bring the client up to date.
   */
  resync: 4009,
} as const;
