// Vocabulary review scheduling with FSRS (ts-fsrs). The state is plain JSON (ISO dates, a named state) so
// that the API can keep it in a jsonb column and read it back unchanged.
import { Type, type Static } from 'typebox';
import Compile from 'typebox/compile';
import { createEmptyCard, fsrs, State, type Card, type Grade } from 'ts-fsrs';

export const CardState = Type.Object({
  due: Type.String(),
  stability: Type.Number(),
  difficulty: Type.Number(),
  elapsedDays: Type.Number(),
  scheduledDays: Type.Number(),
  learningSteps: Type.Number(),
  reps: Type.Integer(),
  lapses: Type.Integer(),
  state: Type.Enum(['new', 'learning', 'review', 'relearning']),
  lastReview: Type.Union([Type.String(), Type.Null()]),
});
export type CardState = Static<typeof CardState>;

/** 1 Again, 2 Hard, 3 Good, 4 Easy. */
export type ReviewRating = 1 | 2 | 3 | 4;

const STATE_NAMES = ['new', 'learning', 'review', 'relearning'] as const;
const STATE_VALUES: Record<CardState['state'], State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

// Default FSRS parameters (90% retention); no fuzz, so that a review's outcome is reproducible.
const scheduler = fsrs({ enable_fuzz: false });
const checkState = Compile(CardState);

function toState(card: Card): CardState {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsedDays: card.elapsed_days,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: STATE_NAMES[card.state] ?? 'new',
    lastReview: card.last_review ? card.last_review.toISOString() : null,
  };
}

function toCard(state: CardState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: state.elapsedDays,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: STATE_VALUES[state.state],
    ...(state.lastReview ? { last_review: new Date(state.lastReview) } : {}),
  };
}

/** The state of a card never reviewed, due now. */
export function newCardState(now: Date = new Date()): CardState {
  return toState(createEmptyCard(now));
}

/** Applies one review (1 Again … 4 Easy) at `now`; returns the new state and when the card is next due. */
export function reviewCard(
  state: CardState,
  rating: ReviewRating,
  now: Date = new Date(),
): { state: CardState; due: Date } {
  if (!checkState.Check(state)) throw new TypeError('reviewCard: not a card state');
  if (![1, 2, 3, 4].includes(rating))
    throw new RangeError(`reviewCard: rating must be 1 to 4, not ${String(rating)}`);
  const { card } = scheduler.next(toCard(state), now, rating as number as Grade);
  return { state: toState(card), due: card.due };
}
