// Problems found in a module, each with the path of the value it is about, e.g.
// `exercises[2].spec.options: at least one correct option`.
import type { TSchema } from 'typebox';
import Compile from 'typebox/compile';
import { SLUG_PATTERN, ID_PATTERN } from './schema.ts';
import { renderMessage, type Lang, type ProblemCode, type ProblemParams } from './messages.ts';

export interface Problem {
  /** Where, in module.json terms: `exercises[2].spec.options[0].id`; empty for the module itself. */
  path: string;
  /** The message, in English unless a function says otherwise (validateModuleFolder: its `lang`). */
  message: string;
  /** What kind of problem: a key of the catalogue in messages.ts, stable across versions. */
  code: ProblemCode;
  /** The values the message names, to render it in another language (problemMessage). */
  params?: ProblemParams;
  /** The file the problem is in, relative to the module folder (module.json included), when known. */
  file?: string;
  /** The 1-based line in that file, when known. */
  line?: number;
}

/** A problem at `path`, its message in English. */
export function problem(path: string, code: ProblemCode, params?: ProblemParams): Problem {
  return { path, message: renderMessage(code, params, 'en'), code, ...(params ? { params } : {}) };
}

/** The message of a problem in a language. */
export function problemMessage(p: Problem, lang: Lang): string {
  return renderMessage(p.code, p.params, lang);
}

/** The problems with their messages in a language. */
export function localizeProblems(problems: Problem[], lang: Lang): Problem[] {
  return problems.map((p) => ({ ...p, message: problemMessage(p, lang) }));
}

/** Each problem as one line, `file:line  field  message`, the message in `lang` (what the CLI prints). */
export function formatProblems(problems: Problem[], lang: Lang = 'en'): string[] {
  return problems.map((p) => {
    const where = p.file ? (p.line ? `${p.file}:${p.line}` : p.file) : '';
    return [where, p.path, problemMessage(p, lang)].filter(Boolean).join('  ');
  });
}

/** A module that cannot be loaded, validated or exported; lists every problem found. */
export class ContentError extends Error {
  readonly problems: Problem[];

  constructor(what: string, problems: Problem[]) {
    super(`${what}:\n${problems.map((p) => `- ${formatProblem(p)}`).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}

/** One problem as a line: `path: message`. */
export function formatProblem(p: Problem): string {
  const where = [p.file && (p.line ? `${p.file}:${p.line}` : p.file), p.path].filter(Boolean).join(' ');
  return where ? `${where}: ${p.message}` : p.message;
}

/** Joins a path and a key or index: `exercises` + 2 → `exercises[2]`, `spec` + `options` → `spec.options`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function pointerToPath(prefix: string, pointer: string): string {
  let path = prefix;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = at(path, /^\d+$/.test(key) ? Number(key) : key);
  }
  return path;
}

interface SchemaError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

const PATTERN_CODES: Record<string, ProblemCode> = {
  [SLUG_PATTERN]: 'slug-pattern',
  [ID_PATTERN]: 'id-pattern',
};

const LIMIT_CODES: Record<string, ProblemCode> = {
  minLength: 'min-length',
  maxLength: 'max-length',
  minItems: 'min-items',
  maxItems: 'max-items',
};

/** The problem of one schema error that is not a key, a union or a pattern. */
function keywordProblem(path: string, e: SchemaError): Problem {
  const limit = e.params.limit;
  if (e.keyword === 'type' && typeof e.params.type === 'string')
    return problem(path, 'type', { type: e.params.type });
  if (e.keyword in LIMIT_CODES && typeof limit === 'number')
    return problem(path, LIMIT_CODES[e.keyword]!, { limit });
  if (
    ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].includes(e.keyword) &&
    typeof limit === 'number'
  )
    return problem(path, 'compare', { comparison: String(e.params.comparison), limit });
  if (e.keyword === 'const')
    return problem(path, 'one-of', { values: JSON.stringify(e.params.allowedValue) });
  return problem(path, 'schema', { detail: e.message });
}

const compiled = new WeakMap<TSchema, ReturnType<typeof Compile>>();

/** Structural problems of a value against a schema, in module.json paths, one line per real cause. */
export function schemaProblems(schema: TSchema, value: unknown, prefix = ''): Problem[] {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = Compile(schema);
    compiled.set(schema, validator);
  }
  if (validator.Check(value)) return [];
  const errors = [...validator.Errors(value)] as SchemaError[];
  // A union of literals fails once per member and then as a whole: keep only the whole, with the choices.
  const unions = errors.filter((e) => e.keyword === 'anyOf');
  const problems: Problem[] = [];
  for (const e of errors) {
    if (e.keyword === 'boolean') continue; // the additionalProperties error below says it better
    const union = unions.find((u) => u !== e && e.schemaPath.startsWith(`${u.schemaPath}/anyOf/`));
    if (union) continue;
    const path = pointerToPath(prefix, e.instancePath);
    if (e.keyword === 'additionalProperties') {
      for (const key of (e.params.additionalProperties as string[]) ?? []) {
        problems.push(problem(at(path, key), 'unknown-key'));
      }
    } else if (e.keyword === 'required') {
      for (const key of (e.params.requiredProperties as string[]) ?? []) {
        problems.push(problem(at(path, key), 'required'));
      }
    } else if (e.keyword === 'anyOf') {
      const allowed = errors
        .filter((m) => m.schemaPath.startsWith(`${e.schemaPath}/anyOf/`) && 'allowedValue' in m.params)
        .map((m) => JSON.stringify(m.params.allowedValue));
      problems.push(
        allowed.length
          ? problem(path, 'one-of', { values: allowed.join(', ') })
          : problem(path, 'schema', { detail: e.message }),
      );
    } else if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      problems.push(problem(path, 'one-of', { values: allowed.join(', ') }));
    } else if (e.keyword === 'pattern') {
      const code = PATTERN_CODES[e.params.pattern as string];
      problems.push(code ? problem(path, code) : problem(path, 'schema', { detail: e.message }));
    } else {
      problems.push(keywordProblem(path, e));
    }
  }
  return dedupe(problems);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
