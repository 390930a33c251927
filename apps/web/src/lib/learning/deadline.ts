/**
 * Where a learner stands against their group's deadline for a module. Work is still accepted after
 * it (an outage or a metered link is not the learner's fault, and the tutor sees what came late);
 * the card says the deadline is near (SOON_MS) or has passed while the module is unfinished.
 */
export type DeadlineState = 'none' | 'upcoming' | 'soon' | 'overdue' | 'met';

/** How near an unfinished module's deadline is said to be near: two days. */
export const SOON_MS = 48 * 3_600_000;

export function deadlineState(
  dueAt: string | null | undefined,
  progress: { exercisesDone: number; exercisesTotal: number },
  now = Date.now(),
): DeadlineState {
  if (!dueAt) return 'none';
  if (progress.exercisesDone >= progress.exercisesTotal) return 'met';
  const left = Date.parse(dueAt) - now;
  if (left < 0) return 'overdue';
  return left <= SOON_MS ? 'soon' : 'upcoming';
}
