import type { FlagSource, ReviewDecision } from '@tremplin/contracts';
import { formatNumber } from '#lib/i18n/translate.ts';
import type { Locale } from '#lib/i18n/types.ts';

export const FLAG_SOURCES = ['similarity', 'sandbox', 'paste', 'low_confidence', 'tutor', 'appeal'] as const;

export const FLAG_SOURCE_KEY = {
  similarity: 'reviews.source.similarity',
  sandbox: 'reviews.source.sandbox',
  paste: 'reviews.source.paste',
  low_confidence: 'reviews.source.low_confidence',
  tutor: 'reviews.source.tutor',
  appeal: 'reviews.source.appeal',
} as const satisfies Record<FlagSource, string>;

export const DECISION_KEY = {
  confirmed: 'reviews.decision.confirmed',
  overridden: 'reviews.decision.overridden',
  misconduct: 'reviews.decision.misconduct',
  dismissed: 'reviews.decision.dismissed',
  accepted: 'reviews.decision.accepted',
} as const satisfies Record<ReviewDecision, string>;

export const FLAG_STATUS_KEY = { open: 'reviews.status.open', resolved: 'reviews.status.resolved' } as const;

/** A similarity in [0, 1] as a whole percentage. */
export function similarityPercent(locale: Locale, value: number): string {
  return formatNumber(locale, Math.round(value * 100));
}

/** The time of day of an instant ("10:20"), for claim expiries. */
export function formatTime(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}
