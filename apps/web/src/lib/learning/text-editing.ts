/**
 * The plain code editor (phones, or `?editeur=simple`): Tab indents with spaces instead of leaving
 * the field, Shift+Tab removes indentation, Enter keeps the current line's indentation.
 */

export const INDENT = '  ';

export interface TextEdit {
  value: string;
  selectionStart: number;
  selectionEnd: number;
}

function lineStart(value: string, index: number): number {
  return value.lastIndexOf('\n', index - 1) + 1;
}

/** Tab: inserts spaces at the caret, or indents every line of a multi-line selection. */
export function indent(value: string, start: number, end: number): TextEdit {
  const selected = value.slice(start, end);
  if (!selected.includes('\n')) {
    return {
      value: value.slice(0, start) + INDENT + value.slice(end),
      selectionStart: start + INDENT.length,
      selectionEnd: start + INDENT.length,
    };
  }
  const from = lineStart(value, start);
  const block = value.slice(from, end);
  const lines = block.split('\n');
  const indented = lines.map((line, i) => (i === lines.length - 1 && line === '' ? line : INDENT + line));
  const added = indented.join('\n').length - block.length;
  return {
    value: value.slice(0, from) + indented.join('\n') + value.slice(end),
    selectionStart: start + INDENT.length,
    selectionEnd: end + added,
  };
}

/** Shift+Tab: removes up to one indentation level from each selected line (or the caret's line). */
export function outdent(value: string, start: number, end: number): TextEdit {
  const from = lineStart(value, start);
  const block = value.slice(from, end);
  const lines = block.split('\n');
  let removedFirst = 0;
  let removed = 0;
  const outdented = lines.map((line, i) => {
    const spaces = /^ {0,2}/.exec(line)?.[0].length ?? 0;
    const cut = line.startsWith('\t') ? 1 : spaces;
    if (i === 0) removedFirst = cut;
    removed += cut;
    return line.slice(cut);
  });
  return {
    value: value.slice(0, from) + outdented.join('\n') + value.slice(end),
    selectionStart: Math.max(from, start - removedFirst),
    selectionEnd: Math.max(from, end - removed),
  };
}

/** Enter: a new line with the same indentation as the current one (one more after `{`, `[` or `(`). */
export function newline(value: string, start: number, end: number): TextEdit {
  const from = lineStart(value, start);
  const current = value.slice(from, start);
  let indentation = /^[ \t]*/.exec(current)?.[0] ?? '';
  if (/[{[(]\s*$/.test(current)) indentation += INDENT;
  const inserted = '\n' + indentation;
  return {
    value: value.slice(0, start) + inserted + value.slice(end),
    selectionStart: start + inserted.length,
    selectionEnd: start + inserted.length,
  };
}

/** Size of the code as the API counts it (UTF-8 bytes). */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
