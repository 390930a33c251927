import type { EligibilityReason, Locale } from '@tremplin/contracts';
import type { TutorCallRow } from '@tremplin/db';

export type EligibilityRule = EligibilityReason['rule'];

/** The rules of a call a candidate's answers can fail, in the order the form asks them. */
export function ineligibleRules(
  call: Pick<TutorCallRow, 'universityIds' | 'levels' | 'fields'>,
  answers: { universityId: string; level: string; field: string },
): EligibilityRule[] {
  const failed: EligibilityRule[] = [];
  if (!call.universityIds.includes(answers.universityId)) failed.push('university');
  if (!call.levels.includes(answers.level)) failed.push('level');
  if (!call.fields.some((f) => f.id === answers.field)) failed.push('field');
  return failed;
}

const LEVEL_WORDS: Record<Locale, Record<string, string>> = {
  fr: { licence: 'licence', master: 'master', doctorate: 'doctorat' },
  en: { licence: 'Bachelor’s', master: 'Master’s', doctorate: 'doctorate' },
};

function list(items: string[], locale: Locale): string {
  return new Intl.ListFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { type: 'disjunction' }).format(items);
}

/** Why the rule failed, in the reader's language, naming what the call takes. */
export function reasonOf(
  rule: EligibilityRule,
  call: Pick<TutorCallRow, 'levels' | 'fields'> & { universityNames: string[] },
  locale: Locale,
): EligibilityReason {
  const fr = locale === 'fr';
  switch (rule) {
    case 'university':
      return {
        rule,
        message: fr
          ? `L’appel est réservé aux inscrits de ${list(call.universityNames, locale)}.`
          : `The call is open to students of ${list(call.universityNames, locale)} only.`,
      };
    case 'level': {
      const levels = list(
        call.levels.map((l) => LEVEL_WORDS[locale][l] ?? l),
        locale,
      );
      return {
        rule,
        message: fr
          ? `Il faut être inscrit en ${levels}.`
          : `Candidates must be enrolled in a ${levels} programme.`,
      };
    }
    case 'field':
      return {
        rule,
        message: fr
          ? `Votre filière ne fait pas partie de celles de l’appel (${call.fields.map((f) => f.fr).join(', ')}).`
          : `Your field of study is not one of the call’s (${call.fields.map((f) => f.en).join(', ')}).`,
      };
  }
}
