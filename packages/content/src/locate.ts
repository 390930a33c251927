// Where a problem is: the file of the module folder and the 1-based line. A problem's path names a value
// of the loaded definition (`exercises[2].spec.solution`); this maps it back to what the author edits:
// module.json's line of that value (jsonc-parser keeps offsets), the code or Markdown file it came from,
// a deck file's row.
import { findNodeAtLocation, parse, parseTree, type Node, type ParseError } from 'jsonc-parser';
import { problem, type Problem } from './problems.ts';

/** module.json as read: its text, its syntax tree (with offsets) and its value. */
export interface ModuleSource {
  text: string;
  tree: Node;
  raw: unknown;
  /** The line of each card of a deck file, by the spec's path (`exercises[3].spec`). */
  deckLines?: Map<string, number[]>;
}

export const MODULE_JSON = 'module.json';

/** The 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** Parses module.json strictly (no comments, no trailing commas); a syntax error has its line. */
export function parseModuleJson(text: string): { source: ModuleSource } | { problem: Problem } {
  try {
    const raw: unknown = JSON.parse(text);
    const tree = parseTree(text);
    if (tree) return { source: { text, tree, raw } };
  } catch (e) {
    const errors: ParseError[] = [];
    parse(text, errors, { disallowComments: true, allowTrailingComma: false });
    const offset = errors[0]?.offset ?? 0;
    const detail = (e as Error).message;
    return {
      problem: { ...problem('', 'bad-json', { detail }), file: MODULE_JSON, line: lineAt(text, offset) },
    };
  }
  return { problem: { ...problem('', 'bad-json', { detail: 'empty file' }), file: MODULE_JSON, line: 1 } };
}

type Segment = string | number;

/** `exercises[2].spec.options[0].id` → ['exercises', 2, 'spec', 'options', 0, 'id']. */
export function pathSegments(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** The value at a path of a plain JSON value. */
function valueAt(raw: unknown, segments: Segment[]): unknown {
  let v = raw;
  for (const s of segments) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[s];
  }
  return v;
}

const CODE_FILES: Record<string, string> = {
  starter: 'starterFile',
  solution: 'solutionFile',
  visibleTests: 'visibleTestsFile',
  hiddenTests: 'hiddenTestsFile',
};

/**
 * The file a value of the loaded definition came from, when not module.json: a lesson's body, a prompt
 * file, a code file, a deck row (`line` then given).
 */
function sourceFile(source: ModuleSource, s: Segment[]): { file: string; line?: number } | null {
  const str = (segments: Segment[]) => {
    const v = valueAt(source.raw, segments);
    return typeof v === 'string' ? v : undefined;
  };
  const [top, i, key, ...rest] = s;
  if (typeof i !== 'number') return null;
  if (top === 'lessons') {
    if (key === 'body' && rest.length === 0) return wrap(str(['lessons', i, 'file']));
    if (key === 'en' && rest[0] === 'body') return wrap(str(['lessons', i, 'en', 'file']));
    return null;
  }
  if (top !== 'exercises') return null;
  if (key === 'prompt' && rest.length === 0) return wrap(str(['exercises', i, 'promptFile']));
  if (key === 'en' && rest[0] === 'prompt') return wrap(str(['exercises', i, 'en', 'promptFile']));
  if (key !== 'spec') return null;
  const field = rest[0];
  if (typeof field === 'string' && field in CODE_FILES)
    return wrap(str(['exercises', i, 'spec', CODE_FILES[field]!]));
  const deck = str(['exercises', i, 'spec', 'deckFile']);
  if (deck && field === 'cards') {
    const card = rest[1];
    const line = typeof card === 'number' ? source.deckLines?.get(`exercises[${i}].spec`)?.[card] : undefined;
    return { file: deck, ...(line !== undefined ? { line } : {}) };
  }
  return null;
}

const wrap = (file: string | undefined) => (file ? { file } : null);

/** module.json's path for a path of the loaded definition whose value is not written as such. */
function jsonPath(source: ModuleSource, s: Segment[]): Segment[] {
  const [top, i, key] = s;
  if (top === 'exercises' && typeof i === 'number' && key === 'hints') {
    const ex = valueAt(source.raw, ['exercises', i]) as Record<string, unknown> | undefined;
    if (ex && 'hint' in ex && !('hints' in ex)) return ['exercises', i, 'hint'];
  }
  return s;
}

/** The line of the deepest value of module.json on the path (a missing key: its object's line). */
function jsonLine(source: ModuleSource, s: Segment[]): number {
  for (let n = s.length; n >= 0; n--) {
    const node = findNodeAtLocation(source.tree, s.slice(0, n));
    if (!node) continue;
    // An unknown or misplaced key: its property line, which is where the value starts too.
    return lineAt(source.text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return 1;
}

/**
 * Gives each problem its file and line: a problem already in a file other than module.json keeps them; a
 * problem in a text that has its own file (lesson, prompt, code) gets that file, and the line within the
 * text when the problem knows it; any other gets module.json and the line of its value.
 */
export function locateProblems(problems: Problem[], source: ModuleSource): Problem[] {
  return problems.map((p) => {
    if (p.file && p.file !== MODULE_JSON) return p;
    const segments = pathSegments(p.path);
    const inFile = sourceFile(source, segments);
    if (inFile) {
      const line = inFile.line ?? p.line;
      return { ...p, file: inFile.file, ...(line !== undefined ? { line } : {}) };
    }
    const { line: _textLine, ...rest } = p;
    return { ...rest, file: MODULE_JSON, line: jsonLine(source, jsonPath(source, segments)) };
  });
}
