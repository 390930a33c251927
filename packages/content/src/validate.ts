// Validation of a loaded module definition: its structure, then the rules that span several values.
import { at, problem, schemaProblems, type Problem } from './problems.ts';
import type { ProblemCode, ProblemParams } from './messages.ts';
import { ModuleShell, SPEC_SCHEMAS, type FullSpec, type ModuleDefinition, type SpecKind } from './schema.ts';
import { specProblems, uniqueIn } from './spec-rules.ts';

/** Every problem of a module definition (empty when it is valid), each with its path. */
export function validateModule(def: unknown): Problem[] {
  const structure = schemaProblems(ModuleShell, def);
  if (structure.length > 0) return [...structure, ...specStructure(def)];
  const mod = def as ModuleDefinition;
  const problems: Problem[] = [];
  const report = (path: string, code: ProblemCode, params?: ProblemParams) =>
    problems.push(problem(path, code, params));

  uniqueIn(
    mod.lessons.map((l) => l.slug),
    'lessons',
    'slug',
    'duplicate-lesson-slug',
    report,
  );
  uniqueIn(
    mod.exercises.map((e) => e.slug),
    'exercises',
    'slug',
    'duplicate-exercise-slug',
    report,
  );
  const earlier = new Set<string>();
  mod.lessons.forEach((lesson, i) => {
    (lesson.prerequisites ?? []).forEach((slug, j) => {
      if (!earlier.has(slug)) {
        const where = at(at(at('lessons', i), 'prerequisites'), j);
        if (slug === lesson.slug) report(where, 'prerequisite-self');
        else report(where, 'prerequisite-unknown', { slug });
      }
    });
    earlier.add(lesson.slug);
  });
  const lessons = new Set(mod.lessons.map((l) => l.slug));
  mod.exercises.forEach((ex, i) => {
    const path = at('exercises', i);
    if (ex.lesson !== undefined && !lessons.has(ex.lesson)) {
      report(at(path, 'lesson'), 'lesson-unknown', { slug: ex.lesson });
    }
    const spec = checkSpec(ex.kind, ex.spec, at(path, 'spec'));
    if (Array.isArray(spec)) problems.push(...spec);
    else problems.push(...specProblems(spec, at(path, 'spec')));
  });
  return problems;
}

/** The spec, typed, when it has its exercise's kind and that kind's shape; else its problems. */
function checkSpec(kind: SpecKind, spec: unknown, path: string): FullSpec | Problem[] {
  const found = (spec as { kind?: unknown }).kind;
  if (found !== kind) return [problem(at(path, 'kind'), 'spec-kind', { kind })];
  const problems = schemaProblems(SPEC_SCHEMAS[kind], spec, path);
  return problems.length > 0 ? problems : (spec as FullSpec);
}

/** Spec problems of a definition whose outer structure is already wrong: as many as can be found. */
function specStructure(def: unknown): Problem[] {
  const exercises = (def as { exercises?: unknown } | null)?.exercises;
  if (!Array.isArray(exercises)) return [];
  return exercises.flatMap((ex: unknown, i) => {
    const { kind, spec } = (ex ?? {}) as { kind?: unknown; spec?: unknown };
    if (typeof kind !== 'string' || !(kind in SPEC_SCHEMAS) || typeof spec !== 'object' || spec === null)
      return [];
    const checked = checkSpec(kind as SpecKind, spec, at(at('exercises', i), 'spec'));
    return Array.isArray(checked) ? checked : specProblems(checked, at(at('exercises', i), 'spec'));
  });
}
