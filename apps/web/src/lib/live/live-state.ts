// Pure bookkeeping of the /ws channels: a snapshot sets a channel's epoch and seq, then an event is
// applied only if its seq is after the last one applied (no double counting after a resume).
import type {
  ChannelEvent,
  FeedSnapshot,
  GroupSnapshot,
  HelpRequestView,
  LearnerSnapshot,
  TutorMessage,
} from '@tremplin/contracts';

export type SnapshotData = GroupSnapshot | LearnerSnapshot | FeedSnapshot;

export interface ChannelState<D extends SnapshotData = SnapshotData> {
  epoch: string;
  seq: number;
  data: D;
  /** Server clock minus local clock at the snapshot (ms), to compute waiting times. */
  clockOffsetMs: number;
}

export function applySnapshot<D extends SnapshotData>(
  epoch: string,
  seq: number,
  data: D,
  serverTime: string,
  now = Date.now(),
): ChannelState<D> {
  const server = Date.parse(serverTime);
  return { epoch, seq, data, clockOffsetMs: Number.isFinite(server) ? server - now : 0 };
}

/** Whether an event is new for this channel state (seq strictly after the last applied). */
export function isFresh(state: ChannelState | undefined, event: { seq: number }): boolean {
  return state !== undefined && event.seq > state.seq;
}

/** Help requests still in the queue: open and taken ones, oldest first. */
function upsertHelp(list: readonly HelpRequestView[], request: HelpRequestView): HelpRequestView[] {
  const rest = list.filter((r) => r.id !== request.id);
  if (request.status === 'resolved' || request.status === 'cancelled') return rest;
  return [...rest, request].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

function upsertMessage(list: readonly TutorMessage[], message: TutorMessage): TutorMessage[] {
  return [message, ...list.filter((m) => m.id !== message.id)].sort((a, b) =>
    b.createdAt.localeCompare(a.createdAt),
  );
}

function reduceData(data: SnapshotData, event: ChannelEvent): SnapshotData {
  switch (data.kind) {
    case 'group':
      if (event.type === 'tile') {
        const exists = data.tiles.some((tile) => tile.learnerId === event.tile.learnerId);
        return {
          ...data,
          tiles: exists
            ? data.tiles.map((tile) => (tile.learnerId === event.tile.learnerId ? event.tile : tile))
            : [...data.tiles, event.tile],
        };
      }
      if (event.type === 'help') return { ...data, help: upsertHelp(data.help, event.request) };
      if (event.type === 'session') return { ...data, session: event.session };
      return data;
    case 'learner':
      if (event.type === 'tile' && event.tile.learnerId === data.learnerId)
        return { ...data, tile: event.tile };
      if (event.type === 'draft') return { ...data, draft: event.draft };
      return data;
    case 'feed':
      if (event.type === 'message') {
        const known = data.messages.some((m) => m.id === event.message.id);
        return {
          ...data,
          messages: upsertMessage(data.messages, event.message),
          unread: known || event.message.readAt ? data.unread : data.unread + 1,
        };
      }
      if (event.type === 'unread') return { ...data, unread: event.unread };
      if (event.type === 'help') return { ...data, help: upsertHelp(data.help, event.request) };
      if (event.type === 'session') {
        const others = data.sessions.filter((s) => s.groupId !== event.groupId);
        return {
          ...data,
          sessions: event.session && !event.session.endedAt ? [...others, event.session] : others,
        };
      }
      return data;
  }
}

/** Applies an event: a stale one (seq at or below the state's) changes nothing. */
export function applyEvent<D extends SnapshotData>(
  state: ChannelState<D> | undefined,
  event: ChannelEvent,
): ChannelState<D> | undefined {
  if (!state || !isFresh(state, event)) return state;
  return { ...state, seq: event.seq, data: reduceData(state.data, event) as D };
}

/** The reconnection delay after `attempt` failures: 0.5 s doubling up to 15 s, with ±25 % jitter. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(15_000, 500 * 2 ** Math.max(0, attempt));
  return Math.round(base * (0.75 + random() * 0.5));
}
