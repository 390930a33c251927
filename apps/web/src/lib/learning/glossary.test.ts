import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { glossKey, glossTerms, glossaryByKey } from './glossary.ts';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');

function content(html: string): HTMLElement {
  const container = window.document.createElement('div');
  container.innerHTML = html;
  return container;
}

const glossary = glossaryByKey([
  { term: 'stack trace', gloss: "pile d'appels" },
  { term: 'to crash', gloss: 'planter' },
  { term: 'I am writing regarding…', gloss: 'Je vous écris au sujet de…' },
  { term: 'Stack trace', gloss: 'a second gloss, ignored' },
  { term: 'variable', gloss: 'variable' },
]);

describe('glossKey', () => {
  it('compares terms without case, articles, « to » or a trailing ellipsis', () => {
    expect(glossKey('  Stack   Trace ')).toBe('stack trace');
    expect(glossKey('to crash')).toBe(glossKey('a crash'));
    expect(glossKey('I am writing regarding…')).toBe('i am writing regarding');
    expect(glossKey('warning.')).toBe('warning');
    expect(glossary.get('stack trace')).toBe("pile d'appels");
    // A term glossed by itself is no gloss (and the emphasised word is most likely French).
    expect(glossary.has('variable')).toBe(false);
  });
});

describe('glossTerms', () => {
  it('makes each emphasised term a button that shows and hides its French gloss', () => {
    const container = content(
      '<p>La <strong>pile d’appels</strong> (<em>stack trace</em>) : le programme va <em>crash</em>, pas le <em>stack</em>.</p>',
    );
    expect(glossTerms(container, glossary, 'Voir la traduction en français')).toBe(2);
    const [first, second] = container.querySelectorAll<HTMLButtonElement>('button.term');
    expect(first!.textContent).toBe('stack trace');
    expect(first!.closest('em')).not.toBeNull();
    expect(first!.title).toBe('Voir la traduction en français');
    const note = container.querySelector<HTMLElement>(`#${first!.getAttribute('aria-controls')}`)!;
    expect(note.textContent).toBe("pile d'appels");
    expect(note.lang).toBe('fr');
    expect(note.hidden).toBe(true);
    first!.click();
    expect(note.hidden).toBe(false);
    expect(first!.getAttribute('aria-expanded')).toBe('true');
    first!.click();
    expect(note.hidden).toBe(true);
    expect(first!.getAttribute('aria-expanded')).toBe('false');
    expect(second!.textContent).toBe('crash');
    // The rest of the text is untouched.
    expect(container.textContent).toContain('le programme va crash');
  });

  it('leaves code, links, nested emphasis and text already glossed alone', () => {
    const container = content(
      '<p><code><em>stack trace</em></code> <a href="/x"><em>stack trace</em></a> <strong><em>crash</em></strong> stack trace</p>',
    );
    // Only the inner emphasis of « **_crash_** » is glossed, once.
    expect(glossTerms(container, glossary, 'x')).toBe(1);
    expect(container.querySelector('strong > em > button.term')?.textContent).toBe('crash');
    expect(glossTerms(container, glossary, 'x')).toBe(0);
    expect(glossTerms(content('<p><em>stack trace</em></p>'), new Map(), 'x')).toBe(0);
  });
});
