import type {
  ExerciseDefinition,
  FullSpec,
  LessonDefinition,
  ModuleDefinition,
  SpecKind,
} from '@tremplin/content';
import type { StudioPreview } from '#lib/api/studio.ts';
import type { Exercise } from '#lib/api/types.ts';

/**
 * Building blocks of a draft in the studio: what a new lesson or exercise starts with (a half-written
 * exercise is saved as it is: only Validate says what is missing), moves in a list, and the student's
 * view of a draft exercise for "Preview as a student". Types only from @tremplin/content: it holds
 * answer keys and Node code, it is never bundled.
 */

export type { ExerciseDefinition, FullSpec, LessonDefinition, ModuleDefinition, SpecKind };
export type SpecOfKind<K extends SpecKind> = Extract<FullSpec, { kind: K }>;

export const SPEC_KINDS: readonly SpecKind[] = [
  'code',
  'choice',
  'cloze',
  'ordering',
  'matching',
  'dictation',
  'writing',
  'vocabulary',
];

/** A slug made from a title: lower case ASCII words joined by `-` (« Somme d’un tableau » → somme-d-un-tableau). */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** `base`, or `base-2`, `base-3`… whichever is not taken. */
export function uniqueSlug(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const root = base || 'element';
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

export function newLesson(taken: Iterable<string>): LessonDefinition {
  return {
    slug: uniqueSlug('nouvelle-lecon', taken),
    title: 'Nouvelle leçon',
    body: '',
    en: { title: 'New lesson' },
  };
}

export function emptySpec(kind: SpecKind): FullSpec {
  switch (kind) {
    case 'code':
      return { kind, language: 'javascript', starter: '', solution: '', visibleTests: '', hiddenTests: '' };
    case 'choice':
      return {
        kind,
        multiple: false,
        options: [
          { id: 'a', text: '', correct: true },
          { id: 'b', text: '', correct: false },
        ],
      };
    case 'cloze':
      return { kind, text: '', gaps: [] };
    case 'ordering':
      return { kind, unit: 'word', items: [] };
    case 'matching':
      return { kind, pairs: [] };
    case 'dictation':
      return { kind, text: '', lang: 'en-US' };
    case 'writing':
      return { kind, minWords: 30, maxWords: 120, rubric: [] };
    case 'vocabulary':
      return { kind, cards: [] };
  }
}

export function newExercise(kind: SpecKind, taken: Iterable<string>, lesson?: string): ExerciseDefinition {
  return {
    slug: uniqueSlug(`nouvel-exercice-${kind}`, taken),
    title: 'Nouvel exercice',
    ...(lesson ? { lesson } : {}),
    kind,
    prompt: '',
    en: { title: 'New exercise' },
    hints: [],
    maxScore: 1,
    spec: emptySpec(kind),
  };
}

/** The list with the item at `from` moved to `to` (in place, so the editor's state follows). */
export function move<T>(list: T[], from: number, to: number): void {
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || from === to) return;
  const [item] = list.splice(from, 1) as [T];
  list.splice(to, 0, item);
}

/** A new id for an option, a gap, an item…: the first of a, b, c… (then a1, b1…) not taken. */
export function nextId(taken: Iterable<string>, prefix = ''): string {
  const used = new Set(taken);
  for (let round = 0; ; round++) {
    for (const letter of 'abcdefghijklmnopqrstuvwxyz') {
      const id = `${prefix}${letter}${round === 0 ? '' : round}`;
      if (!used.has(id)) return id;
    }
  }
}

const GAP = /\[\[([A-Za-z0-9_-]+)\]\]/g;

/** The gap ids written `[[id]]` in a cloze text, in order, each once. */
export function clozeGapIds(text: string): string[] {
  return [...new Set([...text.matchAll(GAP)].map((m) => m[1]!))];
}

/**
 * The student's exercise page data for the API's preview of a draft exercise (its public view: no
 * answer key, no hidden test), with nothing of a student's own (no attempt, no draft, no neighbour).
 */
export function previewExercise(preview: StudioPreview, moduleSlug: string, moduleTitle: string): Exercise {
  return {
    id: `apercu-${preview.slug}`,
    slug: preview.slug,
    title: preview.title,
    kind: preview.kind,
    promptMd: preview.promptMd,
    ...(preview.hints[0] ? { hint: preview.hints[0] } : {}),
    hints: preview.hints,
    maxScore: preview.maxScore,
    moduleSlug,
    moduleTitle,
    previous: null,
    next: null,
    spec: preview.spec,
    draft: null,
    bestScore: null,
    attempts: 0,
  };
}
