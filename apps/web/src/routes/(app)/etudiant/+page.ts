import { getHomeSummary, listModules } from '#lib/api/learning.ts';
import { LOCALE_DEPENDENCY, loadStudentData } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, depends }) => {
  depends(LOCALE_DEPENDENCY);
  const home = await loadStudentData(url, async () => {
    const [{ modules }, progress] = await Promise.all([listModules(), getHomeSummary()]);
    return { modules, progress };
  });
  return { home };
};
