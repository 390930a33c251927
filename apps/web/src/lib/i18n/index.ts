export { locale, setLocale, t, tn, LOCALE_STORAGE_KEY } from './locale.svelte.ts';
export { LOCALE_NAMES, formatNumber, isLocale, translate } from './translate.ts';
export { DEFAULT_LOCALE, LOCALES, type Locale, type MessageKey, type PlainMessageKey } from './types.ts';
