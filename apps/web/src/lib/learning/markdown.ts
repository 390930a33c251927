import DOMPurify, { type Config, type WindowLike } from 'dompurify';
import { Marked, Renderer, type Tokens } from 'marked';
import { holdsImage } from '#lib/offline/data-saver.ts';
import { highlightCode } from './highlight.ts';

/**
 * Markdown from lessons and exercises rendered to safe HTML:
 * - marked (GFM: tables, fenced code), code blocks highlighted by our bundled highlighter;
 * - headings shifted down so that they sit under the page's own headings;
 * - tables wrapped in a horizontally scrolling box (360 px phones);
 * - French typography in prose (never in code): the space an author types before « : ; ! ? » and
 *   inside « » becomes a narrow no-break space, so that no line of a phone starts with the mark;
 * - everything then goes through DOMPurify: no script, no event handler, no `javascript:` URL,
 *   no style, no form control from content reaches the page;
 * - nothing plays by itself (no `autoplay`); with `deferImages` (the data saver), an image whose size
 *   is unknown or above the limit loses its `src` (kept in `data-deferred-src`, its size in
 *   `data-bytes` when known): the page offers to show it, nothing is downloaded until then.
 *
 * DOMPurify needs a DOM: the browser's window, or a jsdom window in unit tests.
 */

export interface RenderOptions {
  /** Added to heading levels: with 1, `# Title` becomes `<h2>` (capped at h6). */
  headingOffset?: number;
  /** The data saver: heavy or unknown images wait for a tap (see Markdown.svelte). */
  deferImages?: boolean;
}

const PURIFY_CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'dialog'],
  FORBID_ATTR: ['style', 'autofocus'],
  ALLOW_DATA_ATTR: false,
};

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A space before « : ; ! ? » or a closing guillemet, or after an opening one (French typography). */
const BREAKABLE_BEFORE_MARK = / ([:;!?»])/g;
const BREAKABLE_AFTER_GUILLEMET = /« /g;

/** Prose with French spacing made unbreakable (a narrow no-break space, as the dictionaries write it). */
export function frenchSpacing(html: string): string {
  return html.replace(BREAKABLE_BEFORE_MARK, '\u202f$1').replace(BREAKABLE_AFTER_GUILLEMET, '«\u202f');
}

function createMarked(headingOffset: number): Marked {
  // Code blocks and tables scroll sideways on a phone: they take the focus, so a keyboard can scroll them.
  class SafeRenderer extends Renderer {
    override code({ text, lang }: Tokens.Code): string {
      const highlighted = highlightCode(text, lang);
      if (!highlighted)
        return `<pre class="code-block" tabindex="0"><code>${escapeHtml(text)}</code></pre>\n`;
      return `<pre class="code-block" tabindex="0"><code class="hljs language-${highlighted.language}">${highlighted.html}</code></pre>\n`;
    }

    override heading({ tokens, depth }: Tokens.Heading): string {
      const level = Math.min(6, depth + headingOffset);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    }

    // Prose only: code spans and blocks have renderers of their own.
    // A list item's text holds inline tokens, rendered by this same method (code spans by their
    // own): only those leaves are spaced, never the HTML they make up together.
    override text(token: Tokens.Text | Tokens.Escape): string {
      const html = super.text(token);
      return 'tokens' in token && token.tokens ? html : frenchSpacing(html);
    }

    override table(token: Tokens.Table): string {
      return `<div class="table-scroll" tabindex="0">${super.table(token)}</div>\n`;
    }
  }
  // A renderer instance goes through setOptions: `use({ renderer })` only copies own enumerable functions.
  return new Marked({ gfm: true, breaks: false, async: false }).setOptions({ renderer: new SafeRenderer() });
}

export interface MarkdownRenderer {
  render(markdown: string, options?: RenderOptions): string;
  /** One line (an option, a feedback message): emphasis, code, links; no paragraph around it. */
  renderInline(markdown: string): string;
}

export function createMarkdownRenderer(window: WindowLike): MarkdownRenderer {
  const purify = DOMPurify(window);
  let deferImages = false;
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      // Links from content never get access to this page.
      node.setAttribute('rel', 'noopener noreferrer');
      if (node.getAttribute('target') !== '_blank') node.removeAttribute('target');
    }
    if (node.nodeName === 'IMG') {
      node.setAttribute('loading', 'lazy');
      node.setAttribute('decoding', 'async');
      const src = node.getAttribute('src') ?? '';
      const { hold, bytes } = holdsImage(src);
      if (deferImages && hold) {
        node.setAttribute('data-deferred-src', src);
        if (bytes !== null) node.setAttribute('data-bytes', String(bytes));
        node.removeAttribute('src');
        node.removeAttribute('srcset');
      }
    }
    if (node.nodeName === 'AUDIO' || node.nodeName === 'VIDEO') {
      node.removeAttribute('autoplay');
      if (deferImages) node.setAttribute('preload', 'none');
    }
  });

  const instances = new Map<number, Marked>();
  return {
    render(markdown, { headingOffset = 1, deferImages: defer = false } = {}) {
      let marked = instances.get(headingOffset);
      if (!marked) instances.set(headingOffset, (marked = createMarked(headingOffset)));
      const html = marked.parse(markdown, { async: false });
      deferImages = defer;
      try {
        return purify.sanitize(html, PURIFY_CONFIG);
      } finally {
        deferImages = false;
      }
    },
    renderInline(markdown) {
      let marked = instances.get(1);
      if (!marked) instances.set(1, (marked = createMarked(1)));
      return purify.sanitize(marked.parseInline(markdown, { async: false }), PURIFY_CONFIG);
    },
  };
}

/**
 * Removes a first-level title that repeats the page's own title (lessons often start with `# Title`,
 * which the page already shows as its h1).
 */
export function stripLeadingTitle(markdown: string, title: string): string {
  const match = /^\s*#[ \t]+(.+?)[ \t#]*(?:\r?\n|$)/.exec(markdown);
  if (!match || match[1]!.trim().toLowerCase() !== title.trim().toLowerCase()) return markdown;
  return markdown.slice(match[0].length).replace(/^\s*\n/, '');
}

let browserRenderer: MarkdownRenderer | undefined;

/** Renders in the browser (the app is client-side only). */
export function renderMarkdown(markdown: string, options?: RenderOptions): string {
  browserRenderer ??= createMarkdownRenderer(window);
  return browserRenderer.render(markdown, options);
}

export function renderInlineMarkdown(markdown: string): string {
  browserRenderer ??= createMarkdownRenderer(window);
  return browserRenderer.renderInline(markdown);
}
