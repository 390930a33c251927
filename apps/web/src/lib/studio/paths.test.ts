import { describe, expect, it } from 'vitest';
import { anchorOf, enclosingPaths, fieldId, normalisePath, parsePath, targetOf } from './paths.ts';

describe('validation paths', () => {
  it('parse into names and indexes', () => {
    expect(parsePath('exercises[2].spec.options[0].id')).toEqual([
      'exercises',
      2,
      'spec',
      'options',
      0,
      'id',
    ]);
    expect(parsePath('title')).toEqual(['title']);
    expect(parsePath('')).toEqual([]);
  });

  it('give each field a stable element id', () => {
    expect(fieldId('exercises[2].spec.options[0].id')).toBe('field-exercises-2-spec-options-0-id');
    expect(fieldId('en.title')).toBe('field-en-title');
  });

  it('accept the dotted and slashed spellings of the same path', () => {
    expect(normalisePath('exercises.2.spec.options.0.id')).toBe('exercises[2].spec.options[0].id');
    expect(normalisePath('/lessons/1/body')).toBe('lessons[1].body');
    expect(fieldId('exercises.2.spec')).toBe(fieldId('exercises[2].spec'));
  });

  it('list the enclosing paths, most precise first', () => {
    expect(enclosingPaths('exercises[2].spec.options[0].id')).toEqual([
      'exercises[2].spec.options[0].id',
      'exercises[2].spec.options[0]',
      'exercises[2].spec.options',
      'exercises[2].spec',
      'exercises[2]',
      'exercises',
    ]);
  });

  it('anchor a problem on its own field, else on the nearest enclosing field shown', () => {
    const shown = new Set(['exercises[2].spec.options[0].text', 'exercises[2].spec.options', 'exercises[2]']);
    expect(anchorOf('exercises[2].spec.options[0].text', shown)).toBe('exercises[2].spec.options[0].text');
    expect(anchorOf('exercises[2].spec.options[0].id', shown)).toBe('exercises[2].spec.options');
    expect(anchorOf('exercises[2].spec.solution', shown)).toBe('exercises[2]');
    expect(anchorOf('lessons[0].body', shown)).toBeNull();
  });

  it('tell which lesson or exercise holds the field', () => {
    expect(targetOf('exercises[2].spec.options[0].id')).toEqual({ section: 'exercise', index: 2 });
    expect(targetOf('lessons[0].prerequisites[1]')).toEqual({ section: 'lesson', index: 0 });
    expect(targetOf('en.summary')).toEqual({ section: 'module' });
    expect(targetOf('exercises')).toEqual({ section: 'module' });
  });
});
