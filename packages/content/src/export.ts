// Writing a module definition back as a folder that loadModule reads into an equal definition.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ContentError } from './problems.ts';
import type { CodeSpec, ExerciseDefinition, ModuleDefinition, VocabularySpec } from './schema.ts';
import { validateModule } from './validate.ts';
import { writeDeck } from './deck.ts';

/** Prompts longer than this, or on several lines, get their own Markdown file. */
const INLINE_PROMPT_CHARS = 200;
/** Vocabulary decks of more cards than this are written as a CSV deck file, easier to edit in a spreadsheet. */
export const INLINE_DECK_CARDS = 20;

/**
 * The base name of a code exercise's files: the module its tests import (`from './annee'` → annee), so
 * that the starter sits where the tests expect it, as in Jest exercise tracks.
 */
function codeBaseName(spec: CodeSpec): string {
  const m = /from\s+['"]\.\/([A-Za-z0-9_-]+)(?:\.[jt]s)?['"]/.exec(spec.visibleTests);
  return m?.[1] ?? 'solution';
}

/** The CSV deck file of a large vocabulary deck, or null to keep its cards inline. */
function deckOf(spec: VocabularySpec): string | null {
  return spec.cards.length > INLINE_DECK_CARDS ? writeDeck(spec.cards) : null;
}

function codeFiles(
  ex: ExerciseDefinition,
  spec: CodeSpec,
): { json: Record<string, unknown>; files: [string, string][] } {
  const dir = `exercises/${ex.slug}`;
  const ext = spec.language === 'typescript' ? 'ts' : 'js';
  const base = codeBaseName(spec);
  const names = {
    starterFile: `${dir}/${base}.${ext}`,
    solutionFile: `${dir}/solution/${base}.${ext}`,
    visibleTestsFile: `${dir}/${base}.test.${ext}`,
    hiddenTestsFile: `${dir}/${base}.hidden.test.${ext}`,
  };
  return {
    json: {
      language: spec.language,
      ...names,
      ...(spec.limits ? { limits: spec.limits } : {}),
      ...(spec.similarityThreshold !== undefined ? { similarityThreshold: spec.similarityThreshold } : {}),
    },
    files: [
      [names.starterFile, spec.starter],
      [names.solutionFile, spec.solution],
      [names.visibleTestsFile, spec.visibleTests],
      [names.hiddenTestsFile, spec.hiddenTests],
    ],
  };
}

/**
 * Writes `def` into `dir` (created if needed) in the module folder format; returns the files written.
 * Files of the same name are overwritten, other files are left alone: export into an empty folder.
 */
export async function exportModule(def: ModuleDefinition, dir: string): Promise<string[]> {
  const problems = validateModule(def);
  if (problems.length > 0) throw new ContentError(`Cannot export module "${def.slug}"`, problems);
  const files: [string, string][] = [];
  /** A text kept inline when short and on one line, else written to `file`: `{ [inline] }` or `{ [fileKey] }`. */
  const text = (value: string, inline: string, fileKey: string, file: string) => {
    if (!value.includes('\n') && value.length <= INLINE_PROMPT_CHARS) return { [inline]: value };
    files.push([file, value]);
    return { [fileKey]: file };
  };
  const lessons = def.lessons.map((l) => {
    const file = `lessons/${l.slug}.md`;
    files.push([file, l.body]);
    const en: Record<string, unknown> = { title: l.en.title };
    if (l.en.body !== undefined) {
      en.file = `lessons/${l.slug}.en.md`;
      files.push([en.file as string, l.en.body]);
    }
    return {
      slug: l.slug,
      title: l.title,
      file,
      en,
      ...(l.prerequisites !== undefined ? { prerequisites: l.prerequisites } : {}),
      ...(l.estimatedMinutes !== undefined ? { estimatedMinutes: l.estimatedMinutes } : {}),
    };
  });
  const exercises = def.exercises.map((ex) => {
    const { spec, prompt } = ex;
    const out: Record<string, unknown> = { slug: ex.slug, title: ex.title };
    if (ex.lesson !== undefined) out.lesson = ex.lesson;
    out.kind = ex.kind;
    Object.assign(out, text(prompt, 'prompt', 'promptFile', `exercises/${ex.slug}/prompt.md`));
    out.en = {
      title: ex.en.title,
      ...(ex.en.prompt !== undefined
        ? text(ex.en.prompt, 'prompt', 'promptFile', `exercises/${ex.slug}/prompt.en.md`)
        : {}),
    };
    if (ex.hints.length > 0) out.hints = ex.hints;
    if (ex.maxScore !== 1) out.maxScore = ex.maxScore;
    if (ex.estimatedMinutes !== undefined) out.estimatedMinutes = ex.estimatedMinutes;
    if (spec.kind === 'code') {
      const code = codeFiles(ex, spec);
      out.spec = code.json;
      files.push(...code.files);
    } else if (spec.kind === 'vocabulary' && deckOf(spec)) {
      const deckFile = `decks/${ex.slug}.csv`;
      out.spec = { deckFile };
      files.push([deckFile, deckOf(spec)!]);
    } else {
      const { kind: _kind, ...body } = spec;
      out.spec = body;
    }
    return out;
  });
  const moduleJson = {
    slug: def.slug,
    discipline: def.discipline,
    title: def.title,
    summary: def.summary,
    en: def.en,
    lessons,
    exercises,
  };
  files.push(['module.json', `${JSON.stringify(moduleJson, null, 2)}\n`]);
  for (const [relative, content] of files) {
    const full = path.join(dir, relative);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, content, 'utf8');
  }
  return files.map(([relative]) => relative);
}
