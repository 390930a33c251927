import type { fr } from './fr.ts';

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'fr';

/** Every message key; French is the source of truth. */
export type MessageKey = keyof typeof fr;

/** What a dictionary must look like: exactly the French keys, string values. */
export type Messages = { readonly [K in MessageKey]: string };

/** `'Bonjour {name}, {count}'` → `'name' | 'count'` */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type ParamsOf<K extends MessageKey> = Placeholders<(typeof fr)[K]>;

/** Keys whose message has no placeholder: what a variable holding "some message to show" should be. */
export type PlainMessageKey = { [K in MessageKey]: [ParamsOf<K>] extends [never] ? K : never }[MessageKey];
export type ParamValue = string | number;

/** A key without placeholders takes no params; one with placeholders requires all of them. */
export type TranslateArgs<K extends MessageKey> = [ParamsOf<K>] extends [never]
  ? []
  : [params: Record<ParamsOf<K>, ParamValue>];

/** `'groups.learners'` for the pair `'groups.learners.one'` / `'groups.learners.other'`. */
type PluralBaseOf<K extends MessageKey> = K extends `${infer B}.other`
  ? `${B}.one` extends MessageKey
    ? B
    : never
  : never;
export type PluralBase = PluralBaseOf<MessageKey>;

type PluralExtraParams<B extends PluralBase> = Exclude<ParamsOf<`${B}.other` & MessageKey>, 'count'>;

export type PluralArgs<B extends PluralBase> = [PluralExtraParams<B>] extends [never]
  ? []
  : [params: Record<PluralExtraParams<B>, ParamValue>];
