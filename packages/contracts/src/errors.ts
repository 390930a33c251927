import { Type, type Static } from 'typebox';
import type { Locale } from './common.ts';

/** The body of every expected error the API answers. */
export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String()),
});
export type ErrorBody = Static<typeof ErrorBody>;

interface ErrorDefinition {
  status: number;
  fr: string;
  en: string;
}

/** The catalog of expected errors: a stable code, an HTTP status and a message per language. */
export const ERRORS = {
  TREMPLIN_ERR_VALIDATION: {
    status: 400,
    fr: 'La requête est invalide : {detail}',
    en: 'The request is invalid: {detail}',
  },
  TREMPLIN_ERR_MALFORMED_JSON: {
    status: 400,
    fr: "Le corps de la requête n'est pas un JSON valide.",
    en: 'The request body is not valid JSON.',
  },
  TREMPLIN_ERR_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    fr: "Ce type de contenu n'est pas accepté : envoyez du JSON.",
    en: 'This content type is not accepted: send JSON.',
  },
  TREMPLIN_ERR_BODY_TOO_LARGE: {
    status: 413,
    fr: 'Le corps de la requête est trop volumineux (maximum {limit} octets).',
    en: 'The request body is too large (at most {limit} bytes).',
  },
  TREMPLIN_ERR_BAD_REQUEST: {
    status: 400,
    fr: 'La requête est mal formée.',
    en: 'The request is malformed.',
  },
  TREMPLIN_ERR_BAD_URL: {
    status: 400,
    fr: "L'adresse demandée est mal encodée.",
    en: 'The requested address is badly encoded.',
  },
  TREMPLIN_ERR_METHOD_NOT_ALLOWED: {
    status: 405,
    fr: "Cette action n'est pas permise à cette adresse.",
    en: 'This action is not allowed at this address.',
  },
  TREMPLIN_ERR_NOT_ACCEPTABLE: {
    status: 406,
    fr: 'Le serveur ne peut pas répondre dans le format demandé.',
    en: 'The server cannot answer in the requested format.',
  },
  TREMPLIN_ERR_REQUEST_TIMEOUT: {
    status: 408,
    fr: 'La requête a mis trop de temps à arriver : vérifiez votre connexion et réessayez.',
    en: 'The request took too long to arrive: check your connection and try again.',
  },
  TREMPLIN_ERR_CONFLICT: {
    status: 409,
    fr: "La requête est en conflit avec l'état actuel : rechargez la page et réessayez.",
    en: 'The request conflicts with the current state: reload the page and try again.',
  },
  TREMPLIN_ERR_URL_TOO_LONG: {
    status: 414,
    fr: "L'adresse demandée est trop longue.",
    en: 'The requested address is too long.',
  },
  TREMPLIN_ERR_TOO_MANY_REQUESTS: {
    status: 429,
    fr: 'Trop de requêtes : attendez un instant avant de réessayer.',
    en: 'Too many requests: wait a moment before trying again.',
  },
  TREMPLIN_ERR_HEADERS_TOO_LARGE: {
    status: 431,
    fr: 'Les en-têtes de la requête sont trop volumineux.',
    en: 'The request headers are too large.',
  },
  TREMPLIN_ERR_CLIENT: {
    status: 400,
    fr: "La requête n'a pas pu être traitée (erreur {status}).",
    en: 'The request could not be handled (error {status}).',
  },
  TREMPLIN_ERR_NOT_FOUND: {
    status: 404,
    fr: "Cette ressource n'existe pas.",
    en: 'This resource does not exist.',
  },
  TREMPLIN_ERR_ROUTE_NOT_FOUND: {
    status: 404,
    fr: "Cette adresse de l'API n'existe pas : {method} {url}",
    en: 'This API address does not exist: {method} {url}',
  },
  TREMPLIN_ERR_UNAUTHENTICATED: {
    status: 401,
    fr: 'Vous devez vous connecter.',
    en: 'You need to sign in.',
  },
  TREMPLIN_ERR_INVALID_CREDENTIALS: {
    status: 401,
    fr: 'Adresse e-mail ou mot de passe incorrect.',
    en: 'Incorrect email address or password.',
  },
  TREMPLIN_ERR_ACCOUNT_DISABLED: {
    status: 403,
    fr: 'Ce compte est désactivé. Contactez la coordination du programme.',
    en: 'This account is disabled. Contact the programme coordination.',
  },
  TREMPLIN_ERR_TOO_MANY_ATTEMPTS: {
    status: 429,
    fr: 'Trop de tentatives de connexion. Réessayez dans {wait}.',
    en: 'Too many sign-in attempts. Try again in {wait}.',
  },
  TREMPLIN_ERR_FORBIDDEN: {
    status: 403,
    fr: "Vous n'avez pas accès à cette ressource.",
    en: 'You do not have access to this resource.',
  },
  TREMPLIN_ERR_DB_UNAVAILABLE: {
    status: 503,
    fr: 'Le service est momentanément indisponible. Réessayez dans un instant.',
    en: 'The service is temporarily unavailable. Try again in a moment.',
  },
  TREMPLIN_ERR_WS_INVALID_MESSAGE: {
    status: 400,
    fr: "Message invalide : il doit être un JSON d'un type connu.",
    en: 'Invalid message: it must be JSON of a known type.',
  },
  TREMPLIN_ERR_NOT_ENROLLED: {
    status: 403,
    fr: "Vous n'êtes pas inscrit au module de cet exercice.",
    en: 'You are not enrolled in the module of this exercise.',
  },
  TREMPLIN_ERR_VERSION_NOT_OPEN: {
    status: 409,
    fr: "Cette version du module n'accepte plus de réponses : rechargez la page pour obtenir la version en cours.",
    en: 'This version of the module no longer accepts answers: reload the page to get the current version.',
  },
  TREMPLIN_ERR_CODE_TOO_LARGE: {
    status: 413,
    fr: 'Votre code est trop long ({size} octets, au plus {limit}).',
    en: 'Your code is too long ({size} bytes, at most {limit}).',
  },
  TREMPLIN_ERR_ANSWER_SHAPE: {
    status: 400,
    fr: 'Réponse invalide pour cet exercice : {detail}',
    en: 'Invalid answer for this exercise: {detail}',
  },
  TREMPLIN_ERR_WRONG_EXERCISE_KIND: {
    status: 400,
    fr: 'Cet exercice attend {expected}, pas {received}.',
    en: 'This exercise expects {expected}, not {received}.',
  },
  TREMPLIN_ERR_PLAY_LIMIT: {
    status: 429,
    fr: 'Vous avez déjà écouté cette dictée {max} fois : écrivez ce que vous avez entendu.',
    en: 'You have already played this dictation {max} times: write what you heard.',
  },
  TREMPLIN_ERR_RATE_LIMITED: {
    status: 429,
    fr: 'Trop {action} en peu de temps : attendez {seconds} s avant de réessayer.',
    en: 'Too many {action} in a short time: wait {seconds} s before trying again.',
  },
  TREMPLIN_ERR_RUN_IN_PROGRESS: {
    status: 429,
    fr: "Votre exécution précédente n'est pas terminée : attendez son résultat avant d'en lancer une autre.",
    en: 'Your previous run has not finished: wait for its result before starting another.',
  },
  TREMPLIN_ERR_GRADER_UNAVAILABLE: {
    status: 503,
    fr: 'Le correcteur automatique est momentanément indisponible. Réessayez dans un instant.',
    en: 'The automatic grader is temporarily unavailable. Try again in a moment.',
  },
  TREMPLIN_ERR_WS_CHANNEL_FORBIDDEN: {
    status: 403,
    fr: 'Vous ne pouvez pas suivre ce canal : {channel}',
    en: 'You cannot follow this channel: {channel}',
  },
  TREMPLIN_ERR_WS_TOO_MANY_CHANNELS: {
    status: 429,
    fr: 'Trop de canaux suivis sur cette connexion (au plus {max}).',
    en: 'Too many channels followed on this connection (at most {max}).',
  },
  TREMPLIN_ERR_WS_RATE_LIMITED: {
    status: 429,
    fr: 'Trop de messages sur cette connexion : les suivants sont ignorés un instant.',
    en: 'Too many messages on this connection: the next ones are ignored for a moment.',
  },
  TREMPLIN_ERR_WS_ORIGIN_FORBIDDEN: {
    status: 403,
    fr: "La connexion en direct n'est acceptée que depuis les pages de Tremplin.",
    en: 'The live connection is only accepted from the pages of Tremplin.',
  },
  TREMPLIN_ERR_HELP_REQUEST_CLOSED: {
    status: 409,
    fr: "Cette demande d'aide est déjà close.",
    en: 'This help request is already closed.',
  },
  TREMPLIN_ERR_SESSION_RUNNING: {
    status: 409,
    fr: 'Une séance en direct est déjà en cours pour ce groupe : terminez-la avant d’en commencer une autre.',
    en: 'A live session is already running for this group: end it before starting another.',
  },
  TREMPLIN_ERR_SESSION_ENDED: {
    status: 409,
    fr: 'Cette séance est terminée.',
    en: 'This session has ended.',
  },
  TREMPLIN_ERR_STALE_DRAFT: {
    status: 409,
    fr: "Ce brouillon a été enregistré entre-temps par {name} ({at}) : rechargez-le pour voir ses modifications avant d'enregistrer les vôtres.",
    en: 'This draft was saved in the meantime by {name} ({at}): reload it to see their changes before saving yours.',
  },
  TREMPLIN_ERR_DRAFT_EXISTS: {
    status: 409,
    fr: 'La version {version} de ce module est déjà en cours ({status}) : publiez-la ou terminez-la avant d’en ouvrir une autre.',
    en: 'Version {version} of this module is already being written ({status}): publish or finish it before opening another.',
  },
  TREMPLIN_ERR_NOTHING_TO_PUBLISH: {
    status: 409,
    fr: 'Rien à publier : {reason}.',
    en: 'Nothing to publish: {reason}.',
  },
  TREMPLIN_ERR_INVALID_DRAFT: {
    status: 422,
    fr: 'Le brouillon ne passe pas la validation. Problèmes à corriger avant de publier : {count}.',
    en: 'The draft does not pass validation. Problems to fix before publishing: {count}.',
  },
  TREMPLIN_ERR_DRAFT_SHAPE: {
    status: 400,
    fr: "Le contenu du brouillon n'a pas la forme d'un module : {detail}",
    en: 'The draft content is not shaped like a module: {detail}',
  },
  TREMPLIN_ERR_CHANGE_NOTE_REQUIRED: {
    status: 400,
    fr: 'Décrivez ce qui change dans cette version (note de version) avant de la publier.',
    en: 'Describe what changes in this version (change note) before publishing it.',
  },
  TREMPLIN_ERR_CONTENT_NOT_FOUND: {
    status: 404,
    fr: 'Introuvable dans le studio : {what}.',
    en: 'Not found in the studio: {what}.',
  },
  TREMPLIN_ERR_WRONG_STATUS: {
    status: 409,
    fr: 'Impossible : la version {version} est {status}, cette action demande une version {expected}.',
    en: 'Not possible: version {version} is {status}, this action needs a version {expected}.',
  },
  TREMPLIN_ERR_MODULE_EXISTS: {
    status: 409,
    fr: 'Un module « {slug} » existe déjà : choisissez un autre identifiant.',
    en: 'A module "{slug}" already exists: choose another identifier.',
  },
  TREMPLIN_ERR_IMPORT_INVALID: {
    status: 400,
    fr: "L'archive ne peut pas être importée : {detail}",
    en: 'The archive cannot be imported: {detail}',
  },
  TREMPLIN_ERR_IMPORT_UNSUPPORTED: {
    status: 400,
    fr: "Ce type de dossier n'est pas encore importable : {detail}",
    en: 'This kind of folder cannot be imported yet: {detail}',
  },
  // ---------- The programme's structure and the accounts (the coordination) ----------
  TREMPLIN_ERR_COHORT_EXISTS: {
    status: 409,
    fr: 'Une promotion « {slug} » existe déjà : choisissez un autre identifiant.',
    en: 'A cohort "{slug}" already exists: choose another identifier.',
  },
  TREMPLIN_ERR_COHORT_DATES: {
    status: 400,
    fr: 'La fin de la promotion doit venir après son début.',
    en: "The cohort's end must come after its start.",
  },
  TREMPLIN_ERR_GROUP_EXISTS: {
    status: 409,
    fr: 'Un groupe « {name} » existe déjà dans cette promotion : choisissez un autre nom.',
    en: 'A group "{name}" already exists in this cohort: choose another name.',
  },
  TREMPLIN_ERR_UNKNOWN_REFERENCE: {
    status: 400,
    fr: '{what} est introuvable : rechargez la page et réessayez.',
    en: '{what} cannot be found: reload the page and try again.',
  },
  TREMPLIN_ERR_NOT_A_LEARNER: {
    status: 409,
    fr: "Cette personne n'est apprenante d'aucun groupe : elle ne peut pas être déplacée.",
    en: 'This person is not a learner of any group: they cannot be moved.',
  },
  TREMPLIN_ERR_SAME_GROUP: {
    status: 409,
    fr: 'Cette personne est déjà dans ce groupe.',
    en: 'This person is already in this group.',
  },
  TREMPLIN_ERR_GROUP_NOT_ENROLLED: {
    status: 404,
    fr: "Ce groupe n'est pas inscrit à ce module : inscrivez-le d'abord.",
    en: 'This group is not enrolled in this module: enrol it first.',
  },
  TREMPLIN_ERR_LAST_ADMIN: {
    status: 409,
    fr: 'Il doit rester au moins un administrateur actif : nommez-en un autre avant.',
    en: 'At least one active administrator must remain: appoint another one first.',
  },
  TREMPLIN_ERR_OWN_ROLE: {
    status: 409,
    fr: 'Vous ne pouvez pas retirer votre propre rôle {role} : demandez-le à une autre personne.',
    en: 'You cannot remove your own {role} role: ask someone else to.',
  },
  TREMPLIN_ERR_OWN_ACCOUNT: {
    status: 409,
    fr: 'Vous ne pouvez pas désactiver votre propre compte.',
    en: 'You cannot disable your own account.',
  },
  TREMPLIN_ERR_ADMIN_ONLY: {
    status: 403,
    fr: 'Seul un administrateur peut donner ou retirer le rôle administrateur.',
    en: 'Only an administrator can grant or remove the administrator role.',
  },
  TREMPLIN_ERR_RESET_LINK_INVALID: {
    status: 410,
    fr: "Ce lien n'est plus valable (déjà utilisé, expiré ou inconnu) : demandez-en un nouveau à la coordination.",
    en: 'This link is no longer valid (already used, expired or unknown): ask the coordination for a new one.',
  },
  TREMPLIN_ERR_PASSWORD_TOO_SHORT: {
    status: 400,
    fr: 'Le mot de passe doit compter au moins {min} caractères.',
    en: 'The password must be at least {min} characters long.',
  },
  TREMPLIN_ERR_CALL_CLOSED: {
    status: 409,
    fr: 'L’appel est clos : les candidatures étaient reçues jusqu’au {deadline} (heure de Lomé).',
    en: 'The call is closed: applications were taken until {deadline} (Lomé time).',
  },
  TREMPLIN_ERR_CALL_NOT_OPEN: {
    status: 409,
    fr: 'L’appel n’est pas encore ouvert : les candidatures seront reçues à partir du {opens} (heure de Lomé).',
    en: 'The call is not open yet: applications will be taken from {opens} (Lomé time).',
  },
  TREMPLIN_ERR_CALL_INVALID: {
    status: 400,
    fr: 'L’appel ne peut pas être enregistré : {detail}',
    en: 'The call cannot be saved: {detail}',
  },
  TREMPLIN_ERR_EMAIL_TAKEN: {
    status: 409,
    fr: 'Un compte existe déjà avec cette adresse : connectez-vous pour retrouver votre candidature.',
    en: 'An account already exists with this address: sign in to find your application.',
  },
  TREMPLIN_ERR_NO_APPLICATION: {
    status: 409,
    fr: 'Enregistrez d’abord votre candidature, puis joignez vos pièces.',
    en: 'Save your application first, then attach your documents.',
  },
  TREMPLIN_ERR_DOCUMENT_NOT_PDF: {
    status: 415,
    fr: 'Ce fichier n’est pas un PDF (son contenu a été vérifié, pas son nom) : envoyez un document PDF.',
    en: 'This file is not a PDF (its content was checked, not its name): send a PDF document.',
  },
  TREMPLIN_ERR_DOCUMENT_TOO_LARGE: {
    status: 413,
    fr: 'Ce document est trop volumineux : {limit} au plus.',
    en: 'This document is too large: at most {limit}.',
  },
  TREMPLIN_ERR_TOO_MANY_DOCUMENTS: {
    status: 409,
    fr: 'Une candidature compte au plus {limit} pièces jointes.',
    en: 'An application holds at most {limit} documents.',
  },
  TREMPLIN_ERR_RUBRIC_SCORES: {
    status: 400,
    fr: 'Notes invalides : {detail}',
    en: 'Invalid scores: {detail}',
  },
  TREMPLIN_ERR_NOT_ELIGIBLE: {
    status: 409,
    fr: 'Cette candidature ne remplit pas les conditions de l’appel : elle ne peut pas être retenue.',
    en: 'This application does not meet the call’s conditions: it cannot be selected.',
  },
  TREMPLIN_ERR_ALREADY_DECIDED: {
    status: 409,
    fr: 'Cette candidature a déjà été tranchée ({status}) : elle ne change plus.',
    en: 'This application has already been decided ({status}): it no longer changes.',
  },
  TREMPLIN_ERR_IMPORT_ENCODING: {
    status: 400,
    fr: "Le fichier n'est pas en UTF-8 : enregistrez-le en « CSV UTF-8 » depuis votre tableur, puis recommencez.",
    en: 'The file is not UTF-8: save it as "CSV UTF-8" from your spreadsheet, then try again.',
  },
  TREMPLIN_ERR_IMPORT_HAS_ERRORS: {
    status: 409,
    fr: "Rien n'a été importé : le fichier contient encore des erreurs ({count}). Corrigez-les ou importez seulement les lignes valides.",
    en: 'Nothing was imported: the file still has errors ({count}). Fix them or import the valid rows only.',
  },
  TREMPLIN_ERR_IMPORT_APPLIED: {
    status: 409,
    fr: 'Cet import a déjà été appliqué : envoyez un nouveau fichier.',
    en: 'This import has already been applied: upload a new file.',
  },
  TREMPLIN_ERR_IMPORT_NOT_APPLIED: {
    status: 409,
    fr: "Cet import n'a pas encore été appliqué : il n'a créé aucun compte.",
    en: 'This import has not been applied yet: it created no accounts.',
  },
  TREMPLIN_ERR_INTERNAL: {
    status: 500,
    fr: 'Une erreur inattendue est survenue. Elle a été enregistrée ; réessayez plus tard.',
    en: 'An unexpected error occurred. It has been logged; try again later.',
  },
  TREMPLIN_ERR_REVIEW_CLAIMED: {
    status: 409,
    fr: 'Ce signalement est déjà pris en charge par {name} jusqu’à {until} (heure de Lomé).',
    en: 'This flag is already claimed by {name} until {until} (Lomé time).',
  },
  TREMPLIN_ERR_REVIEW_DECIDED: {
    status: 409,
    fr: 'Ce signalement a déjà été tranché : il ne peut plus être pris en charge ni décidé.',
    en: 'This flag has already been decided: it can no longer be claimed or decided.',
  },
  TREMPLIN_ERR_REVIEW_NOT_CLAIMED: {
    status: 409,
    fr: 'Prenez d’abord ce signalement en charge : votre prise en charge n’existe pas ou a expiré.',
    en: 'Claim this flag first: your claim does not exist or has expired.',
  },
  TREMPLIN_ERR_REVIEW_SCORE_RANGE: {
    status: 400,
    fr: 'La nouvelle note doit être un pourcentage entre 0 et 100.',
    en: 'The new score must be a percentage between 0 and 100.',
  },
  TREMPLIN_ERR_REVIEW_COMMENT_REQUIRED: {
    status: 400,
    fr: 'Un commentaire est obligatoire pour cette décision : il sera lu par l’apprenant et son tuteur.',
    en: 'A comment is required for this decision: the learner and their tutor will read it.',
  },
  TREMPLIN_ERR_REVIEW_CONFLICT: {
    status: 403,
    fr: 'Vous êtes le tuteur ou la tutrice de cet apprenant : un autre correcteur doit décider (conflit d’intérêts).',
    en: 'You tutor this learner: another grader must decide (conflict of interest).',
  },
  TREMPLIN_ERR_REVIEW_NOT_ACCEPTABLE: {
    status: 400,
    fr: 'Seule la réponse d’un exercice à trous ou à réponse courte peut devenir une variante acceptée.',
    en: 'Only the answer to a gap-fill or short-answer item can become an accepted variant.',
  },
  TREMPLIN_ERR_APPEAL_EXISTS: {
    status: 409,
    fr: 'Vous avez déjà contesté cette note : une seule contestation par soumission.',
    en: 'You have already contested this grade: one appeal per submission.',
  },
  TREMPLIN_ERR_APPEAL_NOT_GRADED: {
    status: 409,
    fr: 'Cette soumission n’est pas encore notée : vous pourrez contester sa note une fois la correction terminée.',
    en: 'This submission is not graded yet: you can contest its grade once grading is done.',
  },
  TREMPLIN_ERR_WS_BUSY: {
    status: 503,
    fr: 'Beaucoup de connexions arrivent en même temps : la vôtre reprendra dans {seconds} s.',
    en: 'Many connections are arriving at once: yours will resume in {seconds} s.',
  },
  TREMPLIN_ERR_METRICS_TOKEN: {
    status: 401,
    fr: 'Les métriques demandent le jeton de METRICS_TOKEN (en-tête Authorization: Bearer).',
    en: 'The metrics need the METRICS_TOKEN token (Authorization: Bearer header).',
  },
  TREMPLIN_ERR_GRADING_JOB_NOT_FAILED: {
    status: 409,
    fr: 'Cette correction n’est pas en échec : elle est déjà en file, en cours ou terminée.',
    en: 'This grading job has not failed: it is already queued, running or done.',
  },
  TREMPLIN_ERR_DRAFT_CONFLICT: {
    status: 409,
    fr: 'Ce brouillon a été modifié depuis un autre appareil ({at}) : choisissez la version à garder.',
    en: 'This draft was changed from another device ({at}): choose the version to keep.',
  },
  TREMPLIN_ERR_OFFLINE_TIME: {
    status: 400,
    fr: 'L’heure à laquelle la soumission a été faite hors ligne est invalide : {detail}.',
    en: 'The time the submission was made offline is invalid: {detail}.',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

/** A value put into a message: the same in every language, or worded per language. */
export type MessageParam = string | number | Record<Locale, string>;

/** Renders an error's message in a language, filling `{name}` placeholders from params. */
export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  params: Record<string, MessageParam> = {},
): string {
  return ERRORS[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'object' ? value[locale] : String(value);
  });
}

