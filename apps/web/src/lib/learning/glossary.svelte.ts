import type { Glossary } from '@tremplin/contracts';
import { api } from '#lib/api/client.ts';
import { glossaryByKey } from './glossary.ts';

/**
 * The signed-in learner's glossary (GET /api/me/glossary), read once per learner and session;
 * empty until it arrives, and when it cannot be read (the pages are shown without glosses).
 */
const EMPTY: ReadonlyMap<string, string> = new Map();
let byKey = $state.raw(EMPTY);
/** The learner whose glossary `byKey` is, or is being read. */
let asked: string | null = null;

export const glossary = {
  get byKey(): ReadonlyMap<string, string> {
    return byKey;
  },
};

export function loadGlossary(userId: string): void {
  if (asked === userId) return;
  asked = userId;
  byKey = EMPTY;
  api.get<Glossary>('/api/me/glossary').then(
    ({ terms }) => {
      if (asked === userId) byKey = glossaryByKey(terms);
    },
    () => {
      if (asked === userId) asked = null; // read again by the next page that shows content
    },
  );
}
