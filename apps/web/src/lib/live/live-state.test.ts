import type {
  ChannelEvent,
  FeedSnapshot,
  GroupSnapshot,
  HelpRequestView,
  LearnerTile,
  TutorMessage,
} from '@tremplin/contracts';
import { describe, expect, it } from 'vitest';
import { applyEvent, applySnapshot, backoffMs, isFresh } from './live-state.ts';

const GROUP = 'group:00000000-0000-4000-8000-000000000001';
const FEED = 'feed:00000000-0000-4000-8000-000000000002';

function tile(learnerId: string, patch: Partial<LearnerTile> = {}): LearnerTile {
  return {
    learnerId,
    displayName: learnerId,
    presence: 'online',
    lastSeenAt: null,
    lastSyncedAt: null,
    exercise: null,
    last: null,
    attempts: 0,
    timeOnTaskSec: 0,
    stuck: false,
    stuckReason: null,
    hand: null,
    ...patch,
  };
}

function help(id: string, status: HelpRequestView['status'], createdAt: string): HelpRequestView {
  return {
    id,
    groupId: 'g',
    learnerId: 'a',
    learnerName: 'A',
    exercise: null,
    message: '',
    status,
    createdAt,
    takenBy: null,
    takenAt: null,
    resolvedAt: null,
    replies: 0,
  };
}

function message(id: string, createdAt: string): TutorMessage {
  return {
    id,
    groupId: 'g',
    from: { id: 't', displayName: 'T' },
    recipientId: 'a',
    helpRequestId: null,
    kind: 'message',
    body: id,
    createdAt,
    readAt: null,
  };
}

const group: GroupSnapshot = {
  kind: 'group',
  group: { id: 'g', name: 'G' },
  thresholds: { stuckFailedRuns: 3, stuckMinutes: 10, idleMinutes: 5 },
  tiles: [tile('a'), tile('b')],
  help: [],
  session: null,
};

const tileEvent = (seq: number, t: LearnerTile): ChannelEvent => ({
  type: 'tile',
  channel: GROUP,
  seq,
  tile: t,
});

describe('applySnapshot', () => {
  it('holds the epoch, seq and data, and the server clock offset', () => {
    const state = applySnapshot(
      'e1',
      7,
      group,
      '2026-01-01T00:00:10.000Z',
      Date.parse('2026-01-01T00:00:00.000Z'),
    );
    expect(state).toMatchObject({ epoch: 'e1', seq: 7, data: group, clockOffsetMs: 10_000 });
  });
});

describe('applyEvent', () => {
  const base = applySnapshot('e1', 5, group, new Date().toISOString());

  it('applies an event numbered after the snapshot', () => {
    const next = applyEvent(base, tileEvent(6, tile('a', { attempts: 1 })));
    expect(next?.seq).toBe(6);
    expect(next?.data.tiles.find((t) => t.learnerId === 'a')?.attempts).toBe(1);
  });

  it('drops an event at or below the seq it holds (already in the snapshot, or replayed twice)', () => {
    expect(isFresh(base, { seq: 5 })).toBe(false);
    expect(applyEvent(base, tileEvent(5, tile('a', { attempts: 9 })))).toBe(base);
    expect(applyEvent(base, tileEvent(3, tile('a', { attempts: 9 })))).toBe(base);
    const once = applyEvent(base, tileEvent(6, tile('a', { attempts: 1 })));
    expect(applyEvent(once, tileEvent(6, tile('a', { attempts: 2 })))).toBe(once);
  });

  it('ignores events before any snapshot', () => {
    expect(applyEvent(undefined, tileEvent(1, tile('a')))).toBeUndefined();
  });

  it('keeps the help queue in order of arrival, without closed requests', () => {
    let state = applyEvent(base, {
      type: 'help',
      channel: GROUP,
      seq: 6,
      request: help('2', 'open', '2026-01-01T10:05:00Z'),
    });
    state = applyEvent(state, {
      type: 'help',
      channel: GROUP,
      seq: 7,
      request: help('1', 'open', '2026-01-01T10:00:00Z'),
    });
    expect(state?.data.help.map((r) => r.id)).toEqual(['1', '2']);
    state = applyEvent(state, {
      type: 'help',
      channel: GROUP,
      seq: 8,
      request: help('1', 'taken', '2026-01-01T10:00:00Z'),
    });
    expect(state?.data.help.map((r) => [r.id, r.status])).toEqual([
      ['1', 'taken'],
      ['2', 'open'],
    ]);
    state = applyEvent(state, {
      type: 'help',
      channel: GROUP,
      seq: 9,
      request: help('1', 'resolved', '2026-01-01T10:00:00Z'),
    });
    expect(state?.data.help.map((r) => r.id)).toEqual(['2']);
  });

  it('counts a new message once in the feed, and follows the unread count', () => {
    const feed: FeedSnapshot = { kind: 'feed', messages: [], unread: 0, help: [], sessions: [] };
    let state = applySnapshot('e', 0, feed, new Date().toISOString());
    const m = message('m1', '2026-01-01T10:00:00Z');
    state = applyEvent(state, { type: 'message', channel: FEED, seq: 1, message: m })!;
    state = applyEvent(state, { type: 'message', channel: FEED, seq: 1, message: m })!;
    expect(state.data.unread).toBe(1);
    expect(state.data.messages).toHaveLength(1);
    state = applyEvent(state, { type: 'unread', channel: FEED, seq: 2, unread: 0 })!;
    expect(state.data.unread).toBe(0);
  });
});

describe('backoffMs', () => {
  it('starts at 0.5 s, doubles, caps at 15 s, with jitter', () => {
    const mid = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffMs(a, mid))).toEqual([
      500, 1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
    expect(backoffMs(0, () => 0)).toBe(375);
    expect(backoffMs(10, () => 1)).toBe(18750);
  });
});
