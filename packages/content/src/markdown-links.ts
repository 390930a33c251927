// Links and images in the Markdown of lessons and prompts. Allowed targets: web links (http, https,
// mailto), `#anchors`, `lesson:<slug>` and `exercise:<slug>` (another page of the same module), images as
// base64 data URLs, and files of the module folder by a path relative to the module folder (not to the
// Markdown file: the definition stored in the database no longer knows which file a text came from).
import type { Problem } from './problems.ts';
import { problem } from './problems.ts';
import type { ProblemCode, ProblemParams } from './messages.ts';

export interface MarkdownLink {
  target: string;
  image: boolean;
  /** 1-based line within the text. */
  line: number;
}

/** Blanks fenced code blocks and inline code spans (keeping line breaks), where `[x](y)` is not a link. */
function withoutCode(markdown: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, blank).replace(/`[^`\n]*`/g, blank);
}

/** The inline links and images of a Markdown text, and its reference definitions (`[id]: target`). */
export function markdownLinks(markdown: string): MarkdownLink[] {
  const links: MarkdownLink[] = [];
  withoutCode(markdown)
    .split('\n')
    .forEach((text, i) => {
      const line = i + 1;
      for (const m of text.matchAll(
        /(!?)\[(?:[^\]\\]|\\.)*\]\(\s*(?:<([^>]*)>|([^\s)]+))(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)/g,
      )) {
        links.push({ target: m[2] ?? m[3] ?? '', image: m[1] === '!', line });
      }
      const def = /^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?/.exec(text);
      if (def) links.push({ target: def[1]!, image: false, line });
    });
  return links;
}

const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml);base64,[A-Za-z0-9+/=\s]+$/;
const WEB = /^(?:https?:|mailto:)/i;
const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

export interface LinkContext {
  lessons: Set<string>;
  exercises: Set<string>;
  /** Whether a file exists in the module folder; links to files are not checked without it. */
  exists?: (relative: string) => Promise<boolean>;
}

/** The module-relative path a link names, or null when it leaves the module folder. */
function modulePath(target: string): string | null {
  let clean = target.replace(/[?#].*$/, '');
  try {
    clean = decodeURI(clean);
  } catch {
    // Keep it as written.
  }
  if (clean.startsWith('/') || clean.includes('\\')) return null;
  const parts: string[] = [];
  for (const part of clean.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Problems of the links and images of one text at `path` (lines within the text). */
export async function linkProblems(markdown: string, path: string, ctx: LinkContext): Promise<Problem[]> {
  const problems: Problem[] = [];
  const report = (line: number, code: ProblemCode, params: ProblemParams) =>
    problems.push({ ...problem(path, code, params), line });
  for (const { target, image, line } of markdownLinks(markdown)) {
    if (target.startsWith('#')) continue;
    if (target.startsWith('data:')) {
      if (!image || !DATA_IMAGE.test(target))
        report(line, image ? 'image-data' : 'link-scheme', { target: short(target) });
      continue;
    }
    if (WEB.test(target)) continue;
    const page = /^(lesson|exercise):(.*)$/.exec(target);
    if (page) {
      const [, kind, slug] = page;
      const known = kind === 'lesson' ? ctx.lessons : ctx.exercises;
      if (!known.has(slug!))
        report(line, kind === 'lesson' ? 'link-lesson-unknown' : 'link-exercise-unknown', { slug: slug! });
      continue;
    }
    if (SCHEME.test(target)) {
      report(line, 'link-scheme', { target });
      continue;
    }
    const relative = modulePath(target);
    if (relative === null) report(line, 'link-outside', { target });
    else if (ctx.exists && !(relative && (await ctx.exists(relative))))
      report(line, image ? 'image-missing' : 'link-broken', { target });
  }
  return problems;
}

/** A data URL in a message: its start only. */
function short(target: string): string {
  return target.length > 40 ? `${target.slice(0, 40)}…` : target;
}
