// The full, server-side shape of a module: the loaded definition (answer keys included: it never goes to
// a browser) and the on-disk format of module.json, where long texts and code live in separate files.
import { Type, type Static, type TSchema } from 'typebox';
import { CodeLanguage, Discipline, ExerciseKind } from '@tremplin/contracts';

/** Objects reject unknown keys so that a typo in module.json (`promtFile`) is reported, not ignored. */
const strict = { additionalProperties: false } as const;

export const SLUG_PATTERN = '^[a-z0-9]+(?:-[a-z0-9]+)*$';
export const ID_PATTERN = '^[A-Za-z0-9_-]+$';

export const Slug = Type.String({ pattern: SLUG_PATTERN, maxLength: 80 });
/** Option, gap, item, pair, keyword and card ids; gap ids appear in `[[id]]`, hence the small alphabet. */
export const ItemId = Type.String({ pattern: ID_PATTERN, maxLength: 40 });
const Text = Type.String({ minLength: 1 });

/** 'auto': by length (0 below 4 letters, 1 up to 9, 2 from 10); a number: that edit distance for every word. */
export const TypoTolerance = Type.Enum(['auto', 0, 1, 2]);
export type TypoTolerance = Static<typeof TypoTolerance>;

/**
 * The grader's GradeLimits. The time and memory limits may raise the grader's defaults up to the
 * platform's ceiling, which is configuration: validateCodeExercise checks them against it. Output and
 * source sizes can only tighten the defaults.
 */
export const CodeLimits = Type.Object(
  {
    cpuMsPerTest: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    cpuMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    wallMs: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    memoryMb: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    outputChars: Type.Optional(Type.Integer({ minimum: 1 })),
    maxSourceBytes: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);
export type CodeLimits = Static<typeof CodeLimits>;

// ---------- Specs, without their kind (as written in module.json) ----------

const CodeSpecBody = {
  language: CodeLanguage,
  starter: Type.String(),
  solution: Type.String(),
  visibleTests: Type.String(),
  hiddenTests: Type.String(),
  limits: Type.Optional(CodeLimits),
  /**
   * How similar (0 to 1, Dolos's measure over winnowed fingerprints) two learners' submissions must
   * be to be flagged for a grader; default 0.65 (the similarity engine's). Raise it for short exercises with few ways to write them.
   */
  similarityThreshold: Type.Optional(Type.Number({ minimum: 0.3, maximum: 1 })),
};

const ChoiceSpecBody = {
  multiple: Type.Boolean(),
  options: Type.Array(
    Type.Object(
      { id: ItemId, text: Text, correct: Type.Boolean(), feedback: Type.Optional(Type.String()) },
      strict,
    ),
  ),
};

const ClozeSpecBody = {
  /** Gaps written `[[id]]`. */
  text: Text,
  gaps: Type.Array(
    Type.Object(
      {
        id: ItemId,
        answers: Type.Array(Text, { minItems: 1 }),
        caseSensitive: Type.Optional(Type.Boolean()),
        typoTolerance: Type.Optional(TypoTolerance),
        feedback: Type.Optional(Type.String()),
      },
      strict,
    ),
  ),
};

const OrderingSpecBody = {
  unit: Type.Enum(['word', 'sentence']),
  /** In the correct order. */
  items: Type.Array(Type.Object({ id: ItemId, text: Text }, strict)),
  /** Other accepted orders, as lists of item ids. */
  alternatives: Type.Optional(Type.Array(Type.Array(ItemId))),
};

const MatchingSpecBody = {
  pairs: Type.Array(Type.Object({ id: ItemId, left: Text, right: Text }, strict)),
};

const DictationSpecBody = {
  text: Text,
  /** BCP 47 voice language. */
  lang: Type.String({ pattern: '^[a-z]{2,3}(?:-[A-Z]{2})?$' }),
  maxPlays: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
  defaultRate: Type.Optional(Type.Number({ minimum: 0.5, maximum: 2 })),
  typoTolerance: Type.Optional(TypoTolerance),
};

export const RubricAlternative = Type.Object(
  { type: Type.Enum(['word', 'wildcard', 'regex']), value: Text },
  strict,
);
export type RubricAlternative = Static<typeof RubricAlternative>;

const WritingSpecBody = {
  /** The language the text is written in: English (the default; a text with little English goes to review) or French. */
  language: Type.Optional(Type.Enum(['en', 'fr'])),
  excerpt: Type.Optional(Type.String()),
  minWords: Type.Integer({ minimum: 1 }),
  maxWords: Type.Integer({ minimum: 1 }),
  rubric: Type.Array(
    Type.Object(
      {
        id: ItemId,
        label: Text,
        alternatives: Type.Array(RubricAlternative, { minItems: 1 }),
        points: Type.Number({ exclusiveMinimum: 0 }),
        feedbackMissing: Type.Optional(Type.String()),
        feedbackFound: Type.Optional(Type.String()),
      },
      strict,
    ),
    { minItems: 1 },
  ),
  passRatio: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1 })),
};

