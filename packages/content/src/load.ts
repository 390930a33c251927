// Loading a module folder: module.json plus the Markdown and code files it references, inlined and
// validated. Every problem is collected before throwing, so an author fixes them all in one pass.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from './files.ts';
import { at, ContentError, problem, schemaProblems, type Problem } from './problems.ts';
import { locateProblems, parseModuleJson, type ModuleSource } from './locate.ts';
import {
  FILE_SPEC_SCHEMAS,
  ModuleFile,
  type CodeSpecFile,
  type ExerciseDefinition,
  type ExerciseFile,
  type FullSpec,
  type ModuleDefinition,
  type SpecKind,
} from './schema.ts';
import { validateModule } from './validate.ts';
import { specProblems, uniqueIn } from './spec-rules.ts';
import type { ProblemCode, ProblemParams } from './messages.ts';
import { parseDeck } from './deck.ts';

/** Reads the files of one module, recording a problem (instead of failing) for each one missing. */
class FileReader {
  readonly problems: Problem[] = [];
  /** The line of each card of a deck file, by the spec's path (`exercises[3].spec`). */
  readonly deckLines = new Map<string, number[]>();
  /** The cards' paths of decks that could not be read: their emptiness is not another problem. */
  readonly unreadDecks = new Set<string>();
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async read(relative: string, where: string): Promise<string> {
    const full = resolveInside(this.dir, relative);
    if (!full) {
      this.problems.push(problem(where, 'path-outside', { file: relative }));
      return '';
    }
    try {
      return (await readFile(full, 'utf8')).replace(/^\uFEFF/, '');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      this.problems.push(
        code === 'ENOENT'
          ? problem(where, 'file-not-found', { file: relative })
          : problem(where, 'file-unreadable', { file: relative, detail: String(code) }),
      );
      return '';
    }
  }
}

/** The text of module.json, or the problem that stops the loading. */
async function readModuleJson(dir: string): Promise<string | Problem> {
  try {
    return (await readFile(path.join(dir, 'module.json'), 'utf8')).replace(/^\uFEFF/, '');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? problem('', 'no-module-json')
      : {
          ...problem('', 'file-unreadable', { file: 'module.json', detail: String(code) }),
          file: 'module.json',
        };
  }
}

/**
 * The rules that can still be checked on a module.json with structural problems, so that an author sees
 * every problem at once: unique slugs, and the answer keys of each exercise whose spec has its kind's shape
 * (code and deck files are read only from a well-formed module.json).
 */
function rulesDespiteStructure(raw: unknown): Problem[] {
  const problems: Problem[] = [];
  const report = (where: string, code: ProblemCode, params?: ProblemParams) =>
    problems.push(problem(where, code, params));
  const list = (key: string) => {
    const value = (raw as Record<string, unknown> | null)?.[key];
    return Array.isArray(value) ? (value as unknown[]) : [];
  };
  // Entries without a string slug get a value of their own: a missing slug is a structural problem already.
  const slugs = (items: unknown[]) =>
    items.map((x, i) => {
      const slug = (x as { slug?: unknown } | null)?.slug;
      return typeof slug === 'string' ? slug : `\u0000${i}`;
    });
  uniqueIn(slugs(list('lessons')), 'lessons', 'slug', 'duplicate-lesson-slug', report);
  uniqueIn(slugs(list('exercises')), 'exercises', 'slug', 'duplicate-exercise-slug', report);
  list('exercises').forEach((ex, i) => {
    const { kind, spec } = (ex ?? {}) as { kind?: unknown; spec?: unknown };
    if (typeof kind !== 'string' || kind === 'code' || !(kind in FILE_SPEC_SCHEMAS)) return;
    if (typeof spec !== 'object' || spec === null || 'deckFile' in spec) return;
    const path = at(at('exercises', i), 'spec');
    if (schemaProblems(FILE_SPEC_SCHEMAS[kind as SpecKind], spec, path).length > 0) return;
    problems.push(...specProblems({ kind, ...spec } as FullSpec, path));
  });
  return problems;
}

/** Structural problems of module.json, each exercise's spec checked against its own kind's file format. */
function fileProblems(raw: unknown): Problem[] {
  const problems = schemaProblems(ModuleFile, raw);
  const exercises = (raw as { exercises?: unknown } | null)?.exercises;
  if (Array.isArray(exercises)) {
    exercises.forEach((ex: unknown, i) => {
      const { kind, spec } = (ex ?? {}) as { kind?: unknown; spec?: unknown };
      if (typeof kind !== 'string' || !(kind in FILE_SPEC_SCHEMAS)) return;
      const schema = FILE_SPEC_SCHEMAS[kind as FullSpec['kind']];
      problems.push(...schemaProblems(schema, spec, at(at('exercises', i), 'spec')));
    });
  }
  return problems;
}

