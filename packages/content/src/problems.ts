// Problems found in a module, each with the path of the value it is about, e.g.
// `exercises[2].spec.options: at least one correct option`.
import type { TSchema } from 'typebox';
import Compile from 'typebox/compile';
import { SLUG_PATTERN, ID_PATTERN } from './schema.ts';

export interface Problem {
  /** Where, in module.json terms: `exercises[2].spec.options[0].id`; empty for the module itself. */
  path: string;
  message: string;
  /** The file the problem is in, relative to the module folder, when it is not module.json itself. */
  file?: string;
  /** The 1-based line in that file, when known. */
  line?: number;
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

const PATTERN_MESSAGES: Record<string, string> = {
  [SLUG_PATTERN]: 'must be a slug: lowercase letters, digits and single hyphens',
  [ID_PATTERN]: 'must be an id: letters, digits, "_" and "-"',
};

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
        problems.push({ path: at(path, key), message: 'unknown key' });
      }
    } else if (e.keyword === 'required') {
      for (const key of (e.params.requiredProperties as string[]) ?? []) {
        problems.push({ path: at(path, key), message: 'is required' });
      }
    } else if (e.keyword === 'anyOf') {
      const allowed = errors
        .filter((m) => m.schemaPath.startsWith(`${e.schemaPath}/anyOf/`) && 'allowedValue' in m.params)
        .map((m) => JSON.stringify(m.params.allowedValue));
      problems.push({ path, message: allowed.length ? `must be one of ${allowed.join(', ')}` : e.message });
    } else if (e.keyword === 'enum') {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => JSON.stringify(v));
      problems.push({ path, message: `must be one of ${allowed.join(', ')}` });
    } else if (e.keyword === 'pattern') {
      problems.push({ path, message: PATTERN_MESSAGES[e.params.pattern as string] ?? e.message });
    } else {
      problems.push({ path, message: e.message });
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
