// Student-facing grading messages, French by default and English on request. Results store them as keys
// (english.<name> and its arguments, see keyed()) and the API renders them in the reader's language.
import { feedback, type Feedback, type FeedbackArg, type Locale } from '@tremplin/contracts';

const fr = {
  malformed: 'La réponse est mal formée.',
  kindMismatch: (expected: string, got: string) =>
    `Cette réponse ne correspond pas à l'exercice : réponse de type « ${got} », exercice de type « ${expected} ».`,
  unknownOption: (id: string) => `Option inconnue : « ${id} ».`,
  duplicateOption: (id: string) => `Option choisie deux fois : « ${id} ».`,
  singleChoice: 'Une seule réponse est attendue.',
  unknownGap: (id: string) => `Trou inconnu : « ${id} ».`,
  orderLength: (expected: number, got: number) =>
    `L'ordre doit contenir chacun des ${expected} éléments une fois (${got} reçus).`,
  unknownItem: (id: string) => `Élément inconnu : « ${id} ».`,
  duplicateItem: (id: string) => `Élément placé deux fois : « ${id} ».`,
  unknownLeft: (id: string) => `Élément de gauche inconnu : « ${id} ».`,
  unknownRight: (id: string) => `Élément de droite inconnu : « ${id} ».`,
  rightTwice: (id: string) => `L'élément de droite « ${id} » est associé plusieurs fois.`,
  typo: (expected: string) => `Accepté, attention à l'orthographe : ${expected}`,
  youWrote: (typed: string) => `Vous avez écrit « ${typed} ».`,
  choiceRight: 'Bonne réponse.',
  choiceWrong: "Ce n'est pas la bonne réponse.",
  choiceMultiple: (found: number, total: number, wrong: number) =>
    `Bonnes réponses cochées : ${found} sur ${total} ; réponses fausses cochées : ${wrong}.`,
  cloze: (ok: number, total: number) => `Trous corrects : ${ok} sur ${total}.`,
  ordering: (ok: number, total: number) => `Éléments bien placés : ${ok} sur ${total}.`,
  matching: (ok: number, total: number) => `Paires correctes : ${ok} sur ${total}.`,
  dictation: (ok: number, total: number, extra: number) =>
    `Mots corrects : ${ok} sur ${total}.` + (extra > 0 ? ` Mots en trop : ${extra}.` : ''),
  writing: (found: number, total: number, points: string, max: string) =>
    `Critères trouvés : ${found} sur ${total} (${points} points sur ${max}).`,
  wordCount: (count: number, min: number, max: number, cap: number) =>
    `Votre texte compte ${count} mot${count > 1 ? 's' : ''} ; il en faut entre ${min} et ${max} : la note est plafonnée à ${cap} %.`,
  notEnglish: 'Votre texte ne semble pas écrit en anglais : rédigez-le en anglais.',
  review: 'Un correcteur relira votre texte.',
};

type Messages = typeof fr;

const en: Messages = {
  malformed: 'The answer is malformed.',
  kindMismatch: (expected, got) =>
    `This answer does not fit the exercise: a "${got}" answer for a "${expected}" exercise.`,
  unknownOption: (id) => `Unknown option: "${id}".`,
  duplicateOption: (id) => `Option chosen twice: "${id}".`,
  singleChoice: 'Only one answer is expected.',
  unknownGap: (id) => `Unknown gap: "${id}".`,
  orderLength: (expected, got) => `The order must hold each of the ${expected} items once (${got} received).`,
  unknownItem: (id) => `Unknown item: "${id}".`,
  duplicateItem: (id) => `Item placed twice: "${id}".`,
  unknownLeft: (id) => `Unknown left item: "${id}".`,
  unknownRight: (id) => `Unknown right item: "${id}".`,
  rightTwice: (id) => `The right item "${id}" is matched more than once.`,
  typo: (expected) => `Accepted, watch the spelling: ${expected}`,
  youWrote: (typed) => `You wrote "${typed}".`,
  choiceRight: 'Correct answer.',
  choiceWrong: 'That is not the right answer.',
  choiceMultiple: (found, total, wrong) =>
    `Correct answers ticked: ${found} of ${total}; wrong answers ticked: ${wrong}.`,
  cloze: (ok, total) => `Correct gaps: ${ok} of ${total}.`,
  ordering: (ok, total) => `Items in the right place: ${ok} of ${total}.`,
  matching: (ok, total) => `Correct pairs: ${ok} of ${total}.`,
  dictation: (ok, total, extra) =>
    `Correct words: ${ok} of ${total}.` + (extra > 0 ? ` Extra words: ${extra}.` : ''),
  writing: (found, total, points, max) =>
    `Criteria found: ${found} of ${total} (${points} of ${max} points).`,
  wordCount: (count, min, max, cap) =>
    `Your text has ${count} word${count === 1 ? '' : 's'}; between ${min} and ${max} are expected: the score is capped at ${cap}%.`,
  notEnglish: 'Your text does not look like English: write it in English.',
  review: 'A grader will review your text.',
};

/** The grading messages of a locale. */
export function messages(locale: Locale = 'fr'): Messages {
  return locale === 'en' ? en : fr;
}

/** The messages as keys: the same names and arguments, answering a Feedback to render later. */
type Keyed<M> = {
  [K in keyof M]: M[K] extends (...args: infer A) => string ? (...args: A) => Feedback : Feedback;
};
export type KeyedMessages = Keyed<Messages>;

const FAMILY = 'english';

function keyedOf(catalogue: Messages): KeyedMessages {
  const out: Record<string, unknown> = {};
  for (const [name, entry] of Object.entries(catalogue)) {
    const key = `${FAMILY}.${name}`;
    out[name] =
      typeof entry === 'function' ? (...args: FeedbackArg[]) => feedback(key, ...args) : feedback(key);
  }
  return out as KeyedMessages;
}

/** The grading messages as keys, for stored results. */
export const keyed: KeyedMessages = keyedOf(fr);

/** Renders an english.* message in a locale; undefined for a key of another family or an unknown name. */
export function renderEnglishMessage(message: Feedback, locale: Locale): string | undefined {
  const [family, name] = message.key.split('.');
  const catalogue = messages(locale) as unknown as Record<string, unknown>;
  if (family !== FAMILY || !name || !Object.hasOwn(catalogue, name)) return undefined;
  const entry = catalogue[name];
  if (typeof entry === 'string') return entry;
  return (entry as (...args: FeedbackArg[]) => string)(...(message.args ?? []));
}

export type { Messages };
