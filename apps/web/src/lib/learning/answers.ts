import type { Answer, ItemOutcome, PublicSpec } from '#lib/api/types.ts';

/**
 * Answers to English exercises: what each kind's form holds, built immutably from the student's
 * actions, and what is sent (`Answer`, one shape per kind).
 */

export type SpecOf<K extends PublicSpec['kind']> = Extract<PublicSpec, { kind: K }>;
export type AnswerOf<K extends Answer['kind']> = Extract<Answer, { kind: K }>;
export type AnswerKind = Answer['kind'];
export type AnswerSpec = SpecOf<AnswerKind>;

const ANSWER_KINDS: readonly string[] = ['choice', 'cloze', 'ordering', 'matching', 'dictation', 'writing'];

export function isAnswerSpec(spec: PublicSpec): spec is AnswerSpec {
  return ANSWER_KINDS.includes(spec.kind);
}

/** The untouched answer for a spec (ordering starts from the order shown). */
export function emptyAnswer(spec: AnswerSpec): Answer {
  switch (spec.kind) {
    case 'choice':
      return { kind: 'choice', selected: [] };
    case 'cloze':
      return {
        kind: 'cloze',
        gaps: Object.fromEntries(spec.segments.flatMap((s) => (s.type === 'gap' ? [[s.id, '']] : []))),
      };
    case 'ordering':
      return { kind: 'ordering', order: spec.items.map((item) => item.id) };
    case 'matching':
      return { kind: 'matching', pairs: {} };
    case 'dictation':
      return { kind: 'dictation', text: '' };
    case 'writing':
      return { kind: 'writing', text: '' };
  }
}

/**
 * Checks or unchecks an option. Single choice: the option replaces the selection. Multiple: toggled,
 * and the selection keeps the options' order so that the same choice always gives the same answer.
 */
export function toggleChoice(
  answer: AnswerOf<'choice'>,
  optionId: string,
  { multiple, optionOrder }: { multiple: boolean; optionOrder: readonly string[] },
): AnswerOf<'choice'> {
  if (!multiple) return { kind: 'choice', selected: [optionId] };
  const selected = new Set(answer.selected);
  if (selected.has(optionId)) selected.delete(optionId);
  else selected.add(optionId);
  return { kind: 'choice', selected: optionOrder.filter((id) => selected.has(id)) };
}

export function setGap(answer: AnswerOf<'cloze'>, gapId: string, value: string): AnswerOf<'cloze'> {
  return { kind: 'cloze', gaps: { ...answer.gaps, [gapId]: value } };
}

/** Moves the item at `from` to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  if (from < 0 || from >= next.length) return next;
  const target = Math.max(0, Math.min(next.length - 1, to));
  const [item] = next.splice(from, 1) as [T];
  next.splice(target, 0, item);
  return next;
}

export function moveInOrder(answer: AnswerOf<'ordering'>, from: number, to: number): AnswerOf<'ordering'> {
  return { kind: 'ordering', order: moveItem(answer.order, from, to) };
}

/** Pairs a left term with a right one; an empty right id unpairs it. */
export function setPair(answer: AnswerOf<'matching'>, leftId: string, rightId: string): AnswerOf<'matching'> {
  const pairs = { ...answer.pairs };
  if (rightId) pairs[leftId] = rightId;
  else delete pairs[leftId];
  return { kind: 'matching', pairs };
}

/** What is sent: gaps trimmed (a trailing space is not a mistake). */
export function toSubmittedAnswer(answer: Answer): Answer {
  if (answer.kind === 'cloze') {
    return {
      kind: 'cloze',
      gaps: Object.fromEntries(Object.entries(answer.gaps).map(([k, v]) => [k, v.trim()])),
    };
  }
  return answer;
}

/** How much of the exercise is answered, to warn before submitting something incomplete. */
export function unansweredCount(spec: AnswerSpec, answer: Answer): number {
  if (spec.kind === 'choice' && answer.kind === 'choice') return answer.selected.length === 0 ? 1 : 0;
  if (spec.kind === 'cloze' && answer.kind === 'cloze') {
    return spec.segments.filter((s) => s.type === 'gap' && !answer.gaps[s.id]?.trim()).length;
  }
  if (spec.kind === 'matching' && answer.kind === 'matching') {
    return spec.left.filter((left) => !answer.pairs[left.id]).length;
  }
  if ((spec.kind === 'dictation' || spec.kind === 'writing') && answer.kind === spec.kind) {
    return answer.text.trim() ? 0 : 1;
  }
  return 0;
}

