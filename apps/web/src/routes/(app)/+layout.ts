import { requireSession } from '#lib/session/guards.ts';
import type { LayoutLoad } from './$types';

// Every page of this group needs a signed-in user; role checks are done by each page (RoleSpace).
export const load: LayoutLoad = async ({ url }) => {
  await requireSession(url);
};
