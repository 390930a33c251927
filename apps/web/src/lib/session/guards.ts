import { error, redirect } from '@sveltejs/kit';
import { goto } from '$app/navigation';
import { resolve } from '$app/paths';
import type { PathnameWithSearchOrHash } from '$app/types';
import { isApiError } from '#lib/api/client.ts';
import type { Me } from '#lib/api/types.ts';
import { RETURN_TO_PARAM } from '#lib/roles.ts';
import { loadSession, sessionExpired } from './session.svelte.ts';

/** For load functions: the session, or an error page (503 when the API cannot be reached). */
export async function sessionOrErrorPage(): Promise<Me | null> {
  try {
    return await loadSession();
  } catch (cause) {
    if (isApiError(cause)) {
      const status = cause.status === 0 ? 503 : cause.status >= 500 ? cause.status : 500;
      error(status, cause.message, { code: cause.code });
    }
    throw cause;
  }
}

/** For load functions of signed-in pages: the user, or a redirect to the login page that comes back here. */
export async function requireSession(url: URL): Promise<Me> {
  const me = await sessionOrErrorPage();
  if (!me) {
    const back = url.pathname + url.search;
    const query = back === '/' ? '' : `?${new URLSearchParams({ [RETURN_TO_PARAM]: back })}`;
    redirect(307, resolve('/connexion') + query);
  }
  return me;
}

/**
 * For load functions of the student pages: the data, or null when the user is not a student (the
 * student layout then shows "access not allowed" without asking the API). API errors become the
 * error page with the API's message; an expired session goes back to the login page.
 */
export async function loadStudentData<T>(url: URL, fetchData: () => Promise<T>): Promise<T | null> {
  // Asked beside the session rather than after it: on a 150 ms link a page load is one round trip
  // shorter. When the user turns out not to be a student (or not signed in), the answer is dropped.
  const data = fetchData();
  data.catch(() => {});
  const me = await requireSession(url);
  if (!me.roles.includes('student')) return null;
  try {
    return await data;
  } catch (cause) {
    if (isApiError(cause)) {
      if (cause.status === 401) {
        sessionExpired();
        const back = url.pathname + url.search;
        redirect(307, resolve('/connexion') + `?${new URLSearchParams({ [RETURN_TO_PARAM]: back })}`);
      }
      const status = cause.status === 0 ? 503 : cause.status;
      error(status, cause.message, { code: cause.code });
    }
    throw cause;
  }
}

/** For components: an expired session (401) goes back to the login page and answers true. */
export async function leaveIfSignedOut(cause: unknown): Promise<boolean> {
  if (!isApiError(cause) || cause.status !== 401) return false;
  sessionExpired();
  await goto(resolve('/connexion'));
  return true;
}

/** The dependency that student pages declare so that a language switch reloads their content. */
export const LOCALE_DEPENDENCY = 'app:locale';

/** `resolve()` for a return path accepted by `safeReturnPath` (a pathname of this app). */
export function resolveReturnPath(back: PathnameWithSearchOrHash): string {
  // With dynamic routes, the union of every pathname is too large for resolve()'s parameter types to
  // be checked against as a whole; it is one of them.
  return resolve(back as Extract<PathnameWithSearchOrHash, 'etudiant'>);
}
