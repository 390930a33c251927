import { describe, expect, it } from 'vitest';
import { codeLines, regionAnchor } from './regions.ts';

const regions = [
  { left: { startLine: 2, endLine: 3 }, right: { startLine: 5, endLine: 6 } },
  { left: { startLine: 5, endLine: 5 }, right: { startLine: 1, endLine: 1 } },
];

describe('codeLines', () => {
  it('numbers lines and marks the region covering each on the given side', () => {
    const lines = codeLines('a\nb\nc\nd\ne\n', regions, 'left');
    expect(lines.map((l) => [l.number, l.text, l.region])).toEqual([
      [1, 'a', null],
      [2, 'b', 0],
      [3, 'c', 0],
      [4, 'd', null],
      [5, 'e', 1],
    ]);
  });

  it('uses the other side of each pair for the other submission', () => {
    const lines = codeLines('x\r\ny\nz\nu\nv\nw', regions, 'right');
    expect(lines.map((l) => l.region)).toEqual([1, null, null, null, 0, 0]);
  });

  it('keeps an empty code as one empty line', () => {
    expect(codeLines('', [], 'left')).toEqual([{ number: 1, text: '', region: null }]);
  });
});

describe('regionAnchor', () => {
  it('names a region by side and 1-based number', () => {
    expect(regionAnchor('r', 'right', 0)).toBe('r-right-region-1');
  });
});
