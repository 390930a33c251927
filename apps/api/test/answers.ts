// Builds answers for the demo exercises from their full spec (the key) and the public view the
// student sees (shuffled ids), as a student who knows the answer would.
import type { Answer, PublicSpec } from '@tremplin/contracts';
import type { FullSpec } from '@tremplin/content';

/** The fully correct answer to an English exercise. */
export function correctAnswer(spec: FullSpec, view: PublicSpec): Answer {
  switch (spec.kind) {
    case 'choice':
      return { kind: 'choice', selected: spec.options.filter((o) => o.correct).map((o) => o.id) };
    case 'cloze':
      return { kind: 'cloze', gaps: Object.fromEntries(spec.gaps.map((g) => [g.id, g.answers[0]!])) };
    case 'ordering': {
      if (view.kind !== 'ordering') throw new Error('view mismatch');
      const pool = [...view.items];
      const order = spec.items.map((item) => {
        const at = pool.findIndex((p) => p.text === item.text);
        return pool.splice(at, 1)[0]!.id;
      });
      return { kind: 'ordering', order };
    }
    case 'matching': {
      if (view.kind !== 'matching') throw new Error('view mismatch');
      const pairs: Record<string, string> = {};
      for (const pair of spec.pairs) {
        const left = view.left.find((l) => l.text === pair.left)!;
        const right = view.right.find((r) => r.text === pair.right)!;
        pairs[left.id] = right.id;
      }
      return { kind: 'matching', pairs };
    }
    case 'dictation':
      return { kind: 'dictation', text: spec.text };
    case 'writing':
      throw new Error('writing answers are written by each test');
    default:
      throw new Error(`no answer for ${spec.kind}`);
  }
}
