import { describe, expect, it } from 'vitest';
import { ChannelStream } from './stream.ts';

const tile = (learnerId: string) =>
  ({
    learnerId,
    displayName: 'x',
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
  }) as const;

describe('ChannelStream', () => {
  it('numbers events and hands each subscriber the same serialized payload with its coalescing key', () => {
    const stream = new ChannelStream('group:g');
    const received: Array<[string, string | undefined]> = [];
    stream.subscribers.add({ enqueue: (payload, key) => received.push([payload, key]) });
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    stream.emit({ type: 'unread', channel: 'group:g', unread: 2 });
    expect(stream.seq).toBe(2);
    expect(received.map(([payload]) => JSON.parse(payload).seq)).toEqual([1, 2]);
    expect(received.map(([, key]) => key)).toEqual(['group:g|tile:a', undefined]);
  });

  it('emits a payload serialized ahead as it is, and refuses one made for another seq', () => {
    const stream = new ChannelStream('group:g');
    const received: string[] = [];
    stream.subscribers.add({ enqueue: (payload) => received.push(payload) });
    const first = stream.serializeNext({ type: 'unread', channel: 'group:g', unread: 1 });
    expect(first).toBe('{"type":"unread","channel":"group:g","unread":1,"seq":1}');
    stream.emitNext(first);
    expect(received[0]).toBe(first);
    const stale = stream.serializeNext({ type: 'unread', channel: 'group:g', unread: 2 });
    stream.emit({ type: 'unread', channel: 'group:g', unread: 3 });
    expect(() => stream.emitNext(stale)).toThrow(/another seq/);
    expect(stream.seq).toBe(2);
    expect(stream.since(0)!.map((e) => JSON.parse(e.payload).unread)).toEqual([1, 3]);
  });

  it('replays what followed a seq while it is kept, and says when it is not', () => {
    const stream = new ChannelStream('group:g');
    for (let i = 0; i < 600; i += 1) stream.emit({ type: 'unread', channel: 'group:g', unread: i });
    expect(stream.since(600)).toEqual([]);
    expect(stream.since(595)!.map((e) => JSON.parse(e.payload).seq)).toEqual([596, 597, 598, 599, 600]);
    expect(stream.since(344)!.length).toBe(256);
    expect(stream.since(343)).toBeUndefined();
    expect(stream.since(601)).toBeUndefined();
  });

  it('keeps only the latest event of a key: a replay is the state missed, in order', () => {
    const stream = new ChannelStream('group:g');
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('b') }, 'tile:b');
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    for (let i = 0; i < 1000; i += 1)
      stream.emit({ type: 'tile', channel: 'group:g', tile: tile('b') }, 'tile:b');
    // Two keys, however many events: everything since the start can still be replayed.
    expect(
      stream.since(0)!.map((e) => [JSON.parse(e.payload).tile.learnerId, JSON.parse(e.payload).seq]),
    ).toEqual([
      ['a', 3],
      ['b', 1003],
    ]);
    expect(stream.since(3)!.map((e) => JSON.parse(e.payload).seq)).toEqual([1003]);
  });
});
