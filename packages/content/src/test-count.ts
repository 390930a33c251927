// Counts the tests of a Jest-style file without running it, for the public `hiddenTestCount`.

/** Blanks comments and string contents so that `test(` inside them is not counted. */
function stripCommentsAndStrings(source: string): string {
  return source.replace(
    /\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|`(?:\\.|[^`\\])*`/g,
    (m) => (m.startsWith('/') ? ' ' : '""'),
  );
}

/** Index of the parenthesis closing the one at `open`, or the end of the code. */
function closing(code: string, open: number): number {
  let depth = 0;
  for (let i = open; i < code.length; i++) {
    if (code[i] === '(') depth++;
    else if (code[i] === ')' && --depth === 0) return i;
  }
  return code.length;
}

/** Spans of the `describe.skip(…)` and `describe.skip.each(…)(…)` calls, whose tests never run. */
function skippedDescribes(code: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of code.matchAll(/(?<![\w$.])describe\.skip(?:\.each)?\s*\(/g)) {
    let end = closing(code, m.index + m[0].length - 1);
    const next = /^\s*\(/.exec(code.slice(end + 1));
    if (next) end = closing(code, end + next[0].length);
    spans.push([m.index, end]);
  }
  return spans;
}

/**
 * Number of tests the grader grades: `test(…)` / `it(…)` calls, x-prefixed, `fit` and `.only` included (the
 * grader runs them), `.skip`, tests inside a `describe.skip` and todos left out. A `test.each(table)`
 * counts as one test; the demo modules avoid it in hidden tests, and the content tests compare this count
 * with the grader's on every demo exercise.
 */
export function countTests(source: string): number {
  const code = stripCommentsAndStrings(source);
  const skipped = skippedDescribes(code);
  let count = 0;
  for (const m of code.matchAll(
    /(?<![\w$.])(?:x?test|x?it|fit)(?:\.(?:only|skip|concurrent|failing|each))*\s*\(/g,
  )) {
    if (m[0].includes('.skip') || skipped.some(([from, to]) => m.index > from && m.index < to)) continue;
    count++;
  }
  return count;
}
