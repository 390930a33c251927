// Message keys of the dashboard's enumerations (literal keys: the i18n test finds every key in use).
import type { MessageKey } from '#lib/i18n/index.ts';
import type { ScoreBand } from './progress.ts';
import type { TileFilter, TileSort } from './tiles.ts';

export const SORT_LABEL = {
  attention: 'tutor.grid.sort.attention',
  waiting: 'tutor.grid.sort.waiting',
  name: 'tutor.grid.sort.name',
} as const satisfies Record<TileSort, MessageKey>;

export const FILTER_LABEL = {
  all: 'tutor.grid.filter.all',
  hand: 'tutor.grid.filter.hand',
  stuck: 'tutor.grid.filter.stuck',
  online: 'tutor.grid.filter.online',
  offline: 'tutor.grid.filter.offline',
} as const satisfies Record<TileFilter, MessageKey>;

export const BAND_LABEL = {
  none: 'tutor.progress.band.none',
  tried: 'tutor.progress.band.tried',
  partial: 'tutor.progress.band.partial',
  full: 'tutor.progress.band.full',
} as const satisfies Record<ScoreBand, MessageKey>;

export const STATUS_LABEL = {
  pass: 'tutor.status.pass',
  fail: 'tutor.status.fail',
  pending: 'tutor.status.pending',
  error: 'tutor.status.error',
} as const satisfies Record<'pass' | 'fail' | 'pending' | 'error', MessageKey>;

export const PRESENCE_LABEL = {
  online: 'tutor.presence.online',
  idle: 'tutor.presence.idle',
  offline: 'tutor.presence.offline',
} as const satisfies Record<'online' | 'idle' | 'offline', MessageKey>;
