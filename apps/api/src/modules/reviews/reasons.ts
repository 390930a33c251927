// Why a flag is in the queue, in the reader's language: machine sources are rendered from what
// they measured (`details`), people's flags (tutor, appeal) keep their own words.
import type { FlagSource, Locale } from '@tremplin/contracts';

type Details = Record<string, unknown>;

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const percent = (value: number, locale: Locale) =>
  new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 0 }).format(
    value * 100,
  );
const seconds = (ms: number) => Math.round(ms / 1000);

const LIMIT_WORDS: Record<Locale, Record<string, string>> = {
  fr: { timeout: 'limite de temps', memory: 'limite de mémoire' },
  en: { timeout: 'time limit', memory: 'memory limit' },
};

function sandboxReason(details: Details, locale: Locale): string | undefined {
  if (details.kind === 'hidden-limit' && Array.isArray(details.tests)) {
    const tests = (details.tests as Array<{ name?: unknown; status?: unknown }>).map((t) => {
      const status = String(t.status ?? '');
      return `« ${String(t.name ?? '?')} » (${LIMIT_WORDS[locale][status] ?? status})`;
    });
    return locale === 'en'
      ? `Visible tests pass but hidden tests hit a limit: ${tests.join(', ')}.`
      : `Les tests visibles passent mais des tests cachés atteignent une limite : ${tests.join(', ')}.`;
  }
  if (details.kind === 'repeated-errors') {
    const count = num(details.count);
    return locale === 'en'
      ? `The last ${count} submissions on this exercise all ended in an error.`
      : `Les ${count} dernières soumissions sur cet exercice se sont toutes terminées en erreur.`;
  }
  return undefined;
}

function pasteReason(details: Details, locale: Locale): string | undefined {
  if (details.chars === undefined) return undefined;
  const chars = num(details.chars);
  const codeChars = num(details.codeChars);
  const share = codeChars > 0 ? percent(Math.min(1, chars / codeChars), locale) : '?';
  const after = seconds(num(details.msSinceOpen));
  return locale === 'en'
    ? `A paste of ${chars} characters (${share} % of the code) into an empty editor ${after} s after opening the exercise, then every test passed.`
    : `Un collage de ${chars} caractères (${share} % du code) dans un éditeur vide ${after} s après l’ouverture de l’exercice, puis tous les tests réussis.`;
}

function lowConfidenceReason(details: Details, locale: Locale): string | undefined {
  if (!Array.isArray(details.items)) return undefined;
  const uncertain = (details.items as Array<{ id?: unknown }>).map((i) => String(i.id ?? '?'));
  return locale === 'en'
    ? `The automatic grading of this answer is uncertain (to check: ${uncertain.join(', ')}); score ${num(details.score)}/${num(details.maxScore)}.`
    : `La correction automatique de cette réponse est incertaine (à vérifier : ${uncertain.join(', ')}) ; note ${num(details.score)}/${num(details.maxScore)}.`;
}

function similarityReason(similarity: number | null, details: Details, locale: Locale): string {
  const regions = Array.isArray(details.regions) ? details.regions.length : 0;
  const value = percent(similarity ?? 0, locale);
  return locale === 'en'
    ? `Code ${value} % similar to another learner's submission (matching regions: ${regions}).`
    : `Code similaire à ${value} % à la soumission d’un autre apprenant (régions concordantes : ${regions}).`;
}

/** The reason shown in the queue and on the review page. */
export function renderReason(
  flag: { source: FlagSource; reason: string; details: unknown; similarity: number | null },
  locale: Locale,
): string {
  const details = (flag.details ?? {}) as Details;
  let rendered: string | undefined;
  switch (flag.source) {
    case 'similarity':
      rendered = similarityReason(flag.similarity, details, locale);
      break;
    case 'sandbox':
      rendered = sandboxReason(details, locale);
      break;
    case 'paste':
      rendered = pasteReason(details, locale);
      break;
    case 'low_confidence':
      rendered = lowConfidenceReason(details, locale);
      break;
    case 'tutor':
    case 'appeal':
      return flag.reason;
  }
  return rendered ?? flag.reason;
}
