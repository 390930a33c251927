// The import's problems in the coordinator's language: a stable code, a message per language.

export type Locale = 'fr' | 'en';

export const IMPORT_MESSAGES = {
  'not-utf8': {
    fr: "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis votre tableur.",
    en: 'The file is not UTF-8: save it as "CSV UTF-8" from your spreadsheet.',
  },
  'empty-file': { fr: 'Le fichier est vide.', en: 'The file is empty.' },
  'malformed-csv': {
    fr: 'Le fichier CSV est mal formé (un guillemet ouvert jamais fermé ?).',
    en: 'The CSV file is malformed (a quote opened and never closed?).',
  },
  'missing-column': {
    fr: 'La colonne « {column} » manque dans la ligne d’en-tête.',
    en: 'The column "{column}" is missing from the header line.',
  },
  'missing-field': { fr: 'Le champ « {column} » est vide.', en: 'The field "{column}" is empty.' },
  'too-long': {
    fr: 'Le champ « {column} » dépasse {max} caractères.',
    en: 'The field "{column}" is longer than {max} characters.',
  },
  'invalid-email': {
    fr: '« {value} » n’est pas une adresse e-mail valide.',
    en: '"{value}" is not a valid e-mail address.',
  },
  'unknown-university': {
    fr: 'Université inconnue : « {value} » (attendu : {known}).',
    en: 'Unknown university: "{value}" (expected: {known}).',
  },
  'unknown-cohort': {
    fr: 'Cohorte inconnue : « {value} » (attendu : {known}).',
    en: 'Unknown cohort: "{value}" (expected: {known}).',
  },
  'duplicate-in-file': {
    fr: 'L’adresse {value} apparaît aussi ligne {other}.',
    en: 'The address {value} also appears on line {other}.',
  },
  'already-exists': {
    fr: 'Un compte existe déjà avec l’adresse {value}.',
    en: 'An account already exists with the address {value}.',
  },
  'unknown-account': {
    fr: 'Aucun compte avec l’adresse {value}.',
    en: 'No account with the address {value}.',
  },
  'not-learner-or-tutor': {
    fr: 'Le compte {value} n’est ni apprenant de cette cohorte ni tuteur : il ne peut pas être affecté à ce groupe.',
    en: 'The account {value} is neither a learner of this cohort nor a tutor: it cannot be assigned to this group.',
  },
  'already-in-group': {
    fr: 'Le compte {value} est déjà dans le groupe « {group} ».',
    en: 'The account {value} is already in the group "{group}".',
  },
  'group-other-university': {
    fr: 'Le groupe « {group} » appartient à {university}, pas à {expected}.',
    en: 'The group "{group}" belongs to {university}, not to {expected}.',
  },
  'unknown-group': {
    fr: 'Le groupe « {group} » n’existe pas dans cette cohorte : indiquez son université pour le créer.',
    en: 'The group "{group}" does not exist in this cohort: give its university to create it.',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export type ImportIssueCode = keyof typeof IMPORT_MESSAGES;

/** The message of a problem, its `{params}` filled in. */
export function importMessage(
  code: ImportIssueCode,
  params: Record<string, string | number>,
  locale: Locale,
): string {
  return IMPORT_MESSAGES[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
