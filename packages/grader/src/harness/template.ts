/**
 * Locale-neutral messages: a message is text with tokens `⟨key⟩` / `⟨key|arg|arg⟩` (written with three
 * private-use characters) that name a wording of a catalogue and its arguments, themselves messages. The
 * harness writes them inside the sandbox (still only strings leave it); the host renders them in either
 * language, when a result is read (see render.ts). Safe to bundle in the harness: only string `+`.
 */
import { ObjectKeys, StringCtor } from './primordials.ts';

export const OPEN = '\uE000';
export const SEP = '\uE001';
export const CLOSE = '\uE002';

/** The token of one wording: `family.name` and its arguments. */
export function token(key: string, args: ArrayLike<unknown>): string {
  let out = OPEN + key;
  for (let i = 0; i < args.length; i++) out += SEP + StringCtor(args[i]);
  return out + CLOSE;
}

type Catalogue = Record<string, string | ((...args: never[]) => string)>;

/** A catalogue of the same shape whose wordings are tokens `family.name`, to render later. */
export function templateOf<T extends object>(family: string, catalogue: T): T {
  const out = { __proto__: null } as unknown as Record<string, unknown>;
  const names = ObjectKeys(catalogue);
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const key = family + '.' + name;
    // Rest parameters build a fresh array without the (patchable) array iterator.
    out[name] =
      typeof (catalogue as Catalogue)[name] === 'function'
        ? (...args: unknown[]) => token(key, args)
        : token(key, []);
  }
  return out as T;
}