/** A wait in words, rounded up: seconds under a minute, else minutes (« 1 seconde », « 15 minutes »). */
export function waitWords(seconds: number): Record<Locale, string> {
  const [n, fr, en] =
    seconds < 60
      ? [Math.max(1, Math.ceil(seconds)), 'seconde', 'second']
      : [Math.ceil(seconds / 60), 'minute', 'minute'];
  const plural = n > 1 ? 's' : '';
  return { fr: `${n} ${fr}${plural}`, en: `${n} ${en}${plural}` };
}

/** Words used to describe a field-level validation problem, per language. */
export const VALIDATION_WORDS = {
  fr: {
    required: 'le champ « {field} » est obligatoire',
    format: 'le champ « {field} » doit être {format}',
    type: 'le champ « {field} » doit être de type {type}',
    minLength: 'le champ « {field} » doit contenir au moins {limit} caractères',
    maxLength: 'le champ « {field} » doit contenir au plus {limit} caractères',
    enum: 'le champ « {field} » doit valoir l’une des valeurs permises',
    other: 'le champ « {field} » est invalide',
    body: 'le corps de la requête est manquant ou invalide',
    unstorable:
      'le champ « {field} » contient un caractère refusé (caractère nul ou moitié isolée d’un caractère UTF-16)',
    formats: {
      email: 'une adresse e-mail valide',
      uuid: 'un identifiant valide',
      date: 'une date valide (AAAA-MM-JJ, années 1 à 9999)',
      'date-time': 'une date et heure valides (AAAA-MM-JJTHH:MM:SSZ, années 1 à 9999)',
    } as Record<string, string>,
  },
  en: {
    required: 'the field “{field}” is required',
    format: 'the field “{field}” must be {format}',
    type: 'the field “{field}” must be of type {type}',
    minLength: 'the field “{field}” must have at least {limit} characters',
    maxLength: 'the field “{field}” must have at most {limit} characters',
    enum: 'the field “{field}” must be one of the allowed values',
    other: 'the field “{field}” is invalid',
    body: 'the request body is missing or invalid',
    unstorable:
      'the field “{field}” holds a refused character (a NUL character or half of a UTF-16 character)',
    formats: {
      email: 'a valid email address',
      uuid: 'a valid identifier',
      date: 'a valid date (YYYY-MM-DD, years 1 to 9999)',
      'date-time': 'a valid date and time (YYYY-MM-DDTHH:MM:SSZ, years 1 to 9999)',
    } as Record<string, string>,
  },
} as const;
