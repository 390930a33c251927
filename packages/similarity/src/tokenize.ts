import { createRequire } from 'node:module';
import type TS from 'typescript';
import type { SimilarityLanguage } from './types.ts';

/** A normalised token: the text that is hashed, and the 1-based line it starts on. */
export interface Token {
  text: string;
  line: number;
}

/**
 * Member names kept as written after `.`: built-ins a learner cannot rename, which tell `reduce` from a
 * loop. Any other member name is normalised like an identifier, so renaming one's own properties hides
 * nothing.
 */
const KNOWN_MEMBERS = new Set([
  'length',
  'push',
  'pop',
  'shift',
  'unshift',
  'map',
  'filter',
  'reduce',
  'forEach',
  'some',
  'every',
  'find',
  'findIndex',
  'includes',
  'indexOf',
  'slice',
  'splice',
  'concat',
  'join',
  'split',
  'sort',
  'reverse',
  'keys',
  'values',
  'entries',
  'toString',
  'trim',
  'toUpperCase',
  'toLowerCase',
  'charAt',
  'startsWith',
  'endsWith',
  'replace',
  'max',
  'min',
  'floor',
  'round',
  'abs',
  'sqrt',
  'pow',
  'log',
  'has',
  'get',
  'set',
  'add',
  'delete',
  'size',
]);

/** Words the scanner reads as keywords that JavaScript lets a learner use as names. */
const CONTEXTUAL = new Set([
  'abstract',
  'accessor',
  'any',
  'as',
  'assert',
  'asserts',
  'async',
  'await',
  'bigint',
  'boolean',
  'constructor',
  'declare',
  'defer',
  'from',
  'get',
  'global',
  'infer',
  'intrinsic',
  'is',
  'keyof',
  'module',
  'namespace',
  'never',
  'number',
  'object',
  'of',
  'out',
  'override',
  'readonly',
  'require',
  'satisfies',
  'set',
  'static',
  'string',
  'symbol',
  'type',
  'undefined',
  'unique',
  'unknown',
  'using',
  'yield',
]);

/** Contextual keywords whose meaning survives renaming (`for … of`, `async`); others read as identifiers. */
const KEPT_CONTEXTUAL = new Set(['of', 'async', 'await', 'yield', 'get', 'set', 'static']);

/** TypeScript-only modifiers: dropped so that a copy with or without them reads the same. */
const TS_MODIFIERS = new Set([
  'public',
  'private',
  'protected',
  'readonly',
  'abstract',
  'override',
  'declare',
]);

interface RawToken {
  kind: TS.SyntaxKind;
  text: string;
  start: number;
  dropped: boolean;
}

// TypeScript takes about 0.4 s to load: it is loaded when code is first tokenised, so that importing
// this package (the API, every test that imports the database package) stays cheap.
let loaded: typeof TS | undefined;
let ENDS_OPERAND: Set<TS.SyntaxKind>;
let scanner: TS.Scanner;

function load(): typeof TS {
  if (loaded) return loaded;
  const ts = createRequire(import.meta.url)('typescript') as typeof TS;
  // Tokens after which `/` is a division, not the start of a regular expression.
  ENDS_OPERAND = new Set<TS.SyntaxKind>([
    ts.SyntaxKind.Identifier,
    ts.SyntaxKind.PrivateIdentifier,
    ts.SyntaxKind.NumericLiteral,
    ts.SyntaxKind.BigIntLiteral,
    ts.SyntaxKind.StringLiteral,
    ts.SyntaxKind.NoSubstitutionTemplateLiteral,
    ts.SyntaxKind.TemplateTail,
    ts.SyntaxKind.RegularExpressionLiteral,
    ts.SyntaxKind.CloseParenToken,
    ts.SyntaxKind.CloseBracketToken,
    ts.SyntaxKind.CloseBraceToken,
    ts.SyntaxKind.ThisKeyword,
    ts.SyntaxKind.SuperKeyword,
    ts.SyntaxKind.TrueKeyword,
    ts.SyntaxKind.FalseKeyword,
    ts.SyntaxKind.NullKeyword,
    ts.SyntaxKind.PlusPlusToken,
    ts.SyntaxKind.MinusMinusToken,
  ]);
  scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard);
  loaded = ts;
  return ts;
}

/** The raw tokens of `code`; the scanner never throws, whatever the input. */
function scan(code: string): RawToken[] {
  const ts = load();
  const tokens: RawToken[] = [];
  scanner.setText(code);
  // Brace depth at which each open template's `${` was entered: its `}` resumes the template.
  const templates: number[] = [];
  let depth = 0;
  let previous = ts.SyntaxKind.Unknown;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (
      (kind === ts.SyntaxKind.SlashToken || kind === ts.SyntaxKind.SlashEqualsToken) &&
      !endsOperand(previous)
    ) {
      kind = scanner.reScanSlashToken();
    } else if (kind === ts.SyntaxKind.OpenBraceToken) {
      depth += 1;
    } else if (kind === ts.SyntaxKind.CloseBraceToken) {
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        kind = scanner.reScanTemplateToken(false);
        if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
      } else {
        depth -= 1;
      }
    } else if (kind === ts.SyntaxKind.TemplateHead) {
      templates.push(depth);
    }
    tokens.push({ kind, text: scanner.getTokenText(), start: scanner.getTokenStart(), dropped: false });
    previous = kind;
  }
  scanner.setText(undefined);
  return tokens;
}

