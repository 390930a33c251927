import type {
  ExerciseDefinition,
  FullSpec,
  LessonDefinition,
  ModuleDefinition,
  SpecKind,
} from '@tremplin/content';
import type { Exercise, PublicSpec } from '#lib/api/types.ts';

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

/** Tests of a Jest-style file, counted roughly (what the student is told: "n hidden tests"). */
export function countTests(source: string): number {
  const code = source.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, ' ');
  return [...code.matchAll(/(?<![\w$.])(?:x|f)?(?:it|test)(?:\.only)?\s*\(/g)].length;
}

const GAP = /\[\[([A-Za-z0-9_-]+)\]\]/g;

/** The gap ids written `[[id]]` in a cloze text, in order, each once. */
export function clozeGapIds(text: string): string[] {
  return [...new Set([...text.matchAll(GAP)].map((m) => m[1]!))];
}

/** A deterministic shuffle that is never the given order (the answer) when it can avoid it. */
function shuffled<T>(items: readonly T[]): T[] {
  if (items.length < 2) return [...items];
  // Reversed then rotated by one: simple, stable, and never the original order for 2+ distinct items.
  const out = [...items].reverse();
  out.push(out.shift()!);
  return items.length === 2 ? [...items].reverse() : out;
}

/**
 * The spec as the student's page receives it, from the draft: the same fields the API's public view
 * has (no correct flag, no solution, no hidden test), items shown in an order that is not the answer.
 */
export function previewSpec(spec: FullSpec): PublicSpec {
  switch (spec.kind) {
    case 'code':
      return {
        kind: 'code',
        language: spec.language,
        starter: spec.starter,
        visibleTests: spec.visibleTests,
        hiddenTestCount: countTests(spec.hiddenTests),
        maxSourceBytes: spec.limits?.maxSourceBytes ?? 64 * 1024,
      };
    case 'choice':
      return {
        kind: 'choice',
        multiple: spec.multiple,
        options: spec.options.map(({ id, text }) => ({ id, text })),
      };
    case 'cloze': {
      const sizes = new Map(
        spec.gaps.map((g) => [g.id, Math.max(1, ...g.answers.map((a) => [...a].length))]),
      );
      const segments: Extract<PublicSpec, { kind: 'cloze' }>['segments'] = [];
      let last = 0;
      for (const m of spec.text.matchAll(GAP)) {
        if (m.index > last) segments.push({ type: 'text', text: spec.text.slice(last, m.index) });
        segments.push({ type: 'gap', id: m[1]!, size: sizes.get(m[1]!) ?? 1 });
        last = m.index + m[0].length;
      }
      if (last < spec.text.length) segments.push({ type: 'text', text: spec.text.slice(last) });
      return { kind: 'cloze', segments };
    }
    case 'ordering':
      return {
        kind: 'ordering',
        unit: spec.unit,
        items: shuffled(spec.items.map(({ id, text }) => ({ id, text }))),
      };
    case 'matching':
      return {
        kind: 'matching',
        left: spec.pairs.map((p) => ({ id: `l-${p.id}`, text: p.left })),
        right: shuffled(spec.pairs.map((p) => ({ id: `r-${p.id}`, text: p.right }))),
      };
    case 'dictation':
      return {
        kind: 'dictation',
        lang: spec.lang,
        defaultRate: spec.defaultRate ?? 0.9,
        maxPlays: spec.maxPlays ?? 3,
        playsUsed: 0,
      };
    case 'writing':
      return {
        kind: 'writing',
        ...(spec.excerpt !== undefined ? { excerptMd: spec.excerpt } : {}),
        minWords: spec.minWords,
        maxWords: spec.maxWords,
      };
    case 'vocabulary':
      return {
        kind: 'vocabulary',
        cards: spec.cards.map(({ id, term, gloss, example }) => ({ id, term, gloss, example })),
      };
  }
}

/** The student's exercise page data for a draft exercise (no attempts, no draft, no neighbours). */
export function previewExercise(
  module: ModuleDefinition,
  exercise: ExerciseDefinition,
  locale: 'fr' | 'en',
): Exercise {
  const english = locale === 'en';
  return {
    id: `apercu-${exercise.slug}`,
    slug: exercise.slug,
    title: english ? exercise.en.title || exercise.title : exercise.title,
    kind: exercise.kind,
    promptMd: english && exercise.en.prompt ? exercise.en.prompt : exercise.prompt,
    ...(exercise.hints[0] ? { hint: exercise.hints[0] } : {}),
    maxScore: exercise.maxScore,
    moduleSlug: module.slug,
    moduleTitle: english ? module.en.title || module.title : module.title,
    previous: null,
    next: null,
    spec: previewSpec(exercise.spec),
    draft: null,
    bestScore: null,
    attempts: 0,
  };
}
