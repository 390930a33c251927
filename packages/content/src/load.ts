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

async function loadExercise(ex: ExerciseFile, i: number, files: FileReader): Promise<ExerciseDefinition> {
  const where = at('exercises', i);
  let prompt = ex.prompt ?? '';
  if (ex.prompt !== undefined && ex.promptFile !== undefined) {
    files.problems.push({ path: at(where, 'promptFile'), message: 'give prompt or promptFile, not both' });
  } else if (ex.promptFile !== undefined) {
    prompt = await files.read(ex.promptFile, at(where, 'promptFile'));
  } else if (ex.prompt === undefined) {
    files.problems.push({ path: at(where, 'prompt'), message: 'give prompt or promptFile' });
  }
  return {
    slug: ex.slug,
    title: ex.title,
    ...(ex.lesson !== undefined ? { lesson: ex.lesson } : {}),
    kind: ex.kind,
    prompt,
    ...(ex.hint !== undefined ? { hint: ex.hint } : {}),
    maxScore: ex.maxScore ?? 1,
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
    file.lessons.map(async (l, i) => ({
      slug: l.slug,
      title: l.title,
      body: await files.read(l.file, at(at('lessons', i), 'file')),
    })),
  );
  const exercises = await Promise.all(file.exercises.map((ex, i) => loadExercise(ex, i, files)));
  const def: ModuleDefinition = {
    slug: file.slug,
    discipline: file.discipline,
    title: file.title,
    summary: file.summary,
    lessons,
    exercises,
  };
  const problems = [...files.problems, ...validateModule(def)];
  if (problems.length > 0) throw new ContentError(what, problems);
  return def;
}
