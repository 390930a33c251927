import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { homeRouteOf } from '#lib/roles.ts';
import { requireSession } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

// `/`: the home of the user's first role (signed out: the (app) layout already sent them to /connexion).
export const load: PageLoad = async ({ url }) => {
  const me = await requireSession(url);
  const home = homeRouteOf(me);
  if (home) redirect(307, resolve(home));
};
