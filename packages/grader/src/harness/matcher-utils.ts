/** Shared pieces of the matchers: result types and the "Attendu / Reçu / Différence" message layout. */
import { lineDiff } from './diff.ts';
import { format, isStructured } from './format.ts';
import { StringPrototypeIndexOf, StringPrototypeSlice } from './primordials.ts';
import { rt } from './state.ts';

export interface MatcherContext {
  isNot: boolean;
  promise: '' | 'resolves' | 'rejects';
}
export interface Outcome {
  pass: boolean;
  /** Set when the matcher was misused: the assertion fails whatever `.not` says. */
  usage?: string;
  message: () => string;
}
export type Matcher = (received: unknown, args: unknown[], ctx: MatcherContext) => Outcome;

const MAX_LINE = 300;

export function short(text: string): string {
  return text.length > MAX_LINE ? StringPrototypeSlice(text, 0, MAX_LINE) + '…' : text;
}

/** "Attendu : …\nReçu : …" with `not` when the assertion was negated. */
export function pair(expected: string, received: string, ctx: MatcherContext): string {
  const t = rt.text;
  return t.expected + (ctx.isNot ? t.not : '') + short(expected) + '\n' + t.received + short(received);
}

export function diffOf(expected: unknown, received: unknown): string {
  const multilineStrings =
    typeof expected === 'string' &&
    typeof received === 'string' &&
    (StringPrototypeIndexOf(expected, '\n') >= 0 || StringPrototypeIndexOf(received, '\n') >= 0);
  if (!multilineStrings && !(isStructured(expected) && isStructured(received))) return '';
  const a = multilineStrings ? (expected as string) : format(expected, true);
  const b = multilineStrings ? (received as string) : format(received, true);
  if (a === b) return '';
  const diff = lineDiff(a, b);
  return diff === '' ? '' : '\n\n' + rt.text.diff + '\n' + diff;
}

/** A misused matcher: fails whatever `.not` says. */
export function usage(text: string): Outcome {
  return { pass: false, usage: text, message: () => text };
}
