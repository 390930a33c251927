import { describe, expect, it } from 'vitest';
import { chooseEditor } from './editor-mode.ts';
import { indent, newline, outdent, utf8Length } from './text-editing.ts';

describe('plain editor keys', () => {
  it('Tab inserts two spaces at the caret, replacing a selection on one line', () => {
    expect(indent('ab', 1, 1)).toEqual({ value: 'a  b', selectionStart: 3, selectionEnd: 3 });
    expect(indent('abc', 1, 2)).toEqual({ value: 'a  c', selectionStart: 3, selectionEnd: 3 });
  });

  it('Tab indents every line of a multi-line selection', () => {
    const value = 'a\nb\nc';
    const edit = indent(value, 0, 3);
    expect(edit.value).toBe('  a\n  b\nc');
    expect(edit.value.slice(edit.selectionStart, edit.selectionEnd)).toBe('a\n  b');
  });

  it('Shift+Tab removes up to one level', () => {
    expect(outdent('    x', 4, 4)).toEqual({ value: '  x', selectionStart: 2, selectionEnd: 2 });
    expect(outdent(' x', 1, 1).value).toBe('x');
    expect(outdent('\tx', 1, 1).value).toBe('x');
    expect(outdent('  a\n  b', 0, 7).value).toBe('a\nb');
  });

  it('Enter keeps the indentation, one more after an opening bracket', () => {
    expect(newline('  x', 3, 3)).toEqual({ value: '  x\n  ', selectionStart: 6, selectionEnd: 6 });
    expect(newline('if (a) {', 8, 8).value).toBe('if (a) {\n  ');
    expect(newline('a\nb', 1, 1).value).toBe('a\n\nb');
  });

  it('measures code in UTF-8 bytes', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('é')).toBe(2);
  });
});

describe('chooseEditor', () => {
  it('gives phones the plain editor unless asked otherwise', () => {
    expect(chooseEditor(null, true)).toBe('plain');
    expect(chooseEditor(null, false)).toBe('monaco');
    expect(chooseEditor('simple', false)).toBe('plain');
    expect(chooseEditor('avance', true)).toBe('monaco');
    expect(chooseEditor('autre', false)).toBe('monaco');
  });
});
