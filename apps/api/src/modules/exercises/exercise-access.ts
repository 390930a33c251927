import type { PublicSpec } from '@tremplin/contracts';
import { toPublicSpec, type FullSpec } from '@tremplin/content';
import {
  countDictationPlays,
  findExerciseFor,
  type Db,
  type ExerciseRow,
  type PlacedRow,
} from '@tremplin/db';
import { AppError, notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';

export interface ReachableExercise {
  exercise: ExerciseRow;
  spec: FullSpec;
  place: PlacedRow;
}

/**
 * The exercise if the actor may work on it: 404 when unknown or still a draft, 403 when the actor
 * is not enrolled in its module. `forAnswering` also refuses an archived version (409).
 */
export async function reachExercise(
  db: Db,
  actor: Actor,
  exerciseId: string,
  { forAnswering = false } = {},
): Promise<ReachableExercise> {
  const found = await findExerciseFor(db, exerciseId, actor.user.id);
  // Drafts and versions in review are the studio's: learners never see them.
  if (!found || (found.place.versionStatus !== 'published' && found.place.versionStatus !== 'archived'))
    throw notFound();
  if (!found.place.enrolled) throw new AppError('TREMPLIN_ERR_NOT_ENROLLED');
  if (forAnswering && found.place.versionStatus !== 'published')
    throw new AppError('TREMPLIN_ERR_VERSION_NOT_OPEN');
  return { exercise: found.exercise, spec: found.exercise.spec as FullSpec, place: found.place };
}

/**
 * The public view of an exercise as one learner sees it: their own shuffles (seeded by exercise and
 * learner) and their dictation plays. Never an answer key.
 */
export async function learnerView(
  db: Db,
  exerciseId: string,
  spec: FullSpec,
  userId: string,
): Promise<PublicSpec> {
  const playsUsed = spec.kind === 'dictation' ? await countDictationPlays(db, userId, exerciseId) : 0;
  return toPublicSpec(spec, { seed: `${exerciseId}:${userId}`, playsUsed });
}
