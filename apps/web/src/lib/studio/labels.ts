import type { VersionStatus } from '#lib/api/studio.ts';
import type { Locale } from '#lib/i18n/index.ts';

/** Message keys of a version's status (literal keys, so the dictionaries' dead-key check sees them). */
export const STATUS_LABEL_KEY = {
  draft: 'studio.status.draft',
  in_review: 'studio.status.in_review',
  published: 'studio.status.published',
  archived: 'studio.status.archived',
} as const satisfies Record<VersionStatus, string>;

/** « 10:42 », on the author's clock. */
export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** « 5 déc. 2026, 10:42 ». */
export function formatDateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export const CHANGE_KIND_KEY = {
  added: 'studio.diff.added',
  removed: 'studio.diff.removed',
  changed: 'studio.diff.changed',
} as const;
