// Sorting and filtering of the group grid's tiles, and the durations they show.
import type { LearnerTile } from '@tremplin/contracts';

export type TileSort = 'attention' | 'name' | 'waiting';
export type TileFilter = 'all' | 'stuck' | 'hand' | 'offline' | 'online';

export const TILE_SORTS: readonly TileSort[] = ['attention', 'waiting', 'name'];
export const TILE_FILTERS: readonly TileFilter[] = ['all', 'hand', 'stuck', 'online', 'offline'];

const PRESENCE_RANK = { online: 0, idle: 1, offline: 2 } as const;

function byName(a: LearnerTile, b: LearnerTile): number {
  return a.displayName.localeCompare(b.displayName, 'fr');
}

/** Oldest raised hand first; no hand last. */
function byWaiting(a: LearnerTile, b: LearnerTile): number {
  if (a.hand && b.hand) return a.hand.raisedAt.localeCompare(b.hand.raisedAt);
  if (a.hand) return -1;
  if (b.hand) return 1;
  return 0;
}

/** Needs attention first: raised hands (oldest first), then stuck, then present before absent. */
function byAttention(a: LearnerTile, b: LearnerTile): number {
  return (
    byWaiting(a, b) ||
    Number(b.stuck) - Number(a.stuck) ||
    PRESENCE_RANK[a.presence] - PRESENCE_RANK[b.presence] ||
    byName(a, b)
  );
}

export function matchesFilter(tile: LearnerTile, filter: TileFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'stuck':
      return tile.stuck;
    case 'hand':
      return tile.hand !== null;
    case 'offline':
      return tile.presence === 'offline';
    case 'online':
      return tile.presence !== 'offline';
  }
}

export function arrangeTiles(
  tiles: readonly LearnerTile[],
  sort: TileSort,
  filter: TileFilter,
): LearnerTile[] {
  const compare =
    sort === 'name'
      ? byName
      : sort === 'waiting'
        ? (a: LearnerTile, b: LearnerTile) => byWaiting(a, b) || byName(a, b)
        : byAttention;
  return tiles.filter((tile) => matchesFilter(tile, filter)).sort(compare);
}

/** Seconds elapsed since an instant, on the server's clock (offset = server − local). */
export function secondsSince(iso: string, nowMs: number, clockOffsetMs = 0): number {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 0;
  return Math.max(0, Math.floor((nowMs + clockOffsetMs - at) / 1000));
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
