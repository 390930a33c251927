// Loading a module folder: module.json plus the Markdown and code files it references, inlined and
// validated. Every problem is collected before throwing, so an author fixes them all in one pass.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { resolveInside } from './files.ts';
import { at, ContentError, schemaProblems, type Problem } from './problems.ts';
import {
  FILE_SPEC_SCHEMAS,
  ModuleFile,
  type CodeSpecFile,
  type ExerciseDefinition,
  type ExerciseFile,
  type FullSpec,
  type ModuleDefinition,
} from './schema.ts';
import { validateModule } from './validate.ts';
import { parseDeck } from './deck.ts';

/** Reads the files of one module, recording a problem (instead of failing) for each one missing. */
class FileReader {
  readonly problems: Problem[] = [];
  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async read(relative: string, where: string): Promise<string> {
    const full = resolveInside(this.dir, relative);
    if (!full) {
      this.problems.push({
        path: where,
        message: `"${relative}" must be a relative path inside the module folder`,
      });
      return '';
    }
    try {
      return (await readFile(full, 'utf8')).replace(/^\uFEFF/, '');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message = code === 'ENOENT' ? `file not found: ${relative}` : `cannot read ${relative} (${code})`;
      this.problems.push({ path: where, message });
      return '';
    }
  }
}

async function readModuleJson(dir: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(dir, 'module.json'), 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ContentError(`Cannot load the module in ${dir}`, [
      {
        path: '',
        message: code === 'ENOENT' ? 'no module.json in this folder' : `cannot read module.json (${code})`,
      },
    ]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ContentError(`Cannot load the module in ${dir}`, [
      { path: '', message: `module.json is not valid JSON: ${(e as Error).message}` },
    ]);
  }
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
    const deck = parseDeck(text, deckFile);
    files.problems.push(...deck.problems.map((p) => ({ ...p, path: at(where, 'deckFile') })));
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
    files.problems.push({ path: at(where, names[1]), message: `give ${names[0]} or ${names[1]}, not both` });
    return text;
  }
  if (file !== undefined) return files.read(file, at(where, names[1]));
  if (text === undefined && required) {
    files.problems.push({ path: at(where, names[0]), message: `give ${names[0]} or ${names[1]}` });
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
    files.problems.push({ path: at(where, 'hints'), message: 'give hint or hints, not both' });
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

/** Loads `dir/module.json` and the files it references; throws a ContentError listing every problem. */
export async function loadModule(dir: string): Promise<ModuleDefinition> {
  const raw = await readModuleJson(dir);
  const what = `Invalid module in ${dir}`;
  const structure = fileProblems(raw);
  if (structure.length > 0) throw new ContentError(what, structure);
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
  const problems = [...files.problems, ...validateModule(def)];
  if (problems.length > 0) throw new ContentError(what, problems);
  return def;
}
