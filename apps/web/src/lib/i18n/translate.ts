import { en } from './en.ts';
import { fr } from './fr.ts';
import {
  DEFAULT_LOCALE,
  LOCALES,
  type Locale,
  type MessageKey,
  type Messages,
  type ParamValue,
  type PluralArgs,
  type PluralBase,
  type TranslateArgs,
} from './types.ts';

/** Pure translation helpers, independent of any UI state (unit-tested in node). */

export const DICTIONARIES: Readonly<Record<Locale, Messages>> = { fr, en };

/** Each language named in itself, so a reader finds their own language whatever the UI shows. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { fr: 'Français', en: 'English' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Replaces `{name}` placeholders; an unknown placeholder is left as is so it is visible in review. */
export function interpolate(template: string, params?: Readonly<Record<string, ParamValue>>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
}

export function translate<K extends MessageKey>(locale: Locale, key: K, ...args: TranslateArgs<K>): string {
  const template = DICTIONARIES[locale][key] ?? DICTIONARIES[DEFAULT_LOCALE][key] ?? key;
  return interpolate(template, args[0]);
}

const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function pluralCategory(locale: Locale, count: number): 'one' | 'other' {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(locale)));
  return rules.select(count) === 'one' ? 'one' : 'other';
}

export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

/** Chooses `${base}.one` or `${base}.other` for `count` (fr: 0 and 1 are singular) and fills `{count}`. */
export function translatePlural<B extends PluralBase>(
  locale: Locale,
  base: B,
  count: number,
  ...args: PluralArgs<B>
): string {
  const key = `${base}.${pluralCategory(locale, count)}` as MessageKey;
  const template = DICTIONARIES[locale][key] ?? key;
  return interpolate(template, { ...args[0], count: formatNumber(locale, count) });
}

/**
 * Initial language: an explicit earlier choice (stored), else the first browser language we support,
 * else French.
 */
export function detectLocale(stored: string | null | undefined, browserLanguages: readonly string[]): Locale {
  if (isLocale(stored)) return stored;
  for (const tag of browserLanguages) {
    const primary = tag.toLowerCase().split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return DEFAULT_LOCALE;
}
