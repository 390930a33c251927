import { sessionOrErrorPage } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

// Public: anyone reads the call; a signed-in candidate also finds their application here.
export const load: PageLoad = async () => {
  await sessionOrErrorPage();
};
