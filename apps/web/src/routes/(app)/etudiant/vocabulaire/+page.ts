import { getVocabularyQueue } from '#lib/api/learning.ts';
import { loadStudentData } from '#lib/session/guards.ts';
import type { PageLoad } from './$types';

// Not reloaded on a language switch: the cards are English terms with their French gloss either way,
// and a reload would restart the review.
export const load: PageLoad = async ({ url }) => {
  return { queue: await loadStudentData(url, () => getVocabularyQueue()) };
};
