// The whole validation of a module, all problems at once: the format (module.json and its files), the
// rules of each spec, the texts (both languages, links and images), and, in the real sandbox, every code
// exercise (reference passes, starter fails, an empty solution fails, limits under the ceiling).
import { access } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { createGraderPool, type GradeLimits, type GraderPool, type LimitCeiling } from '@tremplin/grader';
import Compile from 'typebox/compile';
import { syntaxError } from './code-files.ts';
import { readModuleFolder } from './load.ts';
import { locateProblems } from './locate.ts';
import { linkProblems, type LinkContext } from './markdown-links.ts';
import type { Lang } from './messages.ts';
import { at, localizeProblems, problem, type Problem } from './problems.ts';
import { resolveInside } from './files.ts';
import { ModuleDefinition, type CodeSpec } from './schema.ts';
import { validateCodeExercise } from './validate-code.ts';
import { validateModule } from './validate.ts';

export interface ValidateOptions {
  /** Language of the messages (French by default). */
  lang?: Lang;
  /** The pool that grades code exercises; without one, a pool is made for the call and closed after it. */
  pool?: GraderPool;
  /** Grade code exercises in the sandbox (default true); false checks everything else. */
  sandbox?: boolean;
  /** The platform's ceiling and default limits (the API's configuration); the grader's by default. */
  ceiling?: LimitCeiling;
  defaults?: GradeLimits;
}

export interface FolderValidation {
  dir: string;
  /** The definition, when the folder could be loaded (even with rule problems). */
  def?: ModuleDefinition;
  /** Every problem, located (file and line where known), its message in the language asked. */
  problems: Problem[];
  /** How many exercises module.json lists (also when it could not be loaded whole). */
  exercises: number;
  /** How many code exercises went through the sandbox. */
  graded: number;
}

const isDefinition = Compile(ModuleDefinition);

const UNREAD = new Set(['file-not-found', 'file-unreadable', 'path-outside']);

/** The key naming the file of a text: `lessons[0].body` → `lessons[0].file`, `….prompt` → `….promptFile`. */
const fileKeyOf = (path: string) => (path.endsWith('body') ? `${path.slice(0, -4)}file` : `${path}File`);

const TEXT_FIELDS = ['starter', 'solution', 'visibleTests', 'hiddenTests'] as const;

/** Texts present but empty (an English body or prompt that was started and left blank, a French prompt). */
function emptyTexts(def: ModuleDefinition): Problem[] {
  const problems: Problem[] = [];
  const blank = (text: string | undefined) => text !== undefined && !text.trim();
  def.lessons.forEach((l, i) => {
    if (blank(l.body)) problems.push(problem(at(at('lessons', i), 'body'), 'text-empty'));
    if (blank(l.en.body)) problems.push(problem(at(at(at('lessons', i), 'en'), 'body'), 'text-empty'));
  });
  def.exercises.forEach((ex, i) => {
    if (blank(ex.prompt)) problems.push(problem(at(at('exercises', i), 'prompt'), 'text-empty'));
    if (blank(ex.en.prompt)) problems.push(problem(at(at(at('exercises', i), 'en'), 'prompt'), 'text-empty'));
  });
  return problems;
}

/** Links and images of every lesson and prompt, in both languages. */
async function allLinks(def: ModuleDefinition, exists?: LinkContext['exists']): Promise<Problem[]> {
  const ctx: LinkContext = {
    lessons: new Set(def.lessons.map((l) => l.slug)),
    exercises: new Set(def.exercises.map((e) => e.slug)),
    ...(exists ? { exists } : {}),
  };
  const texts: [string | undefined, string][] = [
    ...def.lessons.flatMap((l, i): [string | undefined, string][] => [
      [l.body, at(at('lessons', i), 'body')],
      [l.en.body, at(at(at('lessons', i), 'en'), 'body')],
    ]),
    ...def.exercises.flatMap((e, i): [string | undefined, string][] => [
      [e.prompt, at(at('exercises', i), 'prompt')],
      [e.en.prompt, at(at(at('exercises', i), 'en'), 'prompt')],
    ]),
  ];
  const found = await Promise.all(
    texts.map(([text, path]) => (text ? linkProblems(text, path, ctx) : Promise.resolve([]))),
  );
  return found.flat();
}

/** Syntax errors of a code exercise's four files, each with its line. */
function codeSyntax(spec: CodeSpec, path: string): Problem[] {
  const problems: Problem[] = [];
  for (const key of TEXT_FIELDS) {
    if (key === 'hiddenTests' && !spec.hiddenTests.trim()) continue;
    const error = syntaxError(spec[key], spec.language);
    if (error)
      problems.push({
        ...problem(at(path, key), 'syntax-error', { detail: error.message }),
        line: error.line,
      });
  }
  return problems;
}

