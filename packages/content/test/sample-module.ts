// A small valid module with one exercise of every kind, for tests to start from and break one rule at a time.
import type {
  ChoiceSpec,
  ClozeSpec,
  CodeSpec,
  DictationSpec,
  ExerciseDefinition,
  FullSpec,
  MatchingSpec,
  ModuleDefinition,
  OrderingSpec,
  VocabularySpec,
  WritingSpec,
} from '../src/index.ts';

export const codeSpec = (): CodeSpec => ({
  kind: 'code',
  language: 'javascript',
  starter: 'export function double(n) {\n  return n;\n}\n',
  solution: 'export function double(n) {\n  return n * 2;\n}\n',
  visibleTests: "import { double } from './double';\ntest('double 2', () => expect(double(2)).toBe(4));\n",
  hiddenTests:
    "import { double } from './double';\ntest('double 0', () => expect(double(0)).toBe(0));\n" +
    "it('double -3', () => expect(double(-3)).toBe(-6));\n",
});

export const choiceSpec = (): ChoiceSpec => ({
  kind: 'choice',
  multiple: false,
  options: [
    { id: 'a', text: 'returns', correct: true, feedback: 'Yes: returns.' },
    { id: 'b', text: 'return', correct: false, feedback: 'Third person: add an s.' },
    { id: 'c', text: 'returned', correct: false },
  ],
});

export const multipleSpec = (): ChoiceSpec => ({
  kind: 'choice',
  multiple: true,
  options: [
    { id: 'a', text: 'branch', correct: true },
    { id: 'b', text: 'merge', correct: true, feedback: 'merge is a git verb' },
    { id: 'c', text: 'banana', correct: false, feedback: 'not a git word' },
    { id: 'd', text: 'commit', correct: true },
  ],
});

export const clozeSpec = (): ClozeSpec => ({
  kind: 'cloze',
  text: 'The function [[g1]] a [[g2]] value, or [[g3]].',
  gaps: [
    { id: 'g1', answers: ['returns', 'gives back'], feedback: 'returns = renvoie' },
    { id: 'g2', answers: ['boolean'] },
    { id: 'g3', answers: ['undefined', 'null'] },
  ],
});

export const orderingSpec = (): OrderingSpec => ({
  kind: 'ordering',
  unit: 'word',
  items: [
    { id: 'w1', text: 'run' },
    { id: 'w2', text: 'the' },
    { id: 'w3', text: 'tests' },
    { id: 'w4', text: 'before' },
    { id: 'w5', text: 'the' },
    { id: 'w6', text: 'merge' },
  ],
  alternatives: [['w4', 'w5', 'w6', 'w1', 'w2', 'w3']],
});

export const matchingSpec = (): MatchingSpec => ({
  kind: 'matching',
  pairs: [
    { id: 'p1', left: 'branch', right: 'branche' },
    { id: 'p2', left: 'repository', right: 'dépôt' },
    { id: 'p3', left: 'to merge', right: 'fusionner' },
  ],
});

export const dictationSpec = (): DictationSpec => ({
  kind: 'dictation',
  text: 'Run the tests, then deploy the application.',
  lang: 'en-US',
});

export const writingSpec = (): WritingSpec => ({
  kind: 'writing',
  excerpt: 'The sign-up form crashes when the password is empty.',
  minWords: 4,
  maxWords: 20,
  rubric: [
    {
      id: 'verb',
      label: 'Imperative verb',
      alternatives: [{ type: 'regex', value: '^\\s*(fix|prevent|handle)\\b' }],
      points: 2,
      feedbackFound: 'Good imperative verb.',
      feedbackMissing: 'Start with an imperative verb.',
    },
    {
      id: 'password',
      label: 'Mentions the password',
      alternatives: [
        { type: 'word', value: 'password' },
        { type: 'word', value: 'passphrase' },
      ],
      points: 1,
    },
    {
      id: 'crash',
      label: 'Says it crashed',
      alternatives: [{ type: 'wildcard', value: 'crash*' }],
      points: 1,
    },
  ],
});

export const vocabularySpec = (): VocabularySpec => ({
  kind: 'vocabulary',
  cards: [
    { id: 'branch', term: 'branch', gloss: 'branche', example: 'Create a branch.' },
    { id: 'merge', term: 'to merge', gloss: 'fusionner', example: 'Merge the pull request.' },
  ],
});

function exercise(slug: string, spec: FullSpec, extra: Partial<ExerciseDefinition> = {}): ExerciseDefinition {
  return {
    slug,
    title: `Exercise ${slug}`,
    kind: spec.kind,
    prompt: `Do ${slug}.`,
    en: { title: `Exercise ${slug} (en)` },
    hints: [],
    maxScore: 1,
    spec,
    ...extra,
  };
}

/** A valid module; every call returns a fresh copy that a test may change. */
export function sampleModule(): ModuleDefinition {
  return {
    slug: 'sample',
    discipline: 'english',
    title: 'Sample',
    summary: 'A module of every kind.',
    en: { title: 'Sample (en)', summary: 'A module of every kind (en).' },
    lessons: [
      {
        slug: 'first',
        title: 'First lesson',
        body: '# First\n\n```js\nconst a = 1;\n```\n',
        en: { title: 'First lesson (en)' },
      },
      { slug: 'second', title: 'Second lesson', body: '# Second\n', en: { title: 'Second lesson (en)' } },
    ],
    exercises: [
      exercise('code', codeSpec(), { lesson: 'first', hints: ['Multiply.'], maxScore: 2 }),
      exercise('choice', choiceSpec(), { lesson: 'second' }),
      exercise('multiple', multipleSpec()),
      exercise('cloze', clozeSpec(), { prompt: 'Fill the gaps.\n\nUse the lesson words.' }),
      exercise('ordering', orderingSpec()),
      exercise('matching', matchingSpec()),
      exercise('dictation', dictationSpec()),
      exercise('writing', writingSpec()),
      exercise('vocabulary', vocabularySpec()),
    ],
  };
}

/** The spec of the sample module's exercise `slug`, typed by kind, for a test to change in place. */
export function specOf<K extends FullSpec['kind']>(
  mod: ModuleDefinition,
  slug: string,
  _kind: K,
): Extract<FullSpec, { kind: K }> {
  const ex = mod.exercises.find((e) => e.slug === slug);
  if (!ex) throw new Error(`no exercise ${slug}`);
  return ex.spec as Extract<FullSpec, { kind: K }>;
}
