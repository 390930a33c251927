import type { LearnerTile } from '@tremplin/contracts';
import { describe, expect, it } from 'vitest';
import { scoreBand } from './progress.ts';
import { arrangeTiles, formatDuration, matchesFilter, secondsSince } from './tiles.ts';

function tile(name: string, patch: Partial<LearnerTile> = {}): LearnerTile {
  return {
    learnerId: name,
    displayName: name,
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
const hand = (raisedAt: string) => ({ helpRequestId: raisedAt, status: 'open' as const, raisedAt });

const tiles = [
  tile('Zoé', { presence: 'offline' }),
  tile('Ama', { stuck: true, stuckReason: 'failing-streak' }),
  tile('Koffi', { hand: hand('2026-01-01T10:05:00Z') }),
  tile('Béa', { presence: 'idle' }),
  tile('Yao', { hand: hand('2026-01-01T10:00:00Z'), presence: 'offline' }),
  tile('Abla'),
];
const names = (list: LearnerTile[]) => list.map((t) => t.displayName);

describe('arrangeTiles', () => {
  it('puts raised hands first (longest waiting first), then the stuck, then present before absent', () => {
    expect(names(arrangeTiles(tiles, 'attention', 'all'))).toEqual([
      'Yao',
      'Koffi',
      'Ama',
      'Abla',
      'Béa',
      'Zoé',
    ]);
  });

  it('sorts by name', () => {
    expect(names(arrangeTiles(tiles, 'name', 'all'))).toEqual(['Abla', 'Ama', 'Béa', 'Koffi', 'Yao', 'Zoé']);
  });

  it('sorts by waiting time, then by name', () => {
    expect(names(arrangeTiles(tiles, 'waiting', 'all'))).toEqual([
      'Yao',
      'Koffi',
      'Abla',
      'Ama',
      'Béa',
      'Zoé',
    ]);
  });

  it('filters: stuck, raised hand, offline, present', () => {
    expect(names(arrangeTiles(tiles, 'name', 'stuck'))).toEqual(['Ama']);
    expect(names(arrangeTiles(tiles, 'name', 'hand'))).toEqual(['Koffi', 'Yao']);
    expect(names(arrangeTiles(tiles, 'name', 'offline'))).toEqual(['Yao', 'Zoé']);
    expect(names(arrangeTiles(tiles, 'name', 'online'))).toEqual(['Abla', 'Ama', 'Béa', 'Koffi']);
    expect(matchesFilter(tiles[0]!, 'all')).toBe(true);
  });

  it('does not change the list it is given', () => {
    const before = names(tiles);
    arrangeTiles(tiles, 'attention', 'hand');
    expect(names(tiles)).toEqual(before);
  });
});

describe('durations', () => {
  it('counts the seconds since an instant on the server clock', () => {
    const now = Date.parse('2026-01-01T10:01:00Z');
    expect(secondsSince('2026-01-01T10:00:00Z', now)).toBe(60);
    expect(secondsSince('2026-01-01T10:00:00Z', now, 5_000)).toBe(65);
    expect(secondsSince('2026-01-01T10:02:00Z', now)).toBe(0);
  });

  it('formats m:ss and h:mm:ss', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(75)).toBe('1:15');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});

describe('scoreBand', () => {
  it('names the colour of a progress cell', () => {
    expect(scoreBand(null, 1, 0)).toBe('none');
    expect(scoreBand(null, 1, 2)).toBe('tried');
    expect(scoreBand(0, 1, 1)).toBe('tried');
    expect(scoreBand(0.5, 1, 1)).toBe('partial');
    expect(scoreBand(1, 1, 1)).toBe('full');
  });
});
