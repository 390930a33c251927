/**
 * The glosses in a learner's pages: a technical English term of their vocabulary decks, written in
 * italics or bold in a lesson or an exercise (`_stack trace_`, `**library**`), becomes a button
 * that shows its French gloss beside it. Code, links and the rest of the text are left alone.
 */

/**
 * A term as compared: lower case, single spaces, without a leading « to », « a », « an » or « the »
 * nor a trailing ellipsis or punctuation (« _to crash_ », « _a crash_ » and « crash » are one).
 */
export function glossKey(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:to|a|an|the) /, '')
    .replace(/(?:…|\.\.\.|[.:;,!?])+$/u, '')
    .trim();
}

/**
 * The glossary by term as compared; the first gloss of a term wins. A term glossed by itself (« variable »:
 * « variable ») is left out: it teaches nothing, and the word is most likely French where it is emphasised.
 */
export function glossaryByKey(terms: ReadonlyArray<{ term: string; gloss: string }>): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const { term, gloss } of terms) {
    const key = glossKey(term);
    if (key && !byKey.has(key) && glossKey(gloss) !== key) byKey.set(key, gloss);
  }
  return byKey;
}

let glossIds = 0;

/**
 * Turns each emphasised term of `glossary` in rendered content into a button (its name: the term;
 * `title`: what it does) that shows or hides its gloss, a note written in French right after it.
 * An emphasis holding a link, code or another emphasis, or already glossed, is left as it is.
 * Answers how many terms it glossed.
 */
export function glossTerms(
  container: HTMLElement,
  glossary: ReadonlyMap<string, string>,
  title: string,
): number {
  if (glossary.size === 0) return 0;
  const document = container.ownerDocument;
  let glossed = 0;
  for (const emphasis of container.querySelectorAll<HTMLElement>('em, strong')) {
    if (emphasis.closest('a, code, pre, button')) continue;
    if (emphasis.querySelector('a, code, em, strong, button, img')) continue;
    const gloss = glossary.get(glossKey(emphasis.textContent ?? ''));
    if (!gloss) continue;
    const note = document.createElement('span');
    note.id = `gloss-${++glossIds}`;
    note.className = 'gloss';
    note.lang = 'fr';
    note.hidden = true;
    note.dataset.testid = 'gloss';
    note.textContent = gloss;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'term';
    button.title = title;
    button.lang = 'en';
    button.setAttribute('aria-expanded', 'false');
    button.setAttribute('aria-controls', note.id);
    button.dataset.testid = 'gloss-term';
    button.append(...emphasis.childNodes);
    button.addEventListener('click', () => {
      const show = note.hidden;
      note.hidden = !show;
      button.setAttribute('aria-expanded', String(show));
    });
    emphasis.append(button);
    emphasis.after(note);
    glossed++;
  }
  return glossed;
}
