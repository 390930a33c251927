import { describe, expect, it } from 'vitest';
import { diffDefinitions } from './diff.ts';

const module = (exercises: object[], lessons: object[] = []) => ({
  slug: 'm',
  title: 'M',
  lessons,
  exercises,
});

describe('the diff of two definitions', () => {
  it('is empty for the same content, whatever the order of keys', () => {
    expect(diffDefinitions({ a: 1, b: { c: 'x' } }, { b: { c: 'x' }, a: 1 })).toEqual([]);
  });

  it('names lessons and exercises by slug: moving one is no change, adding or removing one is', () => {
    const a = { slug: 'a', title: 'A' };
    const b = { slug: 'b', title: 'B' };
    const c = { slug: 'c', title: 'C' };
    expect(diffDefinitions(module([a, b]), module([b, a]))).toEqual([]);
    expect(diffDefinitions(module([a, b]), module([b, c]))).toEqual([
      { path: 'exercises[a]', kind: 'removed', before: a },
      { path: 'exercises[c]', kind: 'added', after: c },
    ]);
  });

  it('names options by id and lists other arrays by index', () => {
    const before = { options: [{ id: 'x', text: 'un' }], hints: ['h1'] };
    const after = { options: [{ id: 'x', text: 'deux' }], hints: ['h1', 'h2'] };
    expect(diffDefinitions(before, after)).toEqual([
      { path: 'options[x].text', kind: 'changed', before: 'un', after: 'deux' },
      { path: 'hints[1]', kind: 'added', after: 'h2' },
    ]);
  });

  it('gives a changed text of several lines its line diff', () => {
    const [change] = diffDefinitions({ body: 'un\ndeux\ntrois\n' }, { body: 'un\n2\ntrois\n' });
    expect(change!.lines).toEqual([
      { kind: 'same', text: 'un' },
      { kind: 'removed', text: 'deux' },
      { kind: 'added', text: '2' },
      { kind: 'same', text: 'trois' },
    ]);
  });
});
