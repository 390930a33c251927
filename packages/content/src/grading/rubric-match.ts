// How a writing rubric's alternatives match a text: a whole word, a wildcard or a regex, ignoring case.
import type { RubricAlternative } from '../schema.ts';

// Word boundaries that understand accented letters, unlike \b.
const BEFORE = '(?<![\\p{L}\\p{N}_])';
const AFTER = '(?![\\p{L}\\p{N}_])';

function escape(text: string): string {
  // Only the characters special outside a class: the u flag rejects needless escapes such as \-.
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Turns one alternative into a case-insensitive regex; throws when an author's regex does not compile. */
export function compileAlternative(alt: RubricAlternative): RegExp {
  const value = alt.value.trim().replace(/\s+/g, ' ');
  switch (alt.type) {
    case 'word':
      // Several words ("pull request") match across any spacing.
      return new RegExp(BEFORE + value.split(/\s+/).map(escape).join('\\s+') + AFTER, 'iu');
    case 'wildcard': {
      const body = [...value]
        .map((c) => (c === '*' ? '\\p{L}*' : c === '?' ? '\\p{L}' : /\s/.test(c) ? '\\s+' : escape(c)))
        .join('');
      return new RegExp(BEFORE + body + AFTER, 'iu');
    }
    case 'regex':
      return new RegExp(alt.value, 'iu');
  }
}

/** Whether one of the alternatives matches the text. */
export function matchesAny(alternatives: RubricAlternative[], text: string): boolean {
  return alternatives.some((alt) => compileAlternative(alt).test(text));
}
