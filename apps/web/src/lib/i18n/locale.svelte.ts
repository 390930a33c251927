import { detectLocale, isLocale, translate, translatePlural } from './translate.ts';
import type { Locale, MessageKey, PluralArgs, PluralBase, TranslateArgs } from './types.ts';

/**
 * The UI language, as rune state: reading `t(...)` in markup or in a `$derived` re-renders it as soon as
 * `setLocale` is called. The last language used is kept in localStorage for the next visit; a signed-in
 * user's preference (Me.locale) overrides it (see session.svelte.ts).
 */

export const LOCALE_STORAGE_KEY = 'tremplin.locale';

function readStoredLocale(): string | null {
  try {
    return globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY) ?? null;
  } catch {
    return null; // storage disabled (private mode, policies): the browser language decides
  }
}

function writeStoredLocale(value: Locale): void {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, value);
  } catch {
    // not persisted, still applied
  }
}

function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

function applyToDocument(value: Locale): void {
  if (typeof document !== 'undefined') document.documentElement.lang = value;
}

const initialLocale = detectLocale(readStoredLocale(), browserLanguages());
let current = $state<Locale>(initialLocale);
applyToDocument(initialLocale);

if (typeof window !== 'undefined') {
  // Another tab switched language: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === LOCALE_STORAGE_KEY && isLocale(event.newValue) && event.newValue !== current) {
      current = event.newValue;
      applyToDocument(current);
    }
  });
}

export const locale = {
  get current(): Locale {
    return current;
  },
};

/** Switches the whole UI at once, updates `<html lang>` and remembers the choice on this device. */
export function setLocale(next: Locale): void {
  writeStoredLocale(next);
  if (next === current) return;
  current = next;
  applyToDocument(next);
}

/** Translates `key` in the current language; reactive when read in markup or `$derived`. */
export function t<K extends MessageKey>(key: K, ...args: TranslateArgs<K>): string {
  return translate(current, key, ...args);
}

/** Plural form of `base` for `count` in the current language, e.g. `tn('groups.learners', 3)`. */
export function tn<B extends PluralBase>(base: B, count: number, ...args: PluralArgs<B>): string {
  return translatePlural(current, base, count, ...args);
}
