import { describe, expect, it } from 'vitest';
import { fingerprint, tokenize } from '../src/index.ts';

const texts = (code: string, language: 'javascript' | 'typescript' = 'javascript'): string =>
  tokenize(code, language)
    .map((token) => token.text)
    .join(' ');

describe('tokenize', () => {
  it('reads renamed identifiers, other literals, comments, whitespace and semicolons as the same code', () => {
    const original = `function total(values) {
  // add them up
  let sum = 0;
  for (const v of values) sum += v;
  console.log('done', 42);
  return sum;
}`;
    const disguised = `/* helper */ function   somme ( tab )
{
    var acc = 0
    for (let element of tab)   acc += element   // loop
    console.log("fini", 7)
    return acc
}`;
    expect(texts(disguised)).toBe(texts(original));
  });

  it('keeps keywords, operators and built-in member names, which renaming cannot change', () => {
    expect(texts('const n = list.reduce((a, b) => a + b, 0);')).toBe(
      'var I = I . reduce ( ( I , I ) => I + I , N )',
    );
    expect(texts('const n = list.total + list.myOwnField;')).toBe('var I = I . I + I . I');
  });

  it('tells a regular expression from a division and reads template literals whole', () => {
    expect(texts('const r = /a+b/g.test(s); const d = a / b / c;')).toBe(
      'var I = R . I ( I ) var I = I / I / I',
    );
    expect(texts('const s = `x ${a + `y ${b}`} z`;')).toBe('var I = `${ I + `${ I }` }`');
  });

  it('records the line each token starts on', () => {
    const lines = tokenize('let a = 1;\n\n// c\nlet b = `x\ny`;\nb++', 'javascript').map((t) => t.line);
    expect(lines).toEqual([1, 1, 1, 1, 4, 4, 4, 4, 6, 6]);
  });

  it('reads TypeScript with annotations as the same code without them', () => {
    const typed = `interface Point { x: number; y?: number }
type Pair<T> = [T, T];
export function distance<T extends Point>(a: T, b?: Point): number {
  const dx: number = a.x - (b as Point).x;
  const items = new Map<string, number[]>();
  return Math.sqrt(dx * dx) + items.size!;
}
class Box implements Point {
  private readonly x: number = 1;
  constructor(public y: number) {}
}`;
    const plain = `export function distance(a, b) {
  const dx = a.x - (b).x;
  const items = new Map();
  return Math.sqrt(dx * dx) + items.size!;
}
class Box {
  x = 1;
  constructor(y) {}
}`;
    expect(texts(typed, 'typescript')).toBe(texts(plain, 'typescript'));
    // Comparisons are not mistaken for type arguments.
    expect(texts('if (a < b && c > d) x = a < b ? 1 : 2;', 'typescript')).toBe(
      'if ( I < I && I > I ) I = I < I ? N : N',
    );
  });

  it('never throws on code that does not parse, in either language', () => {
    const broken = [
      'function (',
      'const s = "unterminated',
      'const t = `open ${ template',
      'let r = /unclosed',
      '}}}} ))) {{{ ((( ]]]',
      'if (x { return }} else',
      '\u0000\uffff@#§ \\ ¤ ` ${ } `',
      '<div>{jsx}</div>',
      'class { constructor( { } ',
      'interface X { a: ; b: <T>( => }',
      '',
    ];
    for (const code of broken) {
      for (const language of ['javascript', 'typescript'] as const) {
        expect(() => fingerprint(code, language)).not.toThrow();
        expect(Array.isArray(fingerprint(code.repeat(20), language))).toBe(true);
      }
    }
  });
});
