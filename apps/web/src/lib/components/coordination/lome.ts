// Lomé time (Africa/Lome: UTC+0 all year, no daylight saving): deadlines are instants, typed and
// shown to the minute in Lomé time whatever the browser's own zone.
import type { Locale } from '#lib/i18n/index.ts';

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** An instant as a Lomé date and time, e.g. « 31 mars 2027 à 23:59 ». */
export function formatLome(locale: Locale, iso: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Africa/Lome',
    });
    formats.set(locale, format);
  }
  return format.format(new Date(iso));
}

/** A `datetime-local` field's value (`2027-03-31T23:59`), read as Lomé time, as an instant. */
export function lomeInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  // Lomé is UTC+0 with no daylight saving: its wall clock is UTC's.
  const instant = new Date(`${value}:00Z`);
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
}
