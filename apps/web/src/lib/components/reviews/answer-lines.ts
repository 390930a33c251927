import type { Answer } from '@tremplin/contracts';

/** An English answer as rows a grader reads: per gap / pair, or the whole text. */
export function answerLines(answer: Answer): { id: string; text: string }[] {
  switch (answer.kind) {
    case 'cloze':
      return Object.entries(answer.gaps).map(([id, text]) => ({ id, text }));
    case 'matching':
      return Object.entries(answer.pairs).map(([id, text]) => ({ id, text }));
    case 'choice':
      return [{ id: '', text: answer.selected.join(', ') }];
    case 'ordering':
      return [{ id: '', text: answer.order.join(' → ') }];
    case 'dictation':
    case 'writing':
      return [{ id: '', text: answer.text }];
  }
}
