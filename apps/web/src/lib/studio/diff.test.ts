import { describe, expect, it } from 'vitest';
import { changeCounts, changeView, lineDiff, withContext } from './diff.ts';

describe('version diff', () => {
  it('diffs texts line by line', () => {
    expect(lineDiff('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { type: 'same', text: 'a', before: 1, after: 1 },
      { type: 'added', text: 'B', after: 2 },
      { type: 'removed', text: 'b', before: 2 },
      { type: 'same', text: 'c', before: 3, after: 3 },
      { type: 'added', text: 'd', after: 4 },
    ]);
    expect(lineDiff('same', 'same')).toEqual([{ type: 'same', text: 'same', before: 1, after: 1 }]);
  });

  it('keeps a little context and folds long unchanged runs', () => {
    const before = ['1', '2', '3', '4', '5', '6', '7', '8'].join('\n');
    const after = ['1', '2', '3', '4', '5', 'six', '7', '8'].join('\n');
    const lines = withContext(lineDiff(before, after), 1);
    expect(lines).toEqual([
      { type: 'skip', count: 4 },
      { type: 'same', text: '5', before: 5, after: 5 },
      { type: 'added', text: 'six', after: 6 },
      { type: 'removed', text: '6', before: 6 },
      { type: 'same', text: '7', before: 7, after: 7 },
      { type: 'skip', count: 1 },
    ]);
  });

  it('shows a changed text as lines, a short value side by side, an object as JSON', () => {
    const text = changeView({ path: 'lessons[0].body', kind: 'changed', before: 'x\ny', after: 'x\nz' });
    expect(text.type).toBe('lines');
    expect(changeView({ path: 'exercises[1].maxScore', kind: 'changed', before: 1, after: 2 })).toEqual({
      type: 'values',
      before: '1',
      after: '2',
    });
    expect(changeView({ path: 'exercises[3]', kind: 'added', after: { slug: 's' } })).toEqual({
      type: 'values',
      before: null,
      after: '{\n  "slug": "s"\n}',
    });
    expect(changeView({ path: 'lessons[2]', kind: 'removed', before: 'gone' })).toEqual({
      type: 'values',
      before: 'gone',
      after: null,
    });
  });

  it("uses the API's line diff when it gives one", () => {
    const view = changeView({
      path: 'exercises[somme].prompt',
      kind: 'changed',
      before: 'a\nb',
      after: 'a\nc',
      lines: [
        { kind: 'same', text: 'a' },
        { kind: 'removed', text: 'b' },
        { kind: 'added', text: 'c' },
      ],
    });
    expect(view).toEqual({
      type: 'lines',
      lines: [
        { type: 'same', text: 'a' },
        { type: 'removed', text: 'b' },
        { type: 'added', text: 'c' },
      ],
    });
  });

  it('counts changes by kind', () => {
    expect(
      changeCounts([
        { path: 'a', kind: 'added' },
        { path: 'b', kind: 'changed' },
        { path: 'c', kind: 'changed' },
      ]),
    ).toEqual({ added: 1, removed: 0, changed: 2 });
  });
});
