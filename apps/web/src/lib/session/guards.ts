import { error, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { isApiError } from '#lib/api/client.ts';
import type { Me } from '#lib/api/types.ts';
import { RETURN_TO_PARAM } from '#lib/roles.ts';
import { loadSession } from './session.svelte.ts';

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
