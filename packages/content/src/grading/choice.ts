// Choice: one answer, or several with partial credit.
import type { StoredItemOutcome } from '@tremplin/contracts';
import type { ChoiceSpec } from '../schema.ts';
import { AnswerShapeError } from './errors.ts';
import type { KeyedMessages } from './messages.ts';
import { share, type Graded } from './result.ts';

/** Grades the selected option ids; several: (correct picks − wrong picks) / correct options, floored at 0. */
export function gradeChoice(spec: ChoiceSpec, selected: string[], t: KeyedMessages): Graded {
  const known = new Set(spec.options.map((o) => o.id));
  const picked = new Set<string>();
  for (const id of selected) {
    if (!known.has(id)) throw new AnswerShapeError(t.unknownOption(id));
    if (picked.has(id)) throw new AnswerShapeError(t.duplicateOption(id));
    picked.add(id);
  }
  if (!spec.multiple && picked.size > 1) throw new AnswerShapeError(t.singleChoice);

  const items: StoredItemOutcome[] = [];
  let right = 0;
  let wrong = 0;
  for (const o of spec.options) {
    const feedback = o.feedback ? { message: o.feedback } : {};
    if (picked.has(o.id)) {
      if (o.correct) right++;
      else wrong++;
      items.push({ id: o.id, status: o.correct ? 'correct' : 'wrong', ...feedback });
    } else if (o.correct) {
      items.push({ id: o.id, status: 'missing', expected: o.text, ...feedback });
    }
  }
  const total = spec.options.filter((o) => o.correct).length;
  if (!spec.multiple) {
    const score = right === 1 ? 1 : 0;
    return { score, items, feedback: score === 1 ? t.choiceRight : t.choiceWrong };
  }
  return {
    score: share(Math.max(0, right - wrong), total),
    items,
    feedback: t.choiceMultiple(right, total, wrong),
  };
}
