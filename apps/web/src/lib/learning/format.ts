import { formatNumber } from '#lib/i18n/translate.ts';
import type { Locale } from '#lib/i18n/types.ts';

/** Numbers and dates as the student reads them, in the interface language. */

export function formatScore(locale: Locale, score: number, max: number): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  return `${formatNumber(locale, round(score))}\u202f/\u202f${formatNumber(locale, round(max))}`;
}

/** Whole percentage 0–100 of `value` out of `total` (0 when there is nothing to do). */
export function percent(value: number, total: number): number {
  if (total <= 0) return 0;
  return Math.max(0, Math.min(100, Math.round((value / total) * 100)));
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function cachedFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${locale}:${JSON.stringify(options)}`;
  let format = dateTimeFormats.get(id);
  if (!format) dateTimeFormats.set(id, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

export function formatDateTime(locale: Locale, iso: string): string {
  return cachedFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatShortDate(locale: Locale, date: Date): string {
  return cachedFormat(locale, { day: 'numeric', month: 'short' }).format(date);
}

export function formatLongDate(locale: Locale, date: Date): string {
  return cachedFormat(locale, { day: 'numeric', month: 'long' }).format(date);
}
