import type { ApplicationStatus, CallField, StudyLevel } from '#lib/api/types.ts';
import type { Locale, PlainMessageKey } from '#lib/i18n/types.ts';

export const LEVEL_KEY = {
  licence: 'recruit.level.licence',
  master: 'recruit.level.master',
  doctorate: 'recruit.level.doctorate',
} as const satisfies Record<StudyLevel, PlainMessageKey>;

export const LEVELS: readonly StudyLevel[] = ['licence', 'master', 'doctorate'];

export const STATUS_KEY = {
  submitted: 'recruit.status.submitted',
  selected: 'recruit.status.selected',
  rejected: 'recruit.status.rejected',
  withdrawn: 'recruit.status.withdrawn',
} as const satisfies Record<ApplicationStatus, PlainMessageKey>;

/** The field's name in the reader's language (`other`, or one a call no longer lists, as its id). */
export function fieldName(fields: readonly CallField[], id: string, locale: Locale): string {
  return fields.find((f) => f.id === id)?.[locale] ?? id;
}

const formats = new Map<Locale, Intl.DateTimeFormat>();

/** An instant in Lomé time (UTC+0 all year), the programme's clock: pages add « heure de Lomé ». */
export function lomeDateTime(locale: Locale, iso: string): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Africa/Lome',
    });
    formats.set(locale, format);
  }
  return format.format(new Date(iso));
}
