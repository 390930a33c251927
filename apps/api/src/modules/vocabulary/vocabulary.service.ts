import type {
  Glossary,
  VocabularyDue,
  VocabularyQueue,
  VocabularyReviewed,
  ReviewRating,
} from '@tremplin/contracts';
import { newCardState, reviewCard, type FullSpec } from '@tremplin/content';
import {
  listEnrolledModules,
  listVersionContent,
  listVocabularyStates,
  logActivity,
  saveVocabularyState,
  type Db,
} from '@tremplin/db';
import { notFound } from '../../errors.ts';
import type { Actor } from '../auth/auth.service.ts';

type VocabularySpec = Extract<FullSpec, { kind: 'vocabulary' }>;
type CardState = Parameters<typeof reviewCard>[0];

interface KnownCard {
  cardKey: string;
  exerciseId: string;
  card: VocabularySpec['cards'][number];
}

/**
 * New cards offered a day, as Anki does by default: a deck of 240 terms is learnt over weeks, not
 * thrown at a learner at once; cards already seen come back when due, however many.
 */
export const NEW_CARDS_PER_DAY = 20;

/** Midnight of `now`'s day in Lomé (UTC, all year). */
const startOfDay = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));

/** Spaced repetition (FSRS) of the technical terms of the modules a learner follows. */
export class VocabularyService {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  /** The cards due now (oldest due first), then the ones never seen, up to the day's new cards. */
  async queue(actor: Actor, now = new Date()): Promise<VocabularyQueue> {
    const cards = await this.#cards(actor);
    const states = new Map(
      (
        await listVocabularyStates(
          this.#db,
          actor.user.id,
          cards.map((c) => c.cardKey),
        )
      ).map((s) => [s.cardKey, s]),
    );
    const due: VocabularyDue[] = [];
    const fresh: VocabularyDue[] = [];
    for (const c of cards) {
      const state = states.get(c.cardKey);
      if (!state)
        fresh.push({
          cardKey: c.cardKey,
          exerciseId: c.exerciseId,
          card: c.card,
          due: now.toISOString(),
          isNew: true,
        });
      else if (state.due <= now) {
        due.push({
          cardKey: c.cardKey,
          exerciseId: c.exerciseId,
          card: c.card,
          due: state.due.toISOString(),
          isNew: false,
        });
      }
    }
    due.sort((a, b) => a.due.localeCompare(b.due));
    const today = startOfDay(now);
    let seenToday = 0;
    for (const state of states.values())
      if (state.firstReviewedAt && state.firstReviewedAt >= today) seenToday++;
    const queue = [...due, ...fresh.slice(0, Math.max(0, NEW_CARDS_PER_DAY - seenToday))];
    return { cards: queue, dueCount: queue.length };
  }

  /** Every term of the learner's decks, once (the first deck's gloss), for the glosses in their pages. */
  async glossary(actor: Actor): Promise<Glossary> {
    const seen = new Set<string>();
    const terms: Glossary['terms'] = [];
    for (const { card } of await this.#cards(actor)) {
      if (seen.has(card.term)) continue;
      seen.add(card.term);
      terms.push({ term: card.term, gloss: card.gloss });
    }
    return { terms };
  }

  async review(
    actor: Actor,
    cardKey: string,
    rating: ReviewRating,
    now = new Date(),
  ): Promise<VocabularyReviewed> {
    const known = (await this.#cards(actor)).find((c) => c.cardKey === cardKey);
    if (!known) throw notFound();
    const [stored] = await listVocabularyStates(this.#db, actor.user.id, [cardKey]);
    const previous = (stored?.state as CardState | undefined) ?? newCardState(now);
    const { state, due } = reviewCard(previous, rating, now);
    await saveVocabularyState(this.#db, {
      userId: actor.user.id,
      cardKey,
      exerciseId: known.exerciseId,
      state,
      due,
      now,
    });
    await logActivity(this.#db, {
      userId: actor.user.id,
      kind: 'vocabulary.review',
      exerciseId: known.exerciseId,
      data: { cardKey, rating },
      createdAt: now,
    });
    return { cardKey, nextDue: due.toISOString(), dueCount: (await this.queue(actor, now)).dueCount };
  }

  async #cards(actor: Actor): Promise<KnownCard[]> {
    const modules = await listEnrolledModules(this.#db, actor.user.id);
    const { exercises } = await listVersionContent(
      this.#db,
      modules.map((m) => m.versionId),
    );
    const moduleSlug = new Map(modules.map((m) => [m.versionId, m.slug]));
    // A card's key names its module, exercise and card by their stable ids (slugs, card id): a new
    // version of the module keeps the learner's reviews.
    return exercises
      .filter((e) => e.kind === 'vocabulary')
      .flatMap((e) =>
        (e.spec as VocabularySpec).cards.map((card) => ({
          cardKey: `${moduleSlug.get(e.moduleVersionId)}:${e.slug}:${card.id}`,
          exerciseId: e.id,
          card,
        })),
      );
  }
}
