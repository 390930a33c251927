// `pnpm content <command>`: validate module folders, import an Exercism exercise, write the JSON Schema.
// The commands are exported (contentCommands) so that other tools add theirs (publish, export) beside
// them and run them through runContentCli.
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { createGraderPool, type GraderPool } from '@tremplin/grader';
import { DEMO_MODULES_DIR } from './demo.ts';
import { importIntoModule } from './import-exercism.ts';
import { SCHEMA_FILE, writeModuleJsonSchema } from './json-schema.ts';
import { counted, type Lang } from './messages.ts';
import { formatProblems, problemMessage, type Problem } from './problems.ts';
import { validateModuleFolder, type FolderValidation } from './validate-folder.ts';

/** Where a command writes: lines of output and of errors (the terminal, or a test's arrays). */
export interface CommandIO {
  out(line: string): void;
  err(line: string): void;
  /** The folder relative paths start from. */
  cwd: string;
}

export interface ContentCommand {
  /** One line for the help: `validate [dir…] [--lang fr|en]`. */
  usage: string;
  summary: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[], io: CommandIO): Promise<number>;
}

const TEXT = {
  fr: {
    summary: (
      modules: number,
      exercises: number,
      graded: number,
      problems: number,
      failed: number,
      s: string,
    ) =>
      `${counted('fr', modules, 'module', 'modules')}, ${counted('fr', exercises, 'exercice', 'exercices')} dont ` +
      `${counted('fr', graded, 'exercice de code passé', 'exercices de code passés')} au bac à sable : ` +
      (problems === 0
        ? 'aucun problème'
        : `${counted('fr', problems, 'problème', 'problèmes')} dans ${counted('fr', failed, 'module', 'modules')}`) +
      ` (${s} s).`,
    noModules: (dir: string) => `Aucun dossier de module dans ${dir}.`,
  },
  en: {
    summary: (
      modules: number,
      exercises: number,
      graded: number,
      problems: number,
      failed: number,
      s: string,
    ) =>
      `${counted('en', modules, 'module', 'modules')}, ${counted('en', exercises, 'exercise', 'exercises')}, ` +
      `${counted('en', graded, 'code exercise', 'code exercises')} graded in the sandbox: ` +
      (problems === 0
        ? 'no problem'
        : `${counted('en', problems, 'problem', 'problems')} in ${counted('en', failed, 'module', 'modules')}`) +
      ` (${s} s).`,
    noModules: (dir: string) => `No module folder in ${dir}.`,
  },
};

function langOf(value: string | undefined, io: CommandIO): Lang | null {
  if (value === undefined || value === 'fr' || value === 'en') return value ?? 'fr';
  io.err(`--lang: fr or en, not "${value}"`);
  return null;
}

/** The sub-folders of a folder that hold a module.json. */
async function moduleFolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const found: string[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const inner = await readdir(path.join(dir, e.name));
    if (inner.includes('module.json')) found.push(path.join(dir, e.name));
  }
  return found;
}

/** A path as typed from the current folder when it is below it, else absolute. */
function display(io: CommandIO, full: string): string {
  const relative = path.relative(io.cwd, full);
  return relative.startsWith('..') || path.isAbsolute(relative) ? full : relative || '.';
}

/** Problem lines with their file shown from the current folder, so that a terminal or CI links them. */
function problemLines(result: FolderValidation, io: CommandIO, lang: Lang): string[] {
  const shown = (p: Problem): Problem =>
    p.file ? { ...p, file: display(io, path.join(result.dir, p.file)) } : p;
  const lines = formatProblems(result.problems.map(shown), lang);
  // A problem with no file (no module.json at all) still says which folder.
  return lines.map((line, i) => (result.problems[i]!.file ? line : `${display(io, result.dir)}  ${line}`));
}

/** A grader pool whose worker processes start with the first grading: none for modules without code. */
function lazyPool(): GraderPool {
  let real: GraderPool | undefined;
  const size = availableParallelism();
  return {
    grade: (req) => (real ??= createGraderPool({ size })).grade(req),
    close: async () => real?.close(),
    size,
  };
}

