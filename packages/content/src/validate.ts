// Validation of a loaded module definition: its structure, then the rules that span several values.
import { at, schemaProblems, type Problem } from './problems.ts';
import { ModuleShell, SPEC_SCHEMAS, type FullSpec, type ModuleDefinition, type SpecKind } from './schema.ts';
import { specProblems, uniqueIn } from './spec-rules.ts';

/** Every problem of a module definition (empty when it is valid), each with its path. */
export function validateModule(def: unknown): Problem[] {
  const structure = schemaProblems(ModuleShell, def);
  if (structure.length > 0) return [...structure, ...specStructure(def)];
  const mod = def as ModuleDefinition;
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ path, message });

  uniqueIn(
    mod.lessons.map((l) => l.slug),
    'lessons',
    'slug',
    'lesson slug',
    report,
  );
  uniqueIn(
    mod.exercises.map((e) => e.slug),
    'exercises',
    'slug',
    'exercise slug',
    report,
  );
  const earlier = new Set<string>();
  mod.lessons.forEach((lesson, i) => {
    (lesson.prerequisites ?? []).forEach((slug, j) => {
      if (!earlier.has(slug)) {
        const why = slug === lesson.slug ? 'a lesson cannot require itself' : `no earlier lesson "${slug}"`;
        report(at(at(at('lessons', i), 'prerequisites'), j), why);
      }
    });
    earlier.add(lesson.slug);
  });
  const lessons = new Set(mod.lessons.map((l) => l.slug));
  mod.exercises.forEach((ex, i) => {
    const path = at('exercises', i);
    if (ex.lesson !== undefined && !lessons.has(ex.lesson)) {
      report(at(path, 'lesson'), `no lesson "${ex.lesson}" in this module`);
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
  if (found !== kind) return [{ path: at(path, 'kind'), message: `must be "${kind}", the exercise's kind` }];
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
