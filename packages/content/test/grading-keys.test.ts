import { Feedback, StoredAnswerResult } from '@tremplin/contracts';
import Compile from 'typebox/compile';
import { describe, expect, test } from 'vitest';
import { gradeAnswer, renderEnglishMessage } from '../src/index.ts';
import { graded } from './shown.ts';
import { clozeSpec, dictationSpec, writingSpec } from './sample-module.ts';

const StoredCheck = Compile(StoredAnswerResult);

describe('grading messages are stored as keys, in no language', () => {
  test('platform feedback is a key with its arguments; the locale of the grading does not change it', () => {
    const answer = { kind: 'cloze' as const, gaps: { g1: 'retrns', g2: 'x' } };
    const fr = gradeAnswer(clozeSpec(), answer, { locale: 'fr' }).result;
    const en = gradeAnswer(clozeSpec(), answer, { locale: 'en' }).result;
    expect(en).toEqual(fr);
    expect(StoredCheck.Check(fr)).toBe(true);
    expect(fr.feedback).toEqual({ key: 'english.cloze', args: [1, 3] });
    expect(fr.items[0]).toMatchObject({ message: { key: 'english.typo', args: ['returns'] } });
  });

  test('author text stays text; a key renders in either language', () => {
    const { result } = gradeAnswer(clozeSpec(), { kind: 'cloze', gaps: { g1: 'nope' } });
    expect(result.items[0]!.message).toBe('returns = renvoie');
    const cloze = result.feedback as Feedback;
    expect(renderEnglishMessage(cloze, 'fr')).toBe('Trous corrects : 0 sur 3.');
    expect(renderEnglishMessage(cloze, 'en')).toBe('Correct gaps: 0 of 3.');
    expect(renderEnglishMessage({ key: 'english.nope' }, 'en')).toBeUndefined();
    expect(renderEnglishMessage({ key: 'grader.cloze' }, 'en')).toBeUndefined();
  });

  test('several messages (writing) are a list, shown joined in the reader language', () => {
    const spec = writingSpec();
    const text = 'Le mot de passe est trop court';
    const stored = gradeAnswer(spec, { kind: 'writing', text }).result.feedback;
    expect(Array.isArray(stored)).toBe(true);
    expect(graded(spec, { kind: 'writing', text }, { locale: 'en' }).result.feedback).toContain(
      'Your text does not look like English',
    );
  });

  test('a dictation word typed wrong keeps what the student typed as an argument', () => {
    const spec = dictationSpec();
    const { result } = gradeAnswer(spec, {
      kind: 'dictation',
      text: 'Run the tests, then deploy a application.',
    });
    expect(result.items.find((i) => i.status === 'wrong')?.message).toEqual({
      key: 'english.youWrote',
      args: ['a'],
    });
  });
});
