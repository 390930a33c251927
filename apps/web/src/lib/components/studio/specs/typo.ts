import { t } from '#lib/i18n/index.ts';

export type TypoChoice = 'default' | 'auto' | 0 | 1 | 2;

/** The choices of a typo tolerance (the grader's default when absent). */
export function typoOptions(): { value: TypoChoice; label: string }[] {
  return [
    { value: 'default', label: t('studio.typo.default') },
    { value: 'auto', label: t('studio.typo.auto') },
    { value: 0, label: t('studio.typo.none') },
    { value: 1, label: t('studio.typo.oneLetter') },
    { value: 2, label: t('studio.typo.twoLetters') },
  ];
}
