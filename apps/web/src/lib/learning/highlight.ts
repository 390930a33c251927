import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import plaintext from 'highlight.js/lib/languages/plaintext';
import typescript from 'highlight.js/lib/languages/typescript';

/**
 * Code highlighting for lessons and instructions: highlight.js core with only the languages the
 * programme's modules use (JavaScript, TypeScript, JSON, shell), bundled with the app (nothing from a
 * CDN). Another language shows as plain (escaped) code.
 */

hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('typescript', typescript);
hljs.registerLanguage('json', json);
hljs.registerLanguage('bash', bash);
hljs.registerLanguage('plaintext', plaintext);

/** The language a fenced block names, if we highlight it (aliases such as js, ts, sh included). */
export function knownLanguage(name: string | undefined): string | null {
  const lang = name?.trim().toLowerCase().split(/\s+/)[0];
  if (!lang) return null;
  const found = hljs.getLanguage(lang);
  if (!found) return null;
  // Report the canonical name (e.g. `js` → `javascript`), for the class attribute.
  return hljs.listLanguages().find((id) => hljs.getLanguage(id) === found) ?? lang;
}

/** HTML of `code` with `<span class="hljs-…">` tokens (the code itself escaped), or null if unknown. */
export function highlightCode(
  code: string,
  language: string | undefined,
): { html: string; language: string } | null {
  const lang = knownLanguage(language);
  if (!lang) return null;
  return { html: hljs.highlight(code, { language: lang, ignoreIllegals: true }).value, language: lang };
}
