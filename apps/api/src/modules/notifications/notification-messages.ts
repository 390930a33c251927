// A notification is stored as a kind and its parameters, and rendered here, when it is read, in the
// reader's language, with the page of the web app it leads to.
import type { Locale, Notification, ReviewDecision } from '@tremplin/contracts';
import type { NotificationRow } from '@tremplin/db';

/**
 * The parameters a notification's writer stores in `data` (all optional: what is missing is left
 * out of the message). Scores are points, as stored on the submission.
 */
export interface NotificationData {
  submissionId?: string;
  exerciseId?: string;
  flagId?: string;
  /** The learner whose submission it is (misconduct: the one the tutor or coordinator reads about). */
  learnerId?: string;
  learnerName?: string;
  before?: number | null;
  after?: number | null;
  maxScore?: number;
  decision?: ReviewDecision;
  comment?: string;
  /** Who it was written for, when one person may be several (a tutor who coordinates). */
  audience?: 'learner' | 'tutor' | 'coordination';
}

export interface Reader {
  id: string;
  roles: ReadonlySet<string>;
}

const DECISIONS: Record<Locale, Record<ReviewDecision, string>> = {
  fr: {
    confirmed: 'note confirmée',
    overridden: 'note modifiée',
    misconduct: 'fraude retenue',
    dismissed: 'classée sans suite',
    accepted: 'réponse acceptée',
  },
  en: {
    confirmed: 'grade confirmed',
    overridden: 'grade changed',
    misconduct: 'misconduct found',
    dismissed: 'dismissed',
    accepted: 'answer accepted',
  },
};

const TEXT = {
  fr: {
    exercise: 'l’exercice',
    learner: 'un apprenant',
    quote: (title: string) => `« ${title} »`,
    gradeChanged: (ex: string, before: string, after: string) =>
      `Votre note à ${ex} est passée de ${before} à ${after}`,
    reviewDecided: (ex: string, decision: string) =>
      `Votre contestation sur ${ex} a été examinée : ${decision}`,
    misconduct: (learner: string, ex: string) => `Fraude retenue pour ${learner} sur ${ex}`,
    ownMisconduct: (ex: string) => `Fraude retenue sur votre soumission à ${ex}`,
    because: (text: string, comment: string) => `${text} : ${comment}`,
    none: '—',
  },
  en: {
    exercise: 'the exercise',
    learner: 'a learner',
    quote: (title: string) => `“${title}”`,
    gradeChanged: (ex: string, before: string, after: string) =>
      `Your grade on ${ex} went from ${before} to ${after}`,
    reviewDecided: (ex: string, decision: string) => `Your appeal on ${ex} was reviewed: ${decision}`,
    misconduct: (learner: string, ex: string) => `Misconduct found for ${learner} on ${ex}`,
    ownMisconduct: (ex: string) => `Misconduct found on your submission to ${ex}`,
    because: (text: string, comment: string) => `${text}: ${comment}`,
    none: '—',
  },
} satisfies Record<Locale, unknown>;

function score(value: number | null | undefined, max: number | undefined, locale: Locale): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return TEXT[locale].none;
  const format = (n: number) =>
    n.toLocaleString(locale === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 2 });
  return max !== undefined && Number.isFinite(max) ? `${format(value)}/${format(max)}` : format(value);
}

function audienceOf(data: NotificationData, reader: Reader): 'learner' | 'tutor' | 'coordination' | 'grader' {
  if (data.audience) return data.audience;
  if (data.learnerId === undefined || data.learnerId === reader.id) return 'learner';
  if (reader.roles.has('grader') || reader.roles.has('admin')) return 'grader';
  if (reader.roles.has('coordinator')) return 'coordination';
  return 'tutor';
}

function hrefOf(kind: Notification['kind'], data: NotificationData, reader: Reader): string | null {
  const learnerPage = data.exerciseId ? `/etudiant/exercices/${data.exerciseId}` : null;
  if (kind !== 'misconduct') return learnerPage;
  switch (audienceOf(data, reader)) {
    case 'learner':
      return learnerPage;
    case 'tutor':
      return data.learnerId ? `/tuteur/apprenants/${data.learnerId}` : null;
    case 'grader':
      return data.flagId ? `/correcteur/${data.flagId}` : '/coordination/journal';
    case 'coordination':
      return '/coordination/journal';
  }
}

/**
 * Renders a stored notification for its reader: the message in their language and where it leads.
 * `exerciseTitle` is the exercise's title in that language, when the data names one that exists.
 */
export function renderNotification(
  row: Pick<NotificationRow, 'id' | 'kind' | 'data' | 'createdAt' | 'readAt'>,
  reader: Reader,
  locale: Locale,
  exerciseTitle: string | undefined,
): Notification {
  const data = (row.data ?? {}) as NotificationData;
  const t = TEXT[locale];
  const exercise = exerciseTitle ? t.quote(exerciseTitle) : t.exercise;
  let message: string;
  switch (row.kind) {
    case 'grade.changed':
      message = t.gradeChanged(
        exercise,
        score(data.before, data.maxScore, locale),
        score(data.after, data.maxScore, locale),
      );
      break;
    case 'review.decided':
      message = t.reviewDecided(
        exercise,
        data.decision && Object.hasOwn(DECISIONS[locale], data.decision)
          ? DECISIONS[locale][data.decision]
          : t.none,
      );
      break;
    case 'misconduct':
      message =
        audienceOf(data, reader) === 'learner'
          ? t.ownMisconduct(exercise)
          : t.misconduct(data.learnerName ?? t.learner, exercise);
      break;
  }
  const comment = typeof data.comment === 'string' ? data.comment.trim() : '';
  return {
    id: row.id,
    kind: row.kind,
    message: comment ? t.because(message, comment) : `${message}.`,
    href: hrefOf(row.kind, data, reader),
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}
