import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { RETURN_TO_PARAM, ROOT_ROUTE, homeRouteOf, safeReturnPath } from '#lib/roles.ts';
import { resolveReturnPath } from '#lib/session/guards.ts';
import { loadSession } from '#lib/session/session.svelte.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url }) => {
  let me = null;
  try {
    me = await loadSession();
  } catch {
    // API unreachable: show the form anyway; submitting will say so in the user's language.
  }
  if (me) {
    const back = safeReturnPath(url.searchParams.get(RETURN_TO_PARAM));
    redirect(307, back ? resolveReturnPath(back) : resolve(homeRouteOf(me) ?? ROOT_ROUTE));
  }
};
