import { describe, expect, it } from 'vitest';
import { ProblemBoard } from './problems.svelte.ts';

describe('problems beside their fields', () => {
  it('shows each problem beside the most precise field on screen, and follows the fields shown', () => {
    const board = new ProblemBoard();
    board.set([
      { path: 'exercises.1.spec.solution', message: 'the reference fails 2 tests' },
      { path: 'exercises[1].title', message: 'title required' },
      { path: 'lessons[0].body', message: 'broken link' },
    ]);
    const goneExercise = board.register('exercises[1]');
    const goneSolution = board.register('exercises[1].spec.solution');
    board.register('exercises[1].title');
    expect(board.at('exercises[1].spec.solution').map((p) => p.message)).toEqual([
      'the reference fails 2 tests',
    ]);
    expect(board.at('exercises[1].title').map((p) => p.message)).toEqual(['title required']);
    expect(board.at('exercises[1]')).toEqual([]);
    expect(board.anchor('lessons[0].body')).toBeNull();
    expect(board.countUnder('exercises[1]')).toBe(2);
    expect(board.countUnder('exercises[10]')).toBe(0);

    // The solution's editor goes away: its problem falls back to the exercise.
    goneSolution();
    expect(board.at('exercises[1]').map((p) => p.message)).toEqual(['the reference fails 2 tests']);
    // Shown twice, gone once: still shown.
    const again = board.register('exercises[1]');
    goneExercise();
    expect(board.anchor('exercises[1].spec')).toBe('exercises[1]');
    again();
    expect(board.anchor('exercises[1].spec')).toBeNull();
  });
});
