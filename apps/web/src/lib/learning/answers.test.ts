import { describe, expect, it } from 'vitest';
import type { PublicSpec } from '#lib/api/types.ts';
import {
  emptyAnswer,
  gapNumbers,
  isAnswerSpec,
  itemLabel,
  moveInOrder,
  moveItem,
  outcomesById,
  readableAnswer,
  setGap,
  setPair,
  toSubmittedAnswer,
  toggleChoice,
  unansweredCount,
  type SpecOf,
} from './answers.ts';

const choice: SpecOf<'choice'> = {
  kind: 'choice',
  multiple: true,
  options: [
    { id: 'a', text: 'A' },
    { id: 'b', text: '`b`' },
    { id: 'c', text: 'C' },
  ],
};
const cloze: SpecOf<'cloze'> = {
  kind: 'cloze',
  segments: [
    { type: 'text', text: 'The method ' },
    { type: 'gap', id: 'g1', size: 7 },
    { type: 'text', text: ' the first element. It ' },
    { type: 'gap', id: 'g2', size: 6 },
    { type: 'text', text: ' an error.' },
  ],
};
const ordering: SpecOf<'ordering'> = {
  kind: 'ordering',
  unit: 'word',
  items: [
    { id: 'w3', text: 'tests' },
    { id: 'w1', text: 'run' },
    { id: 'w2', text: 'the' },
  ],
};
const matching: SpecOf<'matching'> = {
  kind: 'matching',
  left: [
    { id: 'branch', text: 'branch' },
    { id: 'merge', text: 'to merge' },
  ],
  right: [
    { id: 'r2', text: 'fusionner' },
    { id: 'r1', text: 'branche' },
  ],
};
const dictation: SpecOf<'dictation'> = {
  kind: 'dictation',
  lang: 'en-US',
  defaultRate: 0.9,
  maxPlays: 3,
  playsUsed: 0,
};
const writing: SpecOf<'writing'> = { kind: 'writing', language: 'en', minWords: 4, maxWords: 40 };

describe('answer builders', () => {
  it('start empty, in the shape the API expects', () => {
    expect(emptyAnswer(choice)).toEqual({ kind: 'choice', selected: [] });
    expect(emptyAnswer(cloze)).toEqual({ kind: 'cloze', gaps: { g1: '', g2: '' } });
    expect(emptyAnswer(ordering)).toEqual({ kind: 'ordering', order: ['w3', 'w1', 'w2'] });
    expect(emptyAnswer(matching)).toEqual({ kind: 'matching', pairs: {} });
    expect(emptyAnswer(dictation)).toEqual({ kind: 'dictation', text: '' });
    expect(emptyAnswer(writing)).toEqual({ kind: 'writing', text: '' });
  });

  it('know which specs take an answer', () => {
    const code: PublicSpec = {
      kind: 'code',
      language: 'javascript',
      starter: '',
      visibleTests: '',
      hiddenTestCount: 1,
      maxSourceBytes: 1000,
    };
    expect(isAnswerSpec(code)).toBe(false);
    expect(isAnswerSpec({ kind: 'vocabulary', cards: [] })).toBe(false);
    for (const spec of [choice, cloze, ordering, matching, dictation, writing])
      expect(isAnswerSpec(spec)).toBe(true);
  });

  it('toggle choices: one for single choice, in option order for multiple', () => {
    const order = choice.options.map((o) => o.id);
    let answer = emptyAnswer(choice) as { kind: 'choice'; selected: string[] };
    answer = toggleChoice(answer, 'c', { multiple: true, optionOrder: order });
    answer = toggleChoice(answer, 'a', { multiple: true, optionOrder: order });
    expect(answer.selected).toEqual(['a', 'c']);
    answer = toggleChoice(answer, 'c', { multiple: true, optionOrder: order });
    expect(answer.selected).toEqual(['a']);
    expect(toggleChoice(answer, 'b', { multiple: false, optionOrder: order }).selected).toEqual(['b']);
  });

  it('fill gaps without touching the others, and trim them when submitting', () => {
    const start = emptyAnswer(cloze) as { kind: 'cloze'; gaps: Record<string, string> };
    const filled = setGap(setGap(start, 'g1', ' returns '), 'g2', 'throws');
    expect(start.gaps).toEqual({ g1: '', g2: '' });
    expect(filled.gaps).toEqual({ g1: ' returns ', g2: 'throws' });
    expect(toSubmittedAnswer(filled)).toEqual({ kind: 'cloze', gaps: { g1: 'returns', g2: 'throws' } });
    expect(toSubmittedAnswer({ kind: 'writing', text: ' x ' })).toEqual({ kind: 'writing', text: ' x ' });
  });

  it('move items up, down and across the list, clamped', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 0)).toEqual(['c', 'a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -3)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 1, 9)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
    const start = emptyAnswer(ordering) as { kind: 'ordering'; order: string[] };
    expect(moveInOrder(start, 1, 0).order).toEqual(['w1', 'w3', 'w2']);
    expect(start.order).toEqual(['w3', 'w1', 'w2']);
  });

  it('pair and unpair matching terms', () => {
    let answer = emptyAnswer(matching) as { kind: 'matching'; pairs: Record<string, string> };
    answer = setPair(answer, 'branch', 'r1');
    answer = setPair(answer, 'merge', 'r2');
    expect(answer.pairs).toEqual({ branch: 'r1', merge: 'r2' });
    answer = setPair(answer, 'merge', '');
    expect(answer.pairs).toEqual({ branch: 'r1' });
  });

  it('count what is still unanswered', () => {
    expect(unansweredCount(choice, { kind: 'choice', selected: [] })).toBe(1);
    expect(unansweredCount(choice, { kind: 'choice', selected: ['a'] })).toBe(0);
    expect(unansweredCount(cloze, { kind: 'cloze', gaps: { g1: 'x', g2: '  ' } })).toBe(1);
    expect(unansweredCount(matching, { kind: 'matching', pairs: { branch: 'r1' } })).toBe(1);
    expect(unansweredCount(writing, { kind: 'writing', text: '' })).toBe(1);
    expect(unansweredCount(dictation, { kind: 'dictation', text: 'hello' })).toBe(0);
    expect(unansweredCount(ordering, emptyAnswer(ordering))).toBe(0);
  });
});

