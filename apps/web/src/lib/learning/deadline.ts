/**
 * Where a learner stands against their group's deadline for a module. Work is still accepted after
 * it (an outage or a metered link is not the learner's fault, and the tutor sees what came late);
 * the card says the deadline has passed while the module is unfinished.
 */
export type DeadlineState = 'none' | 'upcoming' | 'overdue' | 'met';

export function deadlineState(
  dueAt: string | null | undefined,
  progress: { exercisesDone: number; exercisesTotal: number },
  now = Date.now(),
): DeadlineState {
  if (!dueAt) return 'none';
  if (progress.exercisesDone >= progress.exercisesTotal) return 'met';
  return Date.parse(dueAt) < now ? 'overdue' : 'upcoming';
}
