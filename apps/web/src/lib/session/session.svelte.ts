import * as auth from '#lib/api/auth.ts';
import type { Me } from '#lib/api/types.ts';
import { locale, setLocale } from '#lib/i18n/locale.svelte.ts';
import type { Locale } from '#lib/i18n/types.ts';
import { clearPersonalCache } from '#lib/offline/cache.ts';

/**
 * Who is signed in, as rune state shared by every page.
 *
 * Language rules:
 * - once the user is known (session restored or sign-in), their saved preference `Me.locale` is applied;
 * - except when they picked a language on a signed-out page (e.g. the login form) just before signing in:
 *   that explicit choice wins and is saved to their account;
 * - switching language while signed in applies at once and is saved in the background.
 */

let me = $state.raw<Me | null>(null);
let known = false;
let pendingLoad: Promise<Me | null> | null = null;
let localeChosenWhileSignedOut = false;

export const session = {
  /** The signed-in user; null when signed out or not loaded yet. */
  get me(): Me | null {
    return me;
  },
};

function adopt(user: Me | null): void {
  me = user;
  known = true;
  if (user) setLocale(user.locale);
}

/** Resolves the session once (GET /api/me) and caches it. Throws ApiError if the API is unreachable. */
export function loadSession(): Promise<Me | null> {
  if (known) return Promise.resolve(me);
  pendingLoad ??= auth
    .fetchMe()
    .then((user) => {
      adopt(user);
      return user;
    })
    .finally(() => {
      pendingLoad = null;
    });
  return pendingLoad;
}

export async function signIn(email: string, password: string): Promise<Me> {
  const user = await auth.login(email, password);
  // Whatever the device kept for offline use belonged to an earlier session, maybe another person's.
  await clearPersonalCache();
  if (localeChosenWhileSignedOut && user.locale !== locale.current) {
    me = user;
    known = true;
    void persistLocale(locale.current);
  } else {
    adopt(user);
  }
  localeChosenWhileSignedOut = false;
  return user;
}

/** A new account, signed in by the API as it was created (the public call's sign-up): adopt it. */
export function signedUp(user: Me): void {
  adopt(user);
  localeChosenWhileSignedOut = false;
}

/** Ends the session on the server, then forgets the user. Throws (and keeps the user) on failure. */
export async function signOut(): Promise<void> {
  await auth.logout();
  await clearPersonalCache();
  me = null;
  known = true;
}

/** The server says the session is gone (401 on some call): forget the user. */
export function sessionExpired(): void {
  me = null;
  known = true;
}

/** The language switch: applies now; saved to the account when signed in, or on the next sign-in. */
export function chooseLocale(next: Locale): void {
  setLocale(next);
  if (me) {
    if (me.locale !== next) void persistLocale(next);
  } else {
    localeChosenWhileSignedOut = true;
  }
}

async function persistLocale(value: Locale): Promise<void> {
  try {
    const updated = await auth.saveLocale(value);
    // Keep the UI language if the user switched again meanwhile.
    if (me && me.id === updated.id) me = updated;
  } catch {
    // Not saved: the UI still shows the chosen language, and the next switch will try again.
  }
}