async function loadSpec(ex: ExerciseFile, where: string, files: FileReader): Promise<FullSpec> {
  if (ex.kind === 'vocabulary' && 'deckFile' in ex.spec) {
    const deckFile = (ex.spec as { deckFile: string }).deckFile;
    const text = await files.read(deckFile, at(where, 'deckFile'));
    if (!text) {
      files.unreadDecks.add(at(where, 'cards'));
      return { kind: 'vocabulary', cards: [] };
    }
    const deck = parseDeck(text, deckFile);
    files.problems.push(...deck.problems.map((p) => ({ ...p, path: at(where, 'deckFile') })));
    files.deckLines.set(where, deck.lines);
    return { kind: 'vocabulary', cards: deck.cards };
  }
  if (ex.kind !== 'code') return { kind: ex.kind, ...ex.spec } as FullSpec;
  const s = ex.spec as CodeSpecFile;
  const [starter, solution, visibleTests, hiddenTests] = await Promise.all([
    files.read(s.starterFile, at(where, 'starterFile')),
    files.read(s.solutionFile, at(where, 'solutionFile')),
    files.read(s.visibleTestsFile, at(where, 'visibleTestsFile')),
    files.read(s.hiddenTestsFile, at(where, 'hiddenTestsFile')),
  ]);
  return {
    kind: 'code',
    language: s.language,
    starter,
    solution,
    visibleTests,
    hiddenTests,
    ...(s.limits ? { limits: s.limits } : {}),
    ...(s.similarityThreshold !== undefined ? { similarityThreshold: s.similarityThreshold } : {}),
  };
}

/** A text given inline or in a file (not both); `required` reports neither. */
async function inlineOrFile(
  text: string | undefined,
  file: string | undefined,
  where: string,
  names: [inline: string, file: string],
  files: FileReader,
  required: boolean,
): Promise<string | undefined> {
  if (text !== undefined && file !== undefined) {
    files.problems.push(problem(at(where, names[1]), 'not-both', { a: names[0], b: names[1] }));
    return text;
  }
  if (file !== undefined) return files.read(file, at(where, names[1]));
  if (text === undefined && required) {
    files.problems.push(problem(at(where, names[0]), 'one-required', { a: names[0], b: names[1] }));
  }
  return text;
}

async function loadExercise(ex: ExerciseFile, i: number, files: FileReader): Promise<ExerciseDefinition> {
  const where = at('exercises', i);
  const names: [string, string] = ['prompt', 'promptFile'];
  const [prompt, promptEn] = await Promise.all([
    inlineOrFile(ex.prompt, ex.promptFile, where, names, files, true),
    inlineOrFile(ex.en.prompt, ex.en.promptFile, at(where, 'en'), names, files, false),
  ]);
  if (ex.hint !== undefined && ex.hints !== undefined) {
    files.problems.push(problem(at(where, 'hints'), 'not-both', { a: 'hint', b: 'hints' }));
  }
  return {
    slug: ex.slug,
    title: ex.title,
    ...(ex.lesson !== undefined ? { lesson: ex.lesson } : {}),
    kind: ex.kind,
    prompt: prompt ?? '',
    en: { title: ex.en.title, ...(promptEn !== undefined ? { prompt: promptEn } : {}) },
    hints: ex.hints ?? (ex.hint !== undefined ? [ex.hint] : []),
    maxScore: ex.maxScore ?? 1,
    ...(ex.estimatedMinutes !== undefined ? { estimatedMinutes: ex.estimatedMinutes } : {}),
    spec: await loadSpec(ex, at(where, 'spec'), files),
  };
}

/** What reading a module folder gave: the definition when it could be built, and every problem, located. */
export interface ModuleRead {
  def?: ModuleDefinition;
  problems: Problem[];
  /** module.json as read, to locate further problems (undefined when it could not be parsed). */
  source?: ModuleSource;
}

/**
 * Reads `dir/module.json` and the files it references; never throws for a content problem. Every problem
 * is located (file and line) where it can be: module.json's line of the value, a deck's row.
 */
export async function readModuleFolder(dir: string): Promise<ModuleRead> {
  const text = await readModuleJson(dir);
  if (typeof text !== 'string') return { problems: [text] };
  const parsed = parseModuleJson(text);
  if ('problem' in parsed) return { problems: [parsed.problem] };
  const raw = parsed.source.raw;
  const structure = fileProblems(raw);
  if (structure.length > 0) {
    const problems = [...structure, ...rulesDespiteStructure(raw)];
    return { problems: locateProblems(problems, parsed.source), source: parsed.source };
  }
  const file = raw as ModuleFile;
  const files = new FileReader(dir);
  const lessons = await Promise.all(
    file.lessons.map(async (l, i) => {
      const where = at('lessons', i);
      const [body, bodyEn] = await Promise.all([
        files.read(l.file, at(where, 'file')),
        l.en.file === undefined ? undefined : files.read(l.en.file, at(at(where, 'en'), 'file')),
      ]);
      return {
        slug: l.slug,
        title: l.title,
        body,
        en: { title: l.en.title, ...(bodyEn !== undefined ? { body: bodyEn } : {}) },
        ...(l.prerequisites !== undefined ? { prerequisites: l.prerequisites } : {}),
        ...(l.estimatedMinutes !== undefined ? { estimatedMinutes: l.estimatedMinutes } : {}),
      };
    }),
  );
  const exercises = await Promise.all(file.exercises.map((ex, i) => loadExercise(ex, i, files)));
  const def: ModuleDefinition = {
    slug: file.slug,
    discipline: file.discipline,
    title: file.title,
    summary: file.summary,
    en: file.en,
    lessons,
    exercises,
  };
  const source = { ...parsed.source, deckLines: files.deckLines };
  const rules = validateModule(def).filter((p) => !files.unreadDecks.has(p.path));
  const problems = locateProblems([...files.problems, ...rules], source);
  return { def, problems, source };
}

/** Loads `dir/module.json` and the files it references; throws a ContentError listing every problem. */
export async function loadModule(dir: string): Promise<ModuleDefinition> {
  const read = await readModuleFolder(dir);
  if (!read.def || read.problems.length > 0) {
    const what = read.source ? `Invalid module in ${dir}` : `Cannot load the module in ${dir}`;
    throw new ContentError(what, read.problems);
  }
  return read.def;
}
