// How a writing rubric's alternatives match a text: a whole word, a wildcard or a regex, ignoring case.
// Every alternative runs on RE2 (re2js), whose matching time is linear in the text: no pattern an
// author writes can hold the grading of an answer, whatever the answer.
import { remember } from '@tremplin/grader';
import { RE2JS } from 're2js';
import type { RubricAlternative } from '../schema.ts';

// Word boundaries that understand accented letters, unlike \b. RE2 has no lookaround; the match is
// only tested, never located, so a boundary may consume the character before or after the word.
const BEFORE = '(?:^|[^\\p{L}\\p{N}_])';
const AFTER = '(?:$|[^\\p{L}\\p{N}_])';

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Why an author's pattern is refused, or null when it may be used. */
export function regexProblem(pattern: string): string | null {
  try {
    RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    return `regex does not compile: ${(e as Error).message} (the regex engine is RE2: no backreferences, no lookaround)`;
  }
  const nested = nestedRepetition(pattern);
  if (nested)
    return `regex nests a repetition inside a repetition (${nested}): such a pattern takes exponential time in backtracking engines where the module may be used; repeat once (for example (a+)+ is a+)`;
  return null;
}

/**
 * The first group that is repeated while holding an unbounded repetition itself, as `(a+)+`, or
 * null. Escapes and character classes are skipped; `{n,}` and `{n,m}` with m > 1 count as repeats.
 */
function nestedRepetition(pattern: string): string | null {
  // For each open group: where it starts and whether its body repeats without bound.
  const open: Array<{ start: number; unbounded: boolean }> = [];
  let i = 0;
  const quantifierAt = (at: number): { unbounded: boolean; repeats: boolean; length: number } | null => {
    const c = pattern[at];
    if (c === '*' || c === '+') return { unbounded: true, repeats: true, length: 1 };
    if (c === '?') return { unbounded: false, repeats: false, length: 1 };
    const brace = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at));
    if (!brace) return null;
    const max = brace[2] === undefined ? Number(brace[1]) : brace[3] === '' ? Infinity : Number(brace[3]);
    return { unbounded: max === Infinity, repeats: max > 1, length: brace[0].length };
  };
  while (i < pattern.length) {
    const c = pattern[i]!;
    let atom: { start: number; unbounded: boolean } | null = null;
    if (c === '\\') {
      i += 2;
    } else if (c === '[') {
      i += 1;
      if (pattern[i] === '^') i += 1;
      if (pattern[i] === ']') i += 1;
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      i += 1;
    } else if (c === '(') {
      open.push({ start: i, unbounded: false });
      i += 1;
      continue;
    } else if (c === ')') {
      atom = open.pop() ?? null;
      i += 1;
    } else {
      i += 1;
    }
    const quantifier = quantifierAt(i);
    if (!quantifier) {
      if (atom?.unbounded && open.length > 0) open[open.length - 1]!.unbounded = true;
      continue;
    }
    if (atom?.unbounded && quantifier.repeats)
      return `${pattern.slice(atom.start, i)}${pattern.slice(i, i + quantifier.length)}`;
    if ((quantifier.unbounded || atom?.unbounded) && open.length > 0) open[open.length - 1]!.unbounded = true;
    i += quantifier.length;
    if (pattern[i] === '?' || pattern[i] === '+') i += 1; // lazy or possessive marker
  }
  return null;
}

/** A compiled alternative: whether it occurs in a text. */
export interface AlternativeMatcher {
  test(text: string): boolean;
}

/** Turns one alternative into a case-insensitive matcher; throws with the reason when it is refused. */
export function compileAlternative(alt: RubricAlternative): AlternativeMatcher {
  const value = alt.value.trim().replace(/\s+/g, ' ');
  let pattern: string;
  switch (alt.type) {
    case 'word':
      // Several words ("pull request") match across any spacing.
      pattern = BEFORE + value.split(/\s+/).map(escape).join('\\s+') + AFTER;
      break;
    case 'wildcard':
      pattern =
        BEFORE +
        [...value]
          .map((c) => (c === '*' ? '\\p{L}*' : c === '?' ? '\\p{L}' : /\s/.test(c) ? '\\s+' : escape(c)))
          .join('') +
        AFTER;
      break;
    case 'regex': {
      const problem = regexProblem(alt.value);
      if (problem) throw new Error(problem);
      pattern = alt.value;
      break;
    }
  }
  let re: RE2JS;
  try {
    re = RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
  } catch (e) {
    throw new Error(`${alt.type} does not compile: ${(e as Error).message}`, { cause: e });
  }
  return { test: (text) => re.matcher(text).find() };
}

/**
 * Whether one of the alternatives matches the text: true, false, or 'unchecked' when none matched
 * and one could not be run (a pattern stored before the rules refused it), for a grader to decide.
 */
export function matchesAny(alternatives: RubricAlternative[], text: string): boolean | 'unchecked' {
  let unchecked = false;
  for (const alt of alternatives) {
    const matcher = compiledAlternative(alt);
    if (!matcher) {
      unchecked = true;
      continue;
    }
    if (matcher.test(text)) return true;
  }
  return unchecked ? 'unchecked' : false;
}

/**
 * Alternatives compiled once per process (null: refused), the most recently used kept: compiling
 * costs far more than matching, and every answer to an exercise meets the same rubric.
 */
const compiled = new Map<string, AlternativeMatcher | null>();
const COMPILED_KEPT = 2_000;

function compiledAlternative(alt: RubricAlternative): AlternativeMatcher | null {
  return remember(
    compiled,
    `${alt.type}\u0000${alt.value}`,
    () => {
      try {
        return compileAlternative(alt);
      } catch {
        return null;
      }
    },
    COMPILED_KEPT,
  );
}
