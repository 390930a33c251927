import { getProgress } from '#lib/api/learning.ts';
import { LOCALE_DEPENDENCY, loadStudentData } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, depends }) => {
  depends(LOCALE_DEPENDENCY);
  return { progress: await loadStudentData(url, () => getProgress()) };
};
