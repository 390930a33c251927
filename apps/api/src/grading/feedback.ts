// Rendering of stored results in the reader's language: each family of platform messages has one
// catalogue: english.* in @tremplin/content, grading.* below, and code.text, a message of the code grader
// (locale-neutral text whose keys @tremplin/grader renders).
import {
  feedback,
  type CodeResult,
  type StoredCodeResult,
  renderOutcome,
  type Feedback,
  type FeedbackRenderer,
  type GradeOutcome,
  type Locale,
  type StoredGradeOutcome,
} from '@tremplin/contracts';
import { renderEnglishMessage } from '@tremplin/content';
import { renderMessage } from '@tremplin/grader';

/** The grading pipeline's own messages (grading.*), French by default and English on request. */
const fr = {
  hiddenPass: 'Test caché réussi.',
  hiddenFail: 'Test caché échoué : vérifiez les cas limites de l’énoncé.',
  failed:
    "La correction n'a pas pu aboutir après plusieurs essais. Votre travail est conservé ; un correcteur a été prévenu.",
};

const en: typeof fr = {
  hiddenPass: 'Hidden test passed.',
  hiddenFail: 'Hidden test failed: check the edge cases of the instructions.',
  failed: 'Grading could not finish after several tries. Your work is kept; a grader has been told.',
};

type GradingMessage = keyof typeof fr;

/** A grading.* message, to store. */
export function gradingMessage(name: GradingMessage): Feedback {
  return feedback(`grading.${name}`);
}

/** A message of the code grader (a test's message or output, why a submission could not be graded), to store. */
export function codeText(text: string): Feedback {
  return feedback('code.text', text);
}

function renderCodeText({ key, args }: Feedback, locale: Locale): string | undefined {
  return key === 'code.text' ? renderMessage(String(args?.[0] ?? ''), locale) : undefined;
}

function renderGradingMessage({ key }: Feedback, locale: Locale): string | undefined {
  const catalogue: Record<string, string> = locale === 'en' ? en : fr;
  const name = key.slice('grading.'.length);
  return key.startsWith('grading.') && Object.hasOwn(catalogue, name) ? catalogue[name] : undefined;
}

/** Renders any platform message in a locale (undefined for an unknown key). */
export function rendererFor(locale: Locale): FeedbackRenderer {
  return (message) =>
    renderEnglishMessage(message, locale) ??
    renderGradingMessage(message, locale) ??
    renderCodeText(message, locale);
}

/** A stored result as the reader sees it, in their language; a row stored before keys reads as it was. */
export function renderResult(stored: StoredCodeResult, locale: Locale): CodeResult;
export function renderResult(stored: StoredGradeOutcome, locale: Locale): GradeOutcome;
export function renderResult(stored: StoredGradeOutcome, locale: Locale): GradeOutcome {
  return renderOutcome(stored, rendererFor(locale));
}