describe('item labels', () => {
  it('name what each outcome is about', () => {
    expect(gapNumbers(cloze)).toEqual(
      new Map([
        ['g1', 1],
        ['g2', 2],
      ]),
    );
    expect(itemLabel(choice, 'b')).toEqual({ type: 'text', text: '`b`' });
    expect(itemLabel(cloze, 'g2')).toEqual({ type: 'gap', number: 2 });
    expect(itemLabel(ordering, 'w1')).toEqual({ type: 'text', text: 'run' });
    expect(itemLabel(matching, 'merge')).toEqual({ type: 'text', text: 'to merge' });
    expect(itemLabel(dictation, '4')).toEqual({ type: 'word', number: 5 });
    expect(itemLabel(writing, 'verbe')).toEqual({ type: 'id', text: 'verbe' });
    expect(itemLabel(choice, 'zzz')).toEqual({ type: 'id', text: 'zzz' });
  });

  it('index outcomes by id', () => {
    const map = outcomesById([
      { id: 'g1', status: 'correct' },
      { id: 'g2', status: 'accepted-typo', expected: 'throws' },
    ]);
    expect(map.get('g2')?.status).toBe('accepted-typo');
    expect(outcomesById(undefined).size).toBe(0);
  });
});

describe('readable answers', () => {
  it('put the texts the learner saw in place of ids', () => {
    expect(readableAnswer(choice, { kind: 'choice', selected: ['b', 'c'] })).toEqual({
      kind: 'choice',
      chosen: [
        { id: 'b', text: '`b`' },
        { id: 'c', text: 'C' },
      ],
    });
    expect(readableAnswer(ordering, { kind: 'ordering', order: ['w1', 'w2', 'w3'] })).toEqual({
      kind: 'ordering',
      unit: 'word',
      items: [
        { id: 'w1', text: 'run' },
        { id: 'w2', text: 'the' },
        { id: 'w3', text: 'tests' },
      ],
    });
  });

  it('fill the gaps inside the text, numbered, an empty one left empty', () => {
    expect(readableAnswer(cloze, { kind: 'cloze', gaps: { g1: 'returns' } })).toEqual({
      kind: 'cloze',
      parts: [
        { type: 'text', text: 'The method ' },
        { type: 'gap', id: 'g1', number: 1, value: 'returns' },
        { type: 'text', text: ' the first element. It ' },
        { type: 'gap', id: 'g2', number: 2, value: '' },
        { type: 'text', text: ' an error.' },
      ],
    });
  });

  it('list every left term of a matching with its match, or none', () => {
    expect(readableAnswer(matching, { kind: 'matching', pairs: { merge: 'r2' } })).toEqual({
      kind: 'matching',
      pairs: [
        { id: 'branch', left: 'branch', right: null },
        { id: 'merge', left: 'to merge', right: 'fusionner' },
      ],
    });
  });

  it('keep a dictation or a text as written, and refuse an answer of another kind', () => {
    expect(readableAnswer(dictation, { kind: 'dictation', text: 'Before you deploy' })).toEqual({
      kind: 'dictation',
      text: 'Before you deploy',
    });
    expect(readableAnswer(writing, { kind: 'writing', text: 'Fix the crash' })).toEqual({
      kind: 'writing',
      text: 'Fix the crash',
    });
    expect(readableAnswer(writing, { kind: 'dictation', text: 'x' })).toBeNull();
    expect(readableAnswer(choice, { kind: 'ordering', order: [] })).toBeNull();
  });
});
