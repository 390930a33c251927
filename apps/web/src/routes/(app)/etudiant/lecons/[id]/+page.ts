import { getLesson } from '#lib/api/learning.ts';
import { LOCALE_DEPENDENCY, loadStudentData } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, params, depends }) => {
  depends(LOCALE_DEPENDENCY);
  return { lesson: await loadStudentData(url, () => getLesson(params.id)) };
};
