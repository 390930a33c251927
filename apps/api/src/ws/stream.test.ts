import { describe, expect, it } from 'vitest';
import type { LearnerTile } from '@tremplin/contracts';
import { ChannelStream, fingerprint } from './stream.ts';

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

  it('replays in seq order when a key comes back, and forgets the oldest, keyed or not', () => {
    const stream = new ChannelStream('group:g');
    const seqs = (from: number) => stream.since(from)?.map((e) => JSON.parse(e.payload).seq);
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('b') }, 'tile:b');
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    expect(seqs(0)).toEqual([2, 3]);
    // 254 events without a key fill the 256 kept: the next one forgets b (seq 2), the oldest.
    for (let i = 0; i < 254; i += 1) stream.emit({ type: 'unread', channel: 'group:g', unread: i });
    expect(seqs(0)).toHaveLength(256);
    stream.emit({ type: 'unread', channel: 'group:g', unread: 254 });
    expect(seqs(1)).toBeUndefined();
    expect(seqs(2)).toEqual(Array.from({ length: 256 }, (_, i) => i + 3));
    // b again: now a's tile (seq 3) is the oldest, older than every event without a key.
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('b') }, 'tile:b');
    expect(seqs(2)).toBeUndefined();
    expect(seqs(3)).toEqual(Array.from({ length: 256 }, (_, i) => i + 4));
    expect(stream.since(258)!.map((e) => e.key)).toEqual(['group:g|tile:b']);
    // A key forgotten and back is kept again, at the end.
    stream.emit({ type: 'tile', channel: 'group:g', tile: tile('a') }, 'tile:a');
    expect(seqs(258)).toEqual([259, 260]);
  });

  it('keeps only the seq of events its owner renders again, and renders them on a resume', () => {
    const state = new Map<string, LearnerTile>([['a', tile('a')]]);
    const stream = new ChannelStream('group:g', (key) => {
      const now = state.get(key.slice('tile:'.length));
      return now && { type: 'tile', channel: 'group:g', tile: now };
    });
    const sent: string[] = [];
    stream.subscribers.add({ enqueue: (payload) => sent.push(payload) });
    stream.emitNext(
      stream.serializeNext({ type: 'tile', channel: 'group:g', tile: tile('a') }),
      'tile:a',
      'seq',
    );
    stream.emitNext(
      stream.serializeNext({ type: 'tile', channel: 'group:g', tile: tile('b') }),
      'tile:b',
      'seq',
    );
    stream.emit({ type: 'unread', channel: 'group:g', unread: 1 });
    // Subscribers get the event itself.
    expect(JSON.parse(sent[0]!)).toMatchObject({ tile: { learnerId: 'a', attempts: 0 }, seq: 1 });
    // A resume gets the current state under the seq of the latest event; b has none any more.
    state.set('a', { ...tile('a'), attempts: 4 });
    const missed = stream.since(0)!;
    expect(missed.map((e) => [e.key, JSON.parse(e.payload)])).toEqual([
      ['group:g|tile:a', { type: 'tile', channel: 'group:g', tile: { ...tile('a'), attempts: 4 }, seq: 1 }],
      [undefined, { type: 'unread', channel: 'group:g', unread: 1, seq: 3 }],
    ]);
    expect(() => new ChannelStream('feed:f').emitNext('{"type":"unread","seq":1}', 'k', 'seq')).toThrow(
      /renders again/,
    );
  });
});

describe('fingerprint', () => {
  it('is the same for the same text, wherever it sits, and differs for a one-character change', () => {
    const text = '{"learnerId":"a","attempts":3,"presence":"online"}';
    expect(fingerprint(`xx${text}yy`, 2, 2 + text.length)).toBe(fingerprint(text));
    const prints = new Set([fingerprint(text)]);
    for (let i = 0; i < text.length; i += 1)
      for (const c of ['0', 'b', ' '])
        if (text[i] !== c) prints.add(fingerprint(text.slice(0, i) + c + text.slice(i + 1)));
    // Every one-character variant has a print of its own.
    expect(prints.size).toBe(
      1 + [...text].reduce((n, ch) => n + ['0', 'b', ' '].filter((c) => c !== ch).length, 0),
    );
    expect(Number.isSafeInteger(fingerprint(text))).toBe(true);
  });
});
