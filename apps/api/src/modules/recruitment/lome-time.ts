import type { Locale } from '@tremplin/contracts';

/** The programme's clock: Lomé (UTC+0 all year, no summer time). */
export const LOME_TIME_ZONE = 'Africa/Lome';

const formats = {
  fr: new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: LOME_TIME_ZONE }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: LOME_TIME_ZONE }),
};

/** An instant in words, in Lomé time: « 30 juin 2027 à 23:59 », "30 June 2027 at 23:59". */
export function lomeWords(at: Date): Record<Locale, string> {
  return { fr: formats.fr.format(at), en: formats.en.format(at) };
}

/** An instant as a spreadsheet reads it, in Lomé time: `2027-06-30 23:59`. */
export function lomeStamp(at: Date | null): string {
  if (!at) return '';
  // Lomé is UTC+0: the UTC wall clock is Lomé's.
  return at.toISOString().slice(0, 16).replace('T', ' ');
}
