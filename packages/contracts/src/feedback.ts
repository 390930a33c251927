// Feedback the platform writes (not an author's text) is stored as a message key with its arguments, and
// rendered in the reader's language when it is shown (see docs/adr/0005-feedback-as-message-keys.md).
import { Type, type Static } from 'typebox';
import { AnswerResult, CodeResult, GradeOutcome, ItemOutcome, TestOutcome } from './learning.ts';

export const FeedbackArg = Type.Union([Type.String(), Type.Number()]);
export type FeedbackArg = Static<typeof FeedbackArg>;

/**
 * One platform message: `<family>.<name>` (english.cloze, grading.hiddenPass, grader.text) and the
 * arguments of that message's wording, in order.
 */
export const Feedback = Type.Object({
  key: Type.String({ pattern: '^[a-z]+\\.[A-Za-z]+$' }),
  args: Type.Optional(Type.Array(FeedbackArg)),
});
export type Feedback = Static<typeof Feedback>;

/** A stored message: an author's text (or a row older than keys) as it is, or platform messages (a list is joined by spaces). */
export const StoredText = Type.Union([Type.String(), Feedback, Type.Array(Feedback)]);
export type StoredText = Static<typeof StoredText>;

/** A platform message. */
export function feedback(key: string, ...args: FeedbackArg[]): Feedback {
  return args.length > 0 ? { key, args } : { key };
}

// The results as stored (submissions.results, runs.result): the response shapes of learning.ts, with
// stored texts where they hold messages. The API renders them into those shapes on every read.

export const StoredTestOutcome = Type.Object({
  ...TestOutcome.properties,
  message: Type.Optional(StoredText),
  output: Type.Optional(StoredText),
});
export type StoredTestOutcome = Static<typeof StoredTestOutcome>;

export const StoredCodeResult = Type.Object({
  ...CodeResult.properties,
  message: Type.Optional(StoredText),
  tests: Type.Array(StoredTestOutcome),
});
export type StoredCodeResult = Static<typeof StoredCodeResult>;

export const StoredItemOutcome = Type.Object({
  ...ItemOutcome.properties,
  message: Type.Optional(StoredText),
});
export type StoredItemOutcome = Static<typeof StoredItemOutcome>;

export const StoredAnswerResult = Type.Object({
  ...AnswerResult.properties,
  items: Type.Array(StoredItemOutcome),
  feedback: Type.Optional(StoredText),
});
export type StoredAnswerResult = Static<typeof StoredAnswerResult>;

export const StoredGradeOutcome = Type.Union([StoredCodeResult, StoredAnswerResult]);
export type StoredGradeOutcome = Static<typeof StoredGradeOutcome>;

/** Renders one platform message; undefined when it knows no such key. */
export type FeedbackRenderer = (message: Feedback) => string | undefined;

/** A stored text as shown: a string as it is, each platform message rendered (an unknown key as itself). */
export function renderText(text: StoredText, render: FeedbackRenderer): string {
  if (typeof text === 'string') return text;
  const list = Array.isArray(text) ? text : [text];
  return list.map((message) => render(message) ?? message.key).join(' ');
}

function rendered<K extends string>(key: K, text: StoredText | undefined, render: FeedbackRenderer) {
  return text === undefined ? {} : ({ [key]: renderText(text, render) } as Record<K, string>);
}

/** A stored result as the reader sees it, every message rendered (a row older than keys reads as it was). */
export function renderOutcome(stored: StoredCodeResult, render: FeedbackRenderer): CodeResult;
export function renderOutcome(stored: StoredAnswerResult, render: FeedbackRenderer): AnswerResult;
export function renderOutcome(stored: StoredGradeOutcome, render: FeedbackRenderer): GradeOutcome;
export function renderOutcome(stored: StoredGradeOutcome, render: FeedbackRenderer): GradeOutcome {
  if (stored.kind === 'code') {
    const { message, tests, ...rest } = stored;
    return {
      ...rest,
      ...rendered('message', message, render),
      tests: tests.map(({ message, output, ...test }) => ({
        ...test,
        ...rendered('message', message, render),
        ...rendered('output', output, render),
      })),
    };
  }
  const { feedback, items, ...rest } = stored;
  return {
    ...rest,
    ...rendered('feedback', feedback, render),
    items: items.map(({ message, ...item }) => ({ ...item, ...rendered('message', message, render) })),
  };
}
