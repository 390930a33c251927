import { describe, expect, test } from 'vitest';
import type { ClozeSpec } from '../src/index.ts';
import { choiceSpec, clozeSpec, multipleSpec } from './sample-module.ts';
import { graded } from './shown.ts';

describe('choice', () => {
  test('single: the correct option passes, with its feedback', () => {
    const { score, result } = graded(choiceSpec(), { kind: 'choice', selected: ['a'] });
    expect(score).toBe(1);
    expect(result).toEqual({
      kind: 'answers',
      status: 'pass',
      items: [{ id: 'a', status: 'correct', message: 'Yes: returns.' }],
      feedback: 'Bonne réponse.',
      needsReview: false,
    });
  });

  test('single: a wrong option fails; feedback on the pick and on the missed correct option', () => {
    const { score, result } = graded(choiceSpec(), { kind: 'choice', selected: ['b'] }, { locale: 'en' });
    expect(score).toBe(0);
    expect(result.status).toBe('fail');
    expect(result.items).toEqual([
      { id: 'a', status: 'missing', expected: 'returns', message: 'Yes: returns.' },
      { id: 'b', status: 'wrong', message: 'Third person: add an s.' },
    ]);
    expect(result.feedback).toBe('That is not the right answer.');
  });

  test('multiple: (correct picks − wrong picks) / correct options', () => {
    const grade = (selected: string[]) => graded(multipleSpec(), { kind: 'choice', selected });
    expect(grade(['a', 'b', 'd']).score).toBe(1);
    expect(grade(['a', 'b', 'd']).result.status).toBe('pass');
    expect(grade(['a', 'b']).score).toBeCloseTo(2 / 3, 4);
    expect(grade(['a', 'b']).result.status).toBe('partial');
    expect(grade(['a', 'b', 'c']).score).toBeCloseTo(1 / 3, 4);
    expect(grade(['a', 'c']).score).toBe(0);
    expect(grade(['c']).score).toBe(0);
    expect(grade([]).result.status).toBe('fail');
  });

  test('multiple: items for the picks and the missed correct options only', () => {
    const { result } = graded(multipleSpec(), { kind: 'choice', selected: ['a', 'c'] });
    expect(result.items).toEqual([
      { id: 'a', status: 'correct' },
      { id: 'b', status: 'missing', expected: 'merge', message: 'merge is a git verb' },
      { id: 'c', status: 'wrong', message: 'not a git word' },
      { id: 'd', status: 'missing', expected: 'commit' },
    ]);
    expect(result.feedback).toBe('Bonnes réponses cochées : 1 sur 3 ; réponses fausses cochées : 1.');
  });
});

describe('cloze', () => {
  const grade = (gaps: Record<string, string>, spec: ClozeSpec = clozeSpec(), locale: 'fr' | 'en' = 'fr') =>
    graded(spec, { kind: 'cloze', gaps }, { locale });

  test('any accepted answer, ignoring case and spaces around', () => {
    const { score, result } = grade({ g1: '  Gives   back ', g2: 'BOOLEAN', g3: 'null' });
    expect(score).toBe(1);
    expect(result.status).toBe('pass');
    expect(result.items.map((i) => i.status)).toEqual(['correct', 'correct', 'correct']);
  });

  test('per gap: wrong (with the gap feedback and expected answer), missing, partial score', () => {
    const { score, result } = grade({ g1: 'return back', g2: 'boolean' });
    expect(score).toBeCloseTo(1 / 3, 4);
    expect(result.status).toBe('partial');
    expect(result.items).toEqual([
      { id: 'g1', status: 'wrong', expected: 'returns', message: 'returns = renvoie' },
      { id: 'g2', status: 'correct' },
      { id: 'g3', status: 'missing', expected: 'undefined' },
    ]);
    expect(result.feedback).toBe('Trous corrects : 1 sur 3.');
  });

  test('a typo within tolerance counts as correct, marked accepted-typo with a spelling message', () => {
    const fr = grade({ g1: 'retruns', g2: 'boolean', g3: 'undefind' });
    expect(fr.score).toBe(1);
    expect(fr.result.status).toBe('pass');
    expect(fr.result.items[0]).toEqual({
      id: 'g1',
      status: 'accepted-typo',
      message: "Accepté, attention à l'orthographe : returns",
      expected: 'returns',
    });
    const en = grade({ g1: 'retruns', g2: 'boolean', g3: 'null' }, clozeSpec(), 'en');
    expect(en.result.items[0]!.message).toBe('Accepted, watch the spelling: returns');
  });

  test("'auto' tolerance boundaries: 3 letters exact, 4–9 letters one typo, 10+ letters two", () => {
    const spec = (answer: string): ClozeSpec => ({
      kind: 'cloze',
      text: '[[g]]',
      gaps: [{ id: 'g', answers: [answer] }],
    });
    const status = (answer: string, typed: string) =>
      grade({ g: typed }, spec(answer)).result.items[0]!.status;
    expect(status('git', 'gut')).toBe('wrong');
    expect(status('code', 'cade')).toBe('accepted-typo');
    expect(status('code', 'cafe!')).toBe('wrong');
    expect(status('variables', 'varaibles')).toBe('accepted-typo');
    expect(status('variables', 'vraaibles')).toBe('wrong');
    expect(status('repository', 'repozitori')).toBe('accepted-typo');
    expect(status('repository', 'repozitorie')).toBe('wrong');
  });

  test('a fixed tolerance per gap overrides the length rule', () => {
    const spec: ClozeSpec = {
      kind: 'cloze',
      text: '[[short]] [[strict]]',
      gaps: [
        { id: 'short', answers: ['git'], typoTolerance: 1 },
        { id: 'strict', answers: ['repository'], typoTolerance: 0 },
      ],
    };
    const { result } = grade({ short: 'gut', strict: 'repositori' }, spec);
    expect(result.items.map((i) => i.status)).toEqual(['accepted-typo', 'wrong']);
  });

  test('case-sensitive gaps', () => {
    const spec: ClozeSpec = {
      kind: 'cloze',
      text: 'Call [[m]]',
      gaps: [{ id: 'm', answers: ['JSON.parse'], caseSensitive: true, typoTolerance: 0 }],
    };
    expect(grade({ m: 'JSON.parse' }, spec).score).toBe(1);
    expect(grade({ m: 'json.parse' }, spec).score).toBe(0);
  });

  test('the hint comes with a result that does not pass', () => {
    const failed = graded(
      clozeSpec(),
      { kind: 'cloze', gaps: {} },
      { locale: 'fr', hint: 'Relisez la leçon.' },
    );
    expect(failed.result).toMatchObject({ status: 'fail', hint: 'Relisez la leçon.' });
    const passed = graded(
      clozeSpec(),
      { kind: 'cloze', gaps: { g1: 'returns', g2: 'boolean', g3: 'null' } },
      { locale: 'fr', hint: 'Relisez la leçon.' },
    );
    expect(passed.result).not.toHaveProperty('hint');
  });
});