/** One vocabulary card: the English term, its French gloss, an example sentence, tags and the text read aloud. */
export const VocabularyCard = Type.Object(
  {
    id: ItemId,
    term: Text,
    gloss: Text,
    example: Text,
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }))),
    /** What the device's voice reads for this card (default: the term). */
    audio: Type.Optional(Text),
  },
  strict,
);
export type VocabularyCard = Static<typeof VocabularyCard>;

const VocabularySpecBody = {
  cards: Type.Array(VocabularyCard, { minItems: 1 }),
};

// ---------- Full specs (loaded: they carry their kind, so grading and views need nothing else) ----------

const withKind = <K extends string, P extends Record<string, TSchema>>(kind: K, body: P) =>
  Type.Object({ kind: Type.Literal(kind), ...body }, strict);

export const CodeSpec = withKind('code', CodeSpecBody);
export const ChoiceSpec = withKind('choice', ChoiceSpecBody);
export const ClozeSpec = withKind('cloze', ClozeSpecBody);
export const OrderingSpec = withKind('ordering', OrderingSpecBody);
export const MatchingSpec = withKind('matching', MatchingSpecBody);
export const DictationSpec = withKind('dictation', DictationSpecBody);
export const WritingSpec = withKind('writing', WritingSpecBody);
export const VocabularySpec = withKind('vocabulary', VocabularySpecBody);

export type CodeSpec = Static<typeof CodeSpec>;
export type ChoiceSpec = Static<typeof ChoiceSpec>;
export type ClozeSpec = Static<typeof ClozeSpec>;
export type OrderingSpec = Static<typeof OrderingSpec>;
export type MatchingSpec = Static<typeof MatchingSpec>;
export type DictationSpec = Static<typeof DictationSpec>;
export type WritingSpec = Static<typeof WritingSpec>;
export type VocabularySpec = Static<typeof VocabularySpec>;

export const FullSpec = Type.Union([
  CodeSpec,
  ChoiceSpec,
  ClozeSpec,
  OrderingSpec,
  MatchingSpec,
  DictationSpec,
  WritingSpec,
  VocabularySpec,
]);
export type FullSpec = Static<typeof FullSpec>;
export type SpecKind = FullSpec['kind'];

/** Each kind's spec schema, to validate a spec against its exercise's kind (clearer errors than the union). */
export const SPEC_SCHEMAS: Record<SpecKind, TSchema> = {
  code: CodeSpec,
  choice: ChoiceSpec,
  cloze: ClozeSpec,
  ordering: OrderingSpec,
  matching: MatchingSpec,
  dictation: DictationSpec,
  writing: WritingSpec,
  vocabulary: VocabularySpec,
};

// ---------- Loaded definition ----------

/** The English version of a title (and, where given, of a text); French is the platform's first language. */
const English = <P extends Record<string, TSchema>>(texts: P) =>
  Type.Object({ title: Text, ...texts }, strict);

const Minutes = Type.Integer({ minimum: 1, maximum: 600 });

export const LessonDefinition = Type.Object(
  {
    slug: Slug,
    title: Text,
    body: Type.String(),
    en: English({ body: Type.Optional(Type.String()) }),
    /** Lessons to read first (slugs of earlier lessons of the module). */
    prerequisites: Type.Optional(Type.Array(Slug)),
    estimatedMinutes: Type.Optional(Minutes),
  },
  strict,
);
export type LessonDefinition = Static<typeof LessonDefinition>;

const exerciseFields = {
  slug: Slug,
  title: Text,
  /** The slug of the lesson it practises. */
  lesson: Type.Optional(Slug),
  kind: ExerciseKind,
  /** Instructions (Markdown). */
  prompt: Type.String(),
  en: English({ prompt: Type.Optional(Type.String()) }),
  /** Hints, shown one after another, the first the gentlest. */
  hints: Type.Array(Text),
  /** The exercise's points. */
  maxScore: Type.Number({ exclusiveMinimum: 0 }),
  estimatedMinutes: Type.Optional(Minutes),
};

