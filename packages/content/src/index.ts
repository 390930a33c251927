// @tremplin/content: the module format (files), its validation, public views, English grading and
// vocabulary scheduling. Server-side: full specs hold answer keys, never send them to a browser.

// Each schema is exported as a TypeBox value and, under the same name, as its static type.
export {
  ChoiceSpec,
  ClozeSpec,
  CodeLimits,
  CodeSpec,
  DictationSpec,
  ExerciseDefinition,
  FullSpec,
  LessonDefinition,
  MatchingSpec,
  ModuleDefinition,
  OrderingSpec,
  RubricAlternative,
  TypoTolerance,
  VocabularySpec,
  WritingSpec,
  type SpecKind,
} from './schema.ts';
export {
  ContentError,
  formatProblem,
  formatProblems,
  localizeProblems,
  problemMessage,
  type Problem,
} from './problems.ts';
export {
  MESSAGES,
  counted,
  renderMessage,
  type Lang,
  type ProblemCode,
  type ProblemParams,
} from './messages.ts';
export { loadModule, readModuleFolder, type ModuleRead } from './load.ts';
export {
  validateDefinition,
  validateModuleFolder,
  type FolderValidation,
  type ValidateOptions,
} from './validate-folder.ts';
export { validateModule } from './validate.ts';
export { validateCodeExercise, type CodeCheck, type CodeCheckOptions } from './validate-code.ts';
export { exportModule } from './export.ts';
export { canonicalJson, contentHash, exerciseHash } from './hash.ts';
export {
  importExercism,
  importExercismFiles,
  importIntoModule,
  type ExercismImport,
} from './import-exercism.ts';
export { moduleJsonSchema, moduleJsonSchemaText, SCHEMA_FILE, writeModuleJsonSchema } from './json-schema.ts';
export { DEMO_MODULES_DIR, loadDemoModules } from './demo.ts';
export { DICTATION_DEFAULTS, toPublicSpec, type PublicViewOptions } from './public-view.ts';
export { gradeAnswer, AnswerShapeError, type GradeOptions } from './grading/index.ts';
export { renderEnglishMessage } from './grading/messages.ts';
export { matchGap } from './grading/cloze.ts';
export { normalizeAnswer } from './text.ts';
export { CardState, newCardState, reviewCard, type ReviewRating } from './vocabulary.ts';