/**
 * What validateModule cannot see: texts, links and, in the sandbox, code exercises. `def` must have the
 * definition's shape. Messages in English; lines within the texts.
 */
async function deeperProblems(
  def: ModuleDefinition,
  options: ValidateOptions,
  exists: LinkContext['exists'] | undefined,
  getPool: () => GraderPool,
): Promise<{ problems: Problem[]; graded: number }> {
  const problems = [...emptyTexts(def), ...(await allLinks(def, exists))];
  const toGrade: [CodeSpec, string][] = [];
  def.exercises.forEach((ex, i) => {
    if (ex.spec.kind !== 'code') return;
    const path = at(at('exercises', i), 'spec');
    const syntax = codeSyntax(ex.spec, path);
    problems.push(...syntax);
    // A file that does not parse would only fail every grading again: fix it first.
    if (syntax.length === 0) toGrade.push([ex.spec, path]);
  });
  if (options.sandbox === false || toGrade.length === 0) return { problems, graded: 0 };
  const pool = getPool();
  const checks = await Promise.all(
    toGrade.map(([spec, path]) =>
      validateCodeExercise(spec, pool, {
        path,
        locale: options.lang ?? 'fr',
        ...(options.ceiling ? { ceiling: options.ceiling } : {}),
        ...(options.defaults ? { defaults: options.defaults } : {}),
      }),
    ),
  );
  problems.push(...checks.flatMap((c) => c.problems));
  return { problems, graded: toGrade.length };
}

/** Runs `body` with the pool given, or with one made for it and closed after. */
async function withPool<T>(
  given: GraderPool | undefined,
  body: (get: () => GraderPool) => Promise<T>,
): Promise<T> {
  let own: GraderPool | undefined;
  const get = () => given ?? (own ??= createGraderPool({ size: Math.min(4, availableParallelism()) }));
  try {
    return await body(get);
  } finally {
    await own?.close();
  }
}

/**
 * Every problem of a module definition (what the studio validates before publishing): the rules, the
 * texts and the code exercises in the sandbox. Links to module files cannot be checked without the folder.
 * Messages in `lang`; paths are the definition's, lines are within the texts.
 */
export async function validateDefinition(def: unknown, options: ValidateOptions = {}): Promise<Problem[]> {
  const problems = validateModule(def);
  if (isDefinition.Check(def)) {
    const deeper = await withPool(options.pool, (get) => deeperProblems(def, options, undefined, get));
    problems.push(...deeper.problems);
  }
  return localizeProblems(problems, options.lang ?? 'fr');
}

/** Problems as an author reads them: module.json first, then the other files by name, each by line. */
function inFileOrder(problems: Problem[]): Problem[] {
  const rank = (p: Problem) => (p.file === undefined ? '' : p.file === 'module.json' ? '\u0001' : p.file);
  return [...problems].sort((a, b) => rank(a).localeCompare(rank(b)) || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * Validates a module folder, all problems at once, each with its file, line and field, messages in
 * `lang` (French by default). The sandbox grades every code exercise unless `sandbox: false`.
 */
export async function validateModuleFolder(
  dir: string,
  options: ValidateOptions = {},
): Promise<FolderValidation> {
  const read = await readModuleFolder(dir);
  const lang = options.lang ?? 'fr';
  if (!read.def || !read.source) {
    const listed = (read.source?.raw as { exercises?: unknown } | undefined)?.exercises;
    const exercises = Array.isArray(listed) ? listed.length : 0;
    return { dir, problems: localizeProblems(inFileOrder(read.problems), lang), exercises, graded: 0 };
  }
  const def = read.def;
  const exists = async (relative: string) => {
    const full = resolveInside(dir, relative);
    if (!full) return false;
    try {
      await access(full);
      return true;
    } catch {
      return false;
    }
  };
  const deeper = await withPool(options.pool, (get) => deeperProblems(def, options, exists, get));
  // A text whose file could not be read is empty: that is the same problem, already reported.
  const unread = new Set(read.problems.filter((p) => UNREAD.has(p.code)).map((p) => p.path));
  const own = deeper.problems.filter((p) => p.code !== 'text-empty' || !unread.has(fileKeyOf(p.path)));
  const problems = [...read.problems, ...locateProblems(own, read.source)];
  return {
    dir,
    def,
    problems: localizeProblems(inFileOrder(problems), lang),
    exercises: def.exercises.length,
    graded: deeper.graded,
  };
}