export const ExerciseDefinition = Type.Object({ ...exerciseFields, spec: FullSpec }, strict);
export type ExerciseDefinition = Static<typeof ExerciseDefinition>;

const moduleFields = {
  slug: Slug,
  discipline: Discipline,
  title: Text,
  summary: Type.String(),
  en: English({ summary: Type.String() }),
};

export const ModuleDefinition = Type.Object(
  { ...moduleFields, lessons: Type.Array(LessonDefinition), exercises: Type.Array(ExerciseDefinition) },
  strict,
);
export type ModuleDefinition = Static<typeof ModuleDefinition>;

/** A definition whose specs are checked separately, each against its exercise's kind. */
export const ModuleShell = Type.Object(
  {
    ...moduleFields,
    lessons: Type.Array(LessonDefinition),
    exercises: Type.Array(Type.Object({ ...exerciseFields, spec: Type.Object({}) }, strict)),
  },
  strict,
);

// ---------- On-disk format (module.json) ----------

/** A path relative to the module folder. */
const FilePath = Type.String({ minLength: 1, maxLength: 200 });

const CodeSpecFile = Type.Object(
  {
    language: CodeLanguage,
    starterFile: FilePath,
    solutionFile: FilePath,
    visibleTestsFile: FilePath,
    hiddenTestsFile: FilePath,
    limits: Type.Optional(CodeLimits),
    /**
     * How similar (0 to 1, Dolos's measure over winnowed fingerprints) two learners' submissions must
     * be to be flagged for a grader; default 0.65 (the similarity engine's). Raise it for short exercises with few ways to write them.
     */
    similarityThreshold: Type.Optional(Type.Number({ minimum: 0.3, maximum: 1 })),
  },
  strict,
);
export type CodeSpecFile = Static<typeof CodeSpecFile>;

/** Each kind's spec schema as written in module.json (no kind: the exercise gives it). */
/**
 * A vocabulary exercise's cards, inline or in a deck file: a CSV file (UTF-8, `,` or `;`) with the header
 * `id,term,gloss,example,tags,audio`, tags separated by `|`, the last two columns optional.
 */
const VocabularySpecFile = Type.Union([
  Type.Object(VocabularySpecBody, strict),
  Type.Object({ deckFile: FilePath }, strict),
]);

export const FILE_SPEC_SCHEMAS: Record<SpecKind, TSchema> = {
  code: CodeSpecFile,
  choice: Type.Object(ChoiceSpecBody, strict),
  cloze: Type.Object(ClozeSpecBody, strict),
  ordering: Type.Object(OrderingSpecBody, strict),
  matching: Type.Object(MatchingSpecBody, strict),
  dictation: Type.Object(DictationSpecBody, strict),
  writing: Type.Object(WritingSpecBody, strict),
  vocabulary: VocabularySpecFile,
};

export const ExerciseFile = Type.Object(
  {
    slug: Slug,
    title: Text,
    lesson: Type.Optional(Slug),
    kind: ExerciseKind,
    prompt: Type.Optional(Type.String()),
    promptFile: Type.Optional(FilePath),
    en: Type.Object(
      {
        title: Text,
        prompt: Type.Optional(Type.String()),
        promptFile: Type.Optional(FilePath),
      },
      strict,
    ),
    /** One hint; `hints` gives several. */
    hint: Type.Optional(Text),
    hints: Type.Optional(Type.Array(Text)),
    maxScore: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    estimatedMinutes: Type.Optional(Minutes),
    spec: Type.Object({}),
  },
  strict,
);
export type ExerciseFile = Static<typeof ExerciseFile>;

export const ModuleFile = Type.Object(
  {
    /** The JSON Schema an editor checks the file with (`../../module.schema.json`); ignored when loading. */
    $schema: Type.Optional(Type.String()),
    ...moduleFields,
    lessons: Type.Array(
      Type.Object(
        {
          slug: Slug,
          title: Text,
          file: FilePath,
          en: Type.Object({ title: Text, file: Type.Optional(FilePath) }, strict),
          prerequisites: Type.Optional(Type.Array(Slug)),
          estimatedMinutes: Type.Optional(Minutes),
        },
        strict,
      ),
    ),
    exercises: Type.Array(ExerciseFile),
  },
  strict,
);
export type ModuleFile = Static<typeof ModuleFile>;