const validate: ContentCommand = {
  usage: 'validate [dir…] [--lang fr|en] [--no-sandbox]',
  summary:
    'Validates module folders (default: every module of packages/content/modules), sandbox included; exit 1 on any problem.',
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { lang: { type: 'string' }, 'no-sandbox': { type: 'boolean' } },
    });
    const lang = langOf(values.lang, io);
    if (!lang) return 2;
    const started = performance.now();
    const dirs = positionals.length
      ? positionals.map((d) => path.resolve(io.cwd, d))
      : await moduleFolders(DEMO_MODULES_DIR);
    if (dirs.length === 0) {
      io.err(TEXT[lang].noModules(DEMO_MODULES_DIR));
      return 1;
    }
    const sandbox = !values['no-sandbox'];
    const pool = sandbox ? lazyPool() : undefined;
    let results: FolderValidation[];
    try {
      results = await Promise.all(
        dirs.map((dir) => validateModuleFolder(dir, { lang, sandbox, ...(pool ? { pool } : {}) })),
      );
    } finally {
      await pool?.close();
    }
    for (const result of results) for (const line of problemLines(result, io, lang)) io.out(line);
    const problems = results.reduce((n, r) => n + r.problems.length, 0);
    const failed = results.filter((r) => r.problems.length > 0).length;
    const exercises = results.reduce((n, r) => n + r.exercises, 0);
    const graded = results.reduce((n, r) => n + r.graded, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(TEXT[lang].summary(results.length, exercises, graded, problems, failed, seconds));
    return problems > 0 ? 1 : 0;
  },
};

const importCommand: ContentCommand = {
  usage: 'import <exercism exercise dir> --into <module dir> [--lesson <slug>] [--lang fr|en]',
  summary:
    "Adds an exercise laid out as Exercism's JavaScript or TypeScript track to a module, validates the module and lists what could not be mapped.",
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { into: { type: 'string' }, lesson: { type: 'string' }, lang: { type: 'string' } },
    });
    const lang = langOf(values.lang, io);
    if (!lang) return 2;
    if (positionals.length !== 1 || !values.into) {
      io.err(`usage: ${importCommand.usage}`);
      return 2;
    }
    const source = path.resolve(io.cwd, positionals[0]!);
    const into = path.resolve(io.cwd, values.into);
    let added;
    try {
      added = await importIntoModule(source, into, values.lesson ? { lesson: values.lesson } : {});
    } catch (e) {
      io.err((e as Error).message);
      return 1;
    }
    io.out(`${added.slug}: ${added.files.map((f) => display(io, path.join(into, f))).join(', ')}`);
    for (const note of added.unmapped) io.out(`unmapped: ${note}`);
    const result = await validateModuleFolder(into, { lang });
    for (const line of problemLines(result, io, lang)) io.out(line);
    return result.problems.length > 0 ? 1 : 0;
  },
};

const schema: ContentCommand = {
  usage: 'schema',
  summary: 'Writes packages/content/module.schema.json, the JSON Schema of module.json.',
  async run(_args, io) {
    const changed = await writeModuleJsonSchema();
    io.out(`${path.relative(io.cwd, SCHEMA_FILE)}${changed ? ' written' : ' already current'}`);
    return 0;
  },
};

/** The content commands, by name; other packages add theirs to a copy of this record. */
export const contentCommands: Record<string, ContentCommand> = {
  validate,
  import: importCommand,
  schema,
};

/** Runs `argv` (command and arguments) against a set of commands; resolves to the exit code. */
export async function runContentCli(
  argv: string[],
  commands: Record<string, ContentCommand> = contentCommands,
  io: CommandIO = {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    // `pnpm content …` runs at the repository's root: paths are relative to it.
    cwd: process.cwd(),
  },
): Promise<number> {
  const [name, ...args] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (!command) {
    if (name !== undefined && name !== 'help' && name !== '--help') io.err(`unknown command "${name}"`);
    io.err('usage: pnpm content <command>');
    for (const c of Object.values(commands)) io.err(`  ${c.usage}\n      ${c.summary}`);
    return name === undefined || name === 'help' || name === '--help' ? 0 : 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    io.err((e as Error).message);
    return 2;
  }
}

/** A problem's message, for commands of other packages that print problems the same way. */
export { formatProblems, problemMessage };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await runContentCli(process.argv.slice(2));
}