/** Index (0-based) of each gap among the gaps, for "Blank 2". */
export function gapNumbers(spec: SpecOf<'cloze'>): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const segment of spec.segments) if (segment.type === 'gap') numbers.set(segment.id, numbers.size + 1);
  return numbers;
}

export type ItemLabel =
  | { type: 'text'; text: string }
  | { type: 'gap'; number: number }
  | { type: 'word'; number: number }
  | { type: 'id'; text: string };

/** What an outcome's `id` refers to, for showing it next to its feedback. */
export function itemLabel(spec: AnswerSpec, id: string): ItemLabel {
  switch (spec.kind) {
    case 'choice': {
      const option = spec.options.find((o) => o.id === id);
      if (option) return { type: 'text', text: option.text };
      break;
    }
    case 'cloze': {
      const number = gapNumbers(spec).get(id);
      if (number) return { type: 'gap', number };
      break;
    }
    case 'ordering': {
      const item = spec.items.find((o) => o.id === id);
      if (item) return { type: 'text', text: item.text };
      break;
    }
    case 'matching': {
      const left = spec.left.find((o) => o.id === id);
      if (left) return { type: 'text', text: left.text };
      break;
    }
    case 'dictation':
      if (/^\d+$/.test(id)) return { type: 'word', number: Number(id) + 1 };
      break;
    case 'writing':
      break;
  }
  return { type: 'id', text: id };
}

/** The outcomes by id, for marking each input of the form after grading. */
export function outcomesById(items: readonly ItemOutcome[] | undefined): Map<string, ItemOutcome> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

/** A submitted answer in the words the learner saw, for reading it back (a tutor, a history). */
export type ReadableAnswer =
  | { kind: 'choice'; chosen: { id: string; text: string }[] }
  | {
      kind: 'cloze';
      parts: ({ type: 'text'; text: string } | { type: 'gap'; id: string; number: number; value: string })[];
    }
  | { kind: 'ordering'; unit: SpecOf<'ordering'>['unit']; items: { id: string; text: string }[] }
  | { kind: 'matching'; pairs: { id: string; left: string; right: string | null }[] }
  | { kind: 'dictation' | 'writing'; text: string };

/**
 * The answer with the options', items' and terms' texts in place of their ids, the gaps inside the
 * text, every left term of a matching (null: left unmatched). Null when the answer is not of the
 * spec's kind.
 */
export function readableAnswer(spec: AnswerSpec, answer: Answer): ReadableAnswer | null {
  const textOf = (id: string) => {
    const label = itemLabel(spec, id);
    return label.type === 'text' || label.type === 'id' ? label.text : id;
  };
  if (spec.kind === 'choice' && answer.kind === 'choice') {
    return { kind: 'choice', chosen: answer.selected.map((id) => ({ id, text: textOf(id) })) };
  }
  if (spec.kind === 'cloze' && answer.kind === 'cloze') {
    const numbers = gapNumbers(spec);
    return {
      kind: 'cloze',
      parts: spec.segments.map((s) =>
        s.type === 'text'
          ? s
          : { type: 'gap', id: s.id, number: numbers.get(s.id) ?? 0, value: answer.gaps[s.id] ?? '' },
      ),
    };
  }
  if (spec.kind === 'ordering' && answer.kind === 'ordering') {
    return { kind: 'ordering', unit: spec.unit, items: answer.order.map((id) => ({ id, text: textOf(id) })) };
  }
  if (spec.kind === 'matching' && answer.kind === 'matching') {
    return {
      kind: 'matching',
      pairs: spec.left.map((left) => {
        const rightId = answer.pairs[left.id];
        const right =
          rightId === undefined ? null : (spec.right.find((r) => r.id === rightId)?.text ?? rightId);
        return { id: left.id, left: left.text, right };
      }),
    };
  }
  if ((answer.kind === 'dictation' || answer.kind === 'writing') && answer.kind === spec.kind) {
    return { kind: answer.kind, text: answer.text };
  }
  return null;
}
