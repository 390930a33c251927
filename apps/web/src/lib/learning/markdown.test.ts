import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { knownLanguage } from './highlight.ts';
import { createMarkdownRenderer, stripLeadingTitle } from './markdown.ts';

const { window } = new JSDOM('<!doctype html><html><body></body></html>');
const markdown = createMarkdownRenderer(window as unknown as Parameters<typeof createMarkdownRenderer>[0]);
const render = (md: string, options?: { headingOffset?: number; deferImages?: boolean }) =>
  markdown.render(md, options);

/** Parses rendered HTML so tests look at the DOM the page would get. */
function dom(html: string): DocumentFragment {
  const template = window.document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

describe('markdown sanitising', () => {
  it('removes script elements, raw or inside HTML blocks', () => {
    const html = render('Bonjour\n\n<script>alert(1)</script>\n\n<div><script src="x.js"></script>ok</div>');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Bonjour');
    expect(html).toContain('ok');
  });

  it('removes event handler attributes', () => {
    const html = render('<img src="a.png" onerror="alert(1)" alt="a">\n\n<p onclick="steal()">texte</p>');
    const fragment = dom(html);
    for (const element of fragment.querySelectorAll('*')) {
      for (const attribute of element.attributes) expect(attribute.name).not.toMatch(/^on/i);
    }
    expect(fragment.querySelector('img')?.getAttribute('src')).toBe('a.png');
    expect(html).toContain('texte');
  });

  it('removes javascript: and other script URLs from links and images', () => {
    const html = render(
      '[clic](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) <a href="JaVaScRiPt:alert(2)">x</a> ![i](javascript:alert(3))',
    );
    expect(html.toLowerCase()).not.toContain('javascript:');
    expect(html).not.toContain('data:text/html');
    for (const a of dom(html).querySelectorAll('a[href]'))
      expect(a.getAttribute('href')).not.toMatch(/script/i);
  });

  it('removes style, iframes, forms and SVG payloads', () => {
    const html = render(
      '<style>body{display:none}</style><iframe src="https://x"></iframe><form action="/x"><input name="p"></form><svg><script>1</script></svg><p style="position:fixed">t</p>',
    );
    expect(html).not.toMatch(/<(style|iframe|form|input|svg|script)/i);
    expect(html).not.toMatch(/style=/i);
  });

  it('keeps images embedded as data URIs (diagrams in lessons)', () => {
    const src = 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=';
    expect(
      dom(render(`![Schéma](${src})`))
        .querySelector('img')
        ?.getAttribute('src'),
    ).toBe(src);
  });

  it('keeps safe links, marked as not trusted by this page', () => {
    const a = dom(render('[MDN](https://developer.mozilla.org/fr/)')).querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://developer.mozilla.org/fr/');
    expect(a?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('renders images lazily, tables in a scrolling box, and shifts headings', () => {
    const fragment = dom(
      render('# Titre\n\n## Sous-titre\n\n![Schéma](/images/schema.png)\n\n| a | b |\n|---|---|\n| 1 | 2 |'),
    );
    expect(fragment.querySelector('h2')?.textContent).toBe('Titre');
    expect(fragment.querySelector('h3')?.textContent).toBe('Sous-titre');
    expect(fragment.querySelector('h1')).toBeNull();
    const img = fragment.querySelector('img');
    expect(img?.getAttribute('alt')).toBe('Schéma');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(fragment.querySelector('.table-scroll > table td')?.textContent).toBe('1');

    expect(dom(render('# A', { headingOffset: 2 })).querySelector('h3')?.textContent).toBe('A');
    expect(dom(render('##### A', { headingOffset: 2 })).querySelector('h6')).not.toBeNull();
  });
});

describe('inline markdown', () => {
  it('renders one line without a paragraph, sanitized', () => {
    expect(markdown.renderInline('`const` est **mieux**')).toBe(
      '<code>const</code> est <strong>mieux</strong>',
    );
    const html = markdown.renderInline('<img src=x onerror=alert(1)> [a](javascript:alert(1))');
    expect(html).not.toMatch(/onerror|javascript:/i);
    expect(html).not.toContain('<p>');
  });
});

describe('French spacing', () => {
  it('keeps « : ; ! ? » and guillemets on the line of their word, in prose only', () => {
    expect(render('Un programme manipule des **valeurs** : des nombres ; des textes ! Vraiment ?')).toBe(
      '<p>Un programme manipule des <strong>valeurs</strong>\u202f: des nombres\u202f; des textes\u202f! Vraiment\u202f?</p>\n',
    );
    expect(markdown.renderInline('Il dit « bonjour »')).toBe('Il dit «\u202fbonjour\u202f»');
    expect(render('# Pourquoi ?', { headingOffset: 1 })).toContain('Pourquoi\u202f?');
    // Code keeps its spaces: `a ? b : c` is JavaScript.
    expect(markdown.renderInline('`x ? 1 : 2` et x ? y')).toBe('<code>x ? 1 : 2</code> et x\u202f? y');
    expect(render('```js\nconst y = x ? 1 : 2;\n```')).not.toContain('\u202f');
    // In a list item too, whose text holds the code span.
    expect(render('- `x ? 1 : 2` et x ? y\n- **a** : b')).toBe(
      '<ul>\n<li><code>x ? 1 : 2</code> et x\u202f? y</li>\n<li><strong>a</strong>\u202f: b</li>\n</ul>\n',
    );
    // English prose has no space before these marks: unchanged.
    expect(markdown.renderInline('Note: it works!')).toBe('Note: it works!');
  });
});

describe('code highlighting', () => {
  it('highlights JavaScript and TypeScript blocks with hljs token classes', () => {
    const fragment = dom(render('```js\nconst total = somme(1, 2); // calcul\n```'));
    const code = fragment.querySelector('pre code');
    expect(code?.className).toContain('hljs');
    expect(code?.className).toContain('language-javascript');
    expect(code?.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(code?.querySelector('.hljs-comment')?.textContent).toBe('// calcul');
    expect(code?.textContent).toBe('const total = somme(1, 2); // calcul');
    // A block that scrolls sideways takes the keyboard's focus, highlighted or not.
    expect(fragment.querySelector('pre')?.getAttribute('tabindex')).toBe('0');
    expect(dom(render('```\nplain\n```')).querySelector('pre')?.getAttribute('tabindex')).toBe('0');

    const ts = dom(render('```ts\nfunction f(x: number): string { return `${x}`; }\n```'));
    expect(ts.querySelector('code')?.className).toContain('language-typescript');
    expect(ts.querySelector('.hljs-built_in, .hljs-type')?.textContent).toMatch(/number|string/);
  });

  it('escapes code, whatever its language', () => {
    const known = render('```js\nel.innerHTML = "<script>alert(1)</script>";\n```');
    const unknown = render('```brainfuck\n<img src=x onerror=alert(1)>\n```');
    const plain = render('```\n<b>gras</b>\n```');
    for (const html of [known, unknown, plain]) {
      expect(html).not.toMatch(/<script|<img|<b>/);
    }
    expect(dom(unknown).querySelector('code')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(dom(plain).querySelector('code')?.textContent).toBe('<b>gras</b>');
  });

  it('knows language aliases', () => {
    expect(knownLanguage('js')).toBe('javascript');
    expect(knownLanguage('TS')).toBe('typescript');
    expect(knownLanguage('sh')).toBe('bash');
    expect(knownLanguage('html')).toBeNull();
    expect(knownLanguage('cobol')).toBeNull();
    expect(knownLanguage(undefined)).toBeNull();
  });
});

describe('stripLeadingTitle', () => {
  it('drops a first title that repeats the page title, and nothing else', () => {
    expect(stripLeadingTitle('# Variables et fonctions\n\nTexte', 'Variables et fonctions')).toBe('Texte');
    expect(stripLeadingTitle('\n#  Titre #\nTexte', 'titre')).toBe('Texte');
    expect(stripLeadingTitle('# Autre\n\nTexte', 'Titre')).toBe('# Autre\n\nTexte');
    expect(stripLeadingTitle('## Titre\nTexte', 'Titre')).toBe('## Titre\nTexte');
    expect(stripLeadingTitle('Texte\n# Titre', 'Titre')).toBe('Texte\n# Titre');
  });
});

describe('the data saver', () => {
  const image = '![Schéma](/images/schema.png)\n\n![point](data:image/png;base64,iVBORw0KGgo=)';

  it('leaves heavy or unknown images without a source until asked, small data: images shown', () => {
    const [file, small] = [...dom(render(image, { deferImages: true })).querySelectorAll('img')];
    expect(file?.hasAttribute('src')).toBe(false);
    expect(file?.getAttribute('data-deferred-src')).toBe('/images/schema.png');
    expect(file?.getAttribute('alt')).toBe('Schéma');
    expect(small?.getAttribute('src')).toBe('data:image/png;base64,iVBORw0KGgo=');
  });

  it('shows every image when off, and never lets a video or a sound play by itself', () => {
    const [file] = [...dom(render(image)).querySelectorAll('img')];
    expect(file?.getAttribute('src')).toBe('/images/schema.png');
    expect(file?.hasAttribute('data-deferred-src')).toBe(false);
    const media = dom(render('<video src="/v.mp4" autoplay controls></video>', { deferImages: true }));
    expect(media.querySelector('video')?.hasAttribute('autoplay')).toBe(false);
    expect(media.querySelector('video')?.getAttribute('preload')).toBe('none');
  });
});
