// What a draft must look like to be saved: a module's outline, however unfinished. Autosave never
// refuses a half-written exercise (an empty title, a spec without its answer key): validation says
// what is missing. It does refuse what no editor would send: not an object, another module's slug, a
// discipline that does not exist, lessons or exercises that are not lists of objects.
import type { ModuleDefinition } from '@tremplin/content';

const DISCIPLINES = new Set(['programming', 'ai', 'english', 'tutoring']);
const KINDS = new Set([
  'code',
  'choice',
  'cloze',
  'ordering',
  'matching',
  'dictation',
  'writing',
  'vocabulary',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first shape problem of a draft's content (English words; the route puts them in a coded error), or null. */
export function draftShapeProblem(content: unknown, slug: string): string | null {
  if (!isObject(content)) return 'the content must be an object';
  if (content.slug !== slug) return `"slug" must stay "${slug}"`;
  if (typeof content.discipline !== 'string' || !DISCIPLINES.has(content.discipline))
    return '"discipline" must be one of programming, ai, english, tutoring';
  for (const key of ['title', 'summary'] as const)
    if (typeof content[key] !== 'string') return `"${key}" must be a text`;
  if (!isObject(content.en)) return '"en" must be an object';
  for (const list of ['lessons', 'exercises'] as const) {
    const items = content[list];
    if (!Array.isArray(items)) return `"${list}" must be a list`;
    const wrong = items.findIndex((item) => !isObject(item));
    if (wrong >= 0) return `"${list}[${wrong}]" must be an object`;
  }
  const exercises = content.exercises as Record<string, unknown>[];
  for (const [i, ex] of exercises.entries()) {
    if (typeof ex.slug !== 'string') return `"exercises[${i}].slug" must be a text`;
    if (typeof ex.kind !== 'string' || !KINDS.has(ex.kind))
      return `"exercises[${i}].kind" must be an exercise kind`;
    if (!isObject(ex.spec)) return `"exercises[${i}].spec" must be an object`;
  }
  return null;
}

/** A new module's first draft: no lesson, no exercise, and valid as it is. */
export function emptyDefinition(input: {
  slug: string;
  discipline: ModuleDefinition['discipline'];
  title: string;
  titleEn: string;
}): ModuleDefinition {
  return {
    slug: input.slug,
    discipline: input.discipline,
    title: input.title,
    summary: '',
    en: { title: input.titleEn, summary: '' },
    lessons: [],
    exercises: [],
  };
}
