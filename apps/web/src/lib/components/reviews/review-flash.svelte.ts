import type { ReviewDecisionResult } from '@tremplin/contracts';

/** The decision just recorded on the review page, confirmed once on the queue it returns to. */
export const reviewFlash = $state<{ result: ReviewDecisionResult | null }>({ result: null });
