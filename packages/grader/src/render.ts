/** Rendering of locale-neutral grader messages (see harness/template.ts) in French or English. */
import { textFor } from './harness/messages.ts';
import { CLOSE, OPEN, SEP } from './harness/template.ts';
import { hostText } from './messages.ts';
import type { GradeResult, Locale } from './types.ts';

type Wording = string | ((...args: string[]) => string);

// A forged token (a test printing these characters) cannot make a message grow without bound.
const MAX_TOKENS = 2000;
const MARK = new RegExp(`[${OPEN}${SEP}${CLOSE}]`, 'g');
const KEY_END = new RegExp(`[${SEP}${CLOSE}]`, 'g');

function wording(key: string, locale: Locale): Wording | undefined {
  const dot = key.indexOf('.');
  const family = key.slice(0, dot);
  const name = key.slice(dot + 1);
  const catalogue = (
    family === 'harness' ? textFor(locale) : family === 'grader' ? hostText(locale) : null
  ) as Record<string, Wording> | null;
  return catalogue && Object.hasOwn(catalogue, name) ? catalogue[name] : undefined;
}

/**
 * Renders a message in a locale: each token by its wording, with its arguments rendered first. Text
 * without tokens (a message stored before them) comes back as it is; an unknown key shows its arguments;
 * a token cut short (a truncated message) is closed at the end.
 */
export function renderMessage(text: string, locale: Locale): string {
  if (!text.includes(OPEN)) return text;
  let at = 0;
  let tokens = 0;
  // Reads text up to its end, or up to a separator or close of the enclosing token.
  const sequence = (nested: boolean): string => {
    let out = '';
    while (at < text.length) {
      MARK.lastIndex = at;
      const found = MARK.exec(text);
      const next = found ? found.index : text.length;
      out += text.slice(at, next);
      at = next;
      if (!found) break;
      const c = found[0];
      if (nested && c !== OPEN) return out;
      at++;
      if (c === OPEN && tokens++ < MAX_TOKENS) out += tokenAt();
    }
    return out;
  };
  const tokenAt = (): string => {
    KEY_END.lastIndex = at;
    const end = KEY_END.exec(text)?.index ?? text.length;
    const key = text.slice(at, end);
    at = end;
    const args: string[] = [];
    while (text[at] === SEP) {
      at++;
      args.push(sequence(true));
    }
    at++; // the close
    const w = wording(key, locale);
    if (w === undefined) return args.join(' ');
    if (typeof w === 'string') return w;
    while (args.length < w.length) args.push('');
    return w(...args);
  };
  return sequence(false);
}

/** A result with every message (and test output) rendered in a locale. */
export function renderResult(result: GradeResult, locale: Locale): GradeResult {
  const out: GradeResult = {
    ...result,
    tests: result.tests.map((test) => ({
      ...test,
      ...(test.message !== undefined ? { message: renderMessage(test.message, locale) } : {}),
      ...(test.output !== undefined ? { output: renderMessage(test.output, locale) } : {}),
    })),
  };
  if (result.message !== undefined) out.message = renderMessage(result.message, locale);
  return out;
}