function endsOperand(kind: TS.SyntaxKind): boolean {
  return ENDS_OPERAND.has(kind);
}

/** Source ranges holding only types (annotations, interfaces, type aliases, type parameters). */
function typeRanges(code: string): Array<[number, number]> {
  const ts = load();
  const file = ts.createSourceFile('submission.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const ranges: Array<[number, number]> = [];
  const add = (node: TS.Node): void => {
    ranges.push([node.getStart(file), node.end]);
  };
  const visit = (node: TS.Node): void => {
    if (
      ts.isTypeNode(node) ||
      ts.isInterfaceDeclaration(node) ||
      ts.isTypeAliasDeclaration(node) ||
      ts.isTypeParameterDeclaration(node) ||
      (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) ||
      (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly === true)
    ) {
      add(node);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return ranges.sort((a, b) => a[0] - b[0]);
}

/** Marks the tokens that belong to types, and the punctuation that only introduces them. */
function dropTypes(code: string, tokens: RawToken[]): void {
  const ts = load();
  const ranges = typeRanges(code);
  let r = 0;
  for (const token of tokens) {
    while (r < ranges.length && ranges[r]![1] <= token.start) r += 1;
    const range = ranges[r];
    if (range !== undefined && range[0] <= token.start) token.dropped = true;
    else if (TS_MODIFIERS.has(token.text)) token.dropped = true;
  }
  // `x?: T`, `y as T`, `f<T, U>(…)`: the punctuation goes with the type it introduces.
  for (let i = tokens.length - 1; i >= 0; i -= 1) {
    const token = tokens[i]!;
    if (token.dropped) continue;
    const next = tokens[i + 1];
    const prev = tokens[i - 1];
    const nextDropped = next?.dropped === true;
    const prevDropped = prev?.dropped === true;
    switch (token.kind) {
      case ts.SyntaxKind.ColonToken:
      case ts.SyntaxKind.AsKeyword:
      case ts.SyntaxKind.SatisfiesKeyword:
      case ts.SyntaxKind.LessThanToken:
        token.dropped = nextDropped;
        break;
      case ts.SyntaxKind.QuestionToken:
        token.dropped = next?.kind === ts.SyntaxKind.ColonToken && next.dropped;
        break;
      case ts.SyntaxKind.GreaterThanToken:
        token.dropped = prevDropped;
        break;
      case ts.SyntaxKind.CommaToken:
        token.dropped = prevDropped && nextDropped;
        break;
    }
  }
}

/** The normalised text of a token, or undefined for a token that carries nothing (`;`). */
function normalise(token: RawToken, previous: RawToken | undefined): string | undefined {
  const ts = load();
  switch (token.kind) {
    case ts.SyntaxKind.Identifier:
    case ts.SyntaxKind.PrivateIdentifier: {
      const member =
        previous?.kind === ts.SyntaxKind.DotToken || previous?.kind === ts.SyntaxKind.QuestionDotToken;
      return member && KNOWN_MEMBERS.has(token.text) ? token.text : 'I';
    }
    case ts.SyntaxKind.StringLiteral:
    case ts.SyntaxKind.NoSubstitutionTemplateLiteral:
      return 'S';
    case ts.SyntaxKind.TemplateHead:
      return '`${';
    case ts.SyntaxKind.TemplateMiddle:
      return '}${';
    case ts.SyntaxKind.TemplateTail:
      return '}`';
    case ts.SyntaxKind.NumericLiteral:
    case ts.SyntaxKind.BigIntLiteral:
      return 'N';
    case ts.SyntaxKind.RegularExpressionLiteral:
      return 'R';
    case ts.SyntaxKind.SemicolonToken:
    case ts.SyntaxKind.Unknown:
    case ts.SyntaxKind.ConflictMarkerTrivia:
    case ts.SyntaxKind.NonTextFileMarkerTrivia:
      return undefined;
    case ts.SyntaxKind.LetKeyword:
    case ts.SyntaxKind.ConstKeyword:
    case ts.SyntaxKind.VarKeyword:
      return 'var';
  }
  if (CONTEXTUAL.has(token.text)) return KEPT_CONTEXTUAL.has(token.text) ? token.text : 'I';
  return ts.tokenToString(token.kind) ?? token.text;
}

/**
 * The normalised tokens of a submission: identifiers, literals, comments, whitespace and semicolons no
 * longer tell two copies apart, nor (in TypeScript) type annotations. Never throws.
 */
export function tokenize(code: string, language: SimilarityLanguage): Token[] {
  const raw = scan(code);
  if (language === 'typescript') dropTypes(code, raw);
  const tokens: Token[] = [];
  let line = 1;
  let at = 0;
  let previous: RawToken | undefined;
  for (const token of raw) {
    if (token.dropped) continue;
    const text = normalise(token, previous);
    previous = token;
    if (text === undefined) continue;
    // Tokens come in source order, so the line is found by scanning forward once.
    for (; at < token.start; at += 1) if (code.charCodeAt(at) === 10) line += 1;
    tokens.push({ text, line });
  }
  return tokens;
}
