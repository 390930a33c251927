// The catalogue of validation messages, in English and French. A Problem carries a stable `code` and its
// `params`; its `message` is the English text (what the tests and logs read), and any caller renders it
// again in the reader's language with problemMessage(). Templates name their parameters `{name}`; numbers
// are formatted for the language (1,000 / 1 000); `{name|singular|plural}` is the word a number
// calls for in that language (French: 0 and 1 take the singular).

export type Lang = 'fr' | 'en';
export type ProblemParams = Record<string, string | number>;

interface Template {
  en: string;
  fr: string;
}

/** A duplicate of some kind of value: the same template for every list that must hold unique values. */
const duplicate = (en: string, fr: string): Template => ({
  en: `duplicate ${en} "{value}"`,
  fr: `${fr} en double : « {value} »`,
});

export const MESSAGES = {
  // ---- Reading the folder ----
  'no-module-json': { en: 'no module.json in this folder', fr: 'pas de module.json dans ce dossier' },
  'bad-json': {
    en: 'module.json is not valid JSON: {detail}',
    fr: "module.json n'est pas du JSON valide : {detail}",
  },
  'file-not-found': { en: 'file not found: {file}', fr: 'fichier introuvable : {file}' },
  'file-unreadable': { en: 'cannot read {file} ({detail})', fr: 'impossible de lire {file} ({detail})' },
  'path-outside': {
    en: '"{file}" must be a relative path inside the module folder',
    fr: '« {file} » doit être un chemin relatif, à l’intérieur du dossier du module',
  },
  'not-both': { en: 'give {a} or {b}, not both', fr: 'donnez {a} ou {b}, pas les deux' },
  'one-required': { en: 'give {a} or {b}', fr: 'donnez {a} ou {b}' },

  // ---- Structure (the JSON Schema) ----
  'unknown-key': { en: 'unknown key', fr: 'clé inconnue' },
  required: { en: 'is required', fr: 'est obligatoire' },
  'one-of': { en: 'must be one of {values}', fr: 'doit valoir l’une des valeurs {values}' },
  'slug-pattern': {
    en: 'must be a slug: lowercase letters, digits and single hyphens',
    fr: 'doit être un slug : minuscules sans accents, chiffres et tirets simples',
  },
  'id-pattern': {
    en: 'must be an id: letters, digits, "_" and "-"',
    fr: 'doit être un identifiant : lettres, chiffres, « _ » et « - »',
  },
  type: { en: 'must be {type}', fr: 'doit être de type {type}' },
  'min-length': {
    en: 'must not have fewer than {limit} {limit|character|characters}',
    fr: 'doit compter au moins {limit} {limit|caractère|caractères}',
  },
  'max-length': {
    en: 'must not have more than {limit} {limit|character|characters}',
    fr: 'doit compter au plus {limit} {limit|caractère|caractères}',
  },
  'min-items': {
    en: 'must not have fewer than {limit} {limit|item|items}',
    fr: 'doit compter au moins {limit} {limit|élément|éléments}',
  },
  'max-items': {
    en: 'must not have more than {limit} {limit|item|items}',
    fr: 'doit compter au plus {limit} {limit|élément|éléments}',
  },
  compare: { en: 'must be {comparison} {limit}', fr: 'doit être {comparison} {limit}' },
  schema: { en: '{detail}', fr: 'valeur refusée : {detail}' },

  // ---- Module rules ----
  'duplicate-lesson-slug': duplicate('lesson slug', 'slug de leçon'),
  'duplicate-exercise-slug': duplicate('exercise slug', "slug d'exercice"),
  'prerequisite-self': {
    en: 'a lesson cannot require itself',
    fr: 'une leçon ne peut pas se requérir elle-même',
  },
  'prerequisite-unknown': {
    en: 'no earlier lesson "{slug}"',
    fr: 'aucune leçon « {slug} » avant celle-ci',
  },
  'lesson-unknown': { en: 'no lesson "{slug}" in this module', fr: 'aucune leçon « {slug} » dans ce module' },
  'spec-kind': {
    en: 'must be "{kind}", the exercise\'s kind',
    fr: 'doit valoir « {kind} », le type de l’exercice',
  },
  'text-empty': {
    en: 'is empty: write the text or remove the key',
    fr: 'est vide : écrivez le texte ou retirez la clé',
  },
  'link-broken': {
    en: 'link to "{target}": no such file in the module folder',
    fr: 'lien vers « {target} » : ce fichier n’existe pas dans le dossier du module',
  },
  'image-missing': {
    en: 'image "{target}": no such file in the module folder',
    fr: 'image « {target} » : ce fichier n’existe pas dans le dossier du module',
  },
  'link-outside': {
    en: 'link to "{target}" leaves the module folder',
    fr: 'le lien vers « {target} » sort du dossier du module',
  },
  'link-lesson-unknown': {
    en: 'link to "lesson:{slug}": no such lesson in this module',
    fr: 'lien vers « lesson:{slug} » : aucune leçon de ce nom dans le module',
  },
  'link-exercise-unknown': {
    en: 'link to "exercise:{slug}": no such exercise in this module',
    fr: 'lien vers « exercise:{slug} » : aucun exercice de ce nom dans le module',
  },
  'link-scheme': {
    en: 'link to "{target}": only http(s), mailto, lesson:, exercise:, #anchors and module files are allowed',
    fr: 'lien vers « {target} » : seuls http(s), mailto, lesson:, exercise:, les ancres # et les fichiers du module sont permis',
  },
  'image-data': {
    en: 'image "{target}": a data URL must be a base64 PNG, JPEG, GIF, WebP or SVG image',
    fr: 'image « {target} » : une URL data doit être une image PNG, JPEG, GIF, WebP ou SVG en base64',
  },

  // ---- Deck files ----
  'deck-csv': { en: 'not a valid CSV file: {detail}', fr: "ce n'est pas un fichier CSV valide : {detail}" },
  'deck-empty': {
    en: 'the deck is empty: a header line `id,term,gloss,example,tags,audio` is required',
    fr: 'le paquet est vide : une ligne d’en-tête `id,term,gloss,example,tags,audio` est requise',
  },
  'deck-unknown-column': {
    en: 'unknown column "{name}" (columns: {columns})',
    fr: 'colonne inconnue « {name} » (colonnes : {columns})',
  },
  'deck-missing-column': { en: 'missing column "{name}"', fr: 'colonne « {name} » manquante' },
  'deck-empty-cells': {
    en: 'empty {cells}',
    fr: '{count|cellule vide|cellules vides} : {cells}',
  },

  // ---- Spec rules ----
  'code-too-large': {
    en: '{bytes} bytes, more than maxSourceBytes ({max})',
    fr: '{bytes} octets, plus que maxSourceBytes ({max})',
  },
  'solution-empty': { en: 'must not be empty', fr: 'ne doit pas être vide' },
  'starter-is-solution': { en: 'must differ from the solution', fr: 'doit différer de la solution' },
  'no-tests': { en: 'no test found (test(…) or it(…))', fr: 'aucun test trouvé (test(…) ou it(…))' },
  'syntax-error': { en: 'syntax error: {detail}', fr: 'erreur de syntaxe : {detail}' },
  'options-too-few': { en: 'at least two options', fr: 'au moins deux options' },
  'duplicate-option-id': duplicate('option id', "identifiant d'option"),
  'no-correct-option': { en: 'at least one correct option', fr: 'au moins une option correcte' },
  'single-choice-correct': {
    en: 'a single choice needs exactly one correct option, not {count}',
    fr: 'un choix unique demande exactement une option correcte, pas {count}',
  },
  'gaps-none': { en: 'at least one gap', fr: 'au moins un trou' },
  'duplicate-gap-id': duplicate('gap id', 'identifiant de trou'),
  'gap-not-declared': {
    en: 'gap [[{id}]] is not in the gaps list',
    fr: 'le trou [[{id}]] ne figure pas dans la liste gaps',
  },
  'gap-repeated': {
    en: 'gap [[{id}]] appears more than once',
    fr: 'le trou [[{id}]] apparaît plusieurs fois',
  },
  'gap-not-in-text': {
    en: 'gap "{id}" does not appear in the text as [[{id}]]',
    fr: 'le trou « {id} » n’apparaît pas dans le texte sous la forme [[{id}]]',
  },
  'gap-malformed': { en: 'malformed gap: write [[id]]', fr: 'trou mal écrit : écrivez [[id]]' },
  blank: { en: 'must not be blank', fr: 'ne doit pas être vide' },
  'items-too-few': { en: 'at least two items', fr: 'au moins deux éléments' },
  'duplicate-item-id': duplicate('item id', "identifiant d'élément"),
  'duplicate-item-text': duplicate('item text', "texte d'élément"),
  'alternative-items': {
    en: 'must list every item id exactly once',
    fr: 'doit citer chaque identifiant d’élément exactement une fois',
  },
  'pairs-too-few': { en: 'at least two pairs', fr: 'au moins deux paires' },
  'duplicate-pair-id': duplicate('pair id', 'identifiant de paire'),
  'duplicate-left-text': duplicate('left text', 'texte de gauche'),
  'duplicate-right-text': duplicate('right text', 'texte de droite'),
  'dictation-no-words': { en: 'must contain at least one word', fr: 'doit contenir au moins un mot' },
  'min-above-max': {
    en: 'must not exceed maxWords ({max})',
    fr: 'ne doit pas dépasser maxWords ({max})',
  },
  'duplicate-rubric-id': duplicate('rubric id', 'identifiant de critère'),
  'rubric-regex': { en: '{detail}', fr: 'expression régulière refusée : {detail}' },
  'rubric-regex-nested': {
    en: 'regex nests a repetition inside a repetition ({group}): such a pattern takes exponential time in backtracking engines where the module may be used; repeat once (for example (a+)+ is a+)',
    fr: "l'expression régulière répète une répétition ({group}) : un tel motif prend un temps exponentiel dans les moteurs à retour arrière où le module peut servir ; ne répétez qu'une fois (par exemple, (a+)+ s'écrit a+)",
  },
  'rubric-regex-invalid': {
    en: 'regex does not compile: {detail} (the regex engine is RE2: no backreferences, no lookaround)',
    fr: "l'expression régulière ne compile pas : {detail} (le moteur est RE2 : ni référence arrière, ni assertion avant ou arrière)",
  },
  'wildcard-letter': { en: 'a wildcard needs a letter', fr: 'un joker doit contenir une lettre' },
  'duplicate-card-id': duplicate('card id', 'identifiant de carte'),
  'duplicate-term': duplicate('term', 'terme'),

  // ---- Code exercises in the sandbox ----
  'limit-above-ceiling': {
    en: "{value} is above the platform's ceiling ({max}).",
    fr: '{value} dépasse le plafond de la plateforme ({max}).',
  },
  'reference-fails': {
    en: 'The reference solution fails the test "{test}": {detail}',
    fr: 'La solution de référence échoue au test « {test} » : {detail}',
  },
  'reference-error-visible': {
    en: 'The reference solution could not be graded on the visible tests: {detail}',
    fr: "La solution de référence n'a pas pu être corrigée sur les tests visibles : {detail}",
  },
  'reference-error-hidden': {
    en: 'The reference solution could not be graded on the hidden tests: {detail}',
    fr: "La solution de référence n'a pas pu être corrigée sur les tests cachés : {detail}",
  },
  'starter-passes': {
    en: 'The starter already passes every test: it leaves nothing to write.',
    fr: 'Le code de départ passe déjà tous les tests : il ne laisse rien à écrire.',
  },
  'starter-error': {
    en: 'The starter could not be graded: {detail}',
    fr: "Le code de départ n'a pas pu être corrigé : {detail}",
  },
  'slow-test': {
    en: 'The test "{test}" took {ms} ms with the reference solution, more than half of the {limit} ms limit: simplify the test or raise the exercise\'s limit.',
    fr: "Le test « {test} » a pris {ms} ms avec la solution de référence, plus de la moitié de la limite de {limit} ms : simplifiez le test ou relevez la limite de l'exercice.",
  },
  'slow-total-visible': {
    en: "The visible tests took {ms} ms in all with the reference solution, more than half of the {limit} ms limit per submission: lighten the tests or raise the exercise's limit.",
    fr: "Les tests visibles ont pris {ms} ms au total avec la solution de référence, plus de la moitié de la limite de {limit} ms par soumission : allégez les tests ou relevez la limite de l'exercice.",
  },
  'slow-total-hidden': {
    en: "The hidden tests took {ms} ms in all with the reference solution, more than half of the {limit} ms limit per submission: lighten the tests or raise the exercise's limit.",
    fr: "Les tests cachés ont pris {ms} ms au total avec la solution de référence, plus de la moitié de la limite de {limit} ms par soumission : allégez les tests ou relevez la limite de l'exercice.",
  },
  'empty-solution-passes-visible': {
    en: 'The visible tests pass with an empty solution (every export stubbed to return nothing): they check nothing the student writes.',
    fr: 'Les tests visibles passent avec une solution vide (chaque export remplacé par une fonction qui ne renvoie rien) : ils ne vérifient rien de ce que l’étudiant écrit.',
  },
  'empty-solution-passes-hidden': {
    en: 'The hidden tests pass with an empty solution (every export stubbed to return nothing): they check nothing the student writes.',
    fr: 'Les tests cachés passent avec une solution vide (chaque export remplacé par une fonction qui ne renvoie rien) : ils ne vérifient rien de ce que l’étudiant écrit.',
  },
} satisfies Record<string, Template>;

export type ProblemCode = keyof typeof MESSAGES;

const COMPARISONS: Record<string, Template> = {
  '>=': { en: '>=', fr: '≥' },
  '<=': { en: '<=', fr: '≤' },
  '>': { en: '>', fr: '>' },
  '<': { en: '<', fr: '<' },
};

const numbers: Record<Lang, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en', { maximumFractionDigits: 2 }),
  fr: new Intl.NumberFormat('fr', { maximumFractionDigits: 2 }),
};

const plurals: Record<Lang, Intl.PluralRules> = {
  en: new Intl.PluralRules('en'),
  fr: new Intl.PluralRules('fr'),
};

/** The word a count calls for in a language (French: 0 and 1 take the singular; English: 1 only). */
export function pluralWord(lang: Lang, n: number, one: string, other: string): string {
  return plurals[lang].select(n) === 'one' ? one : other;
}

/** A count and its noun, singular or plural as the language wants it (« 2 problèmes »). */
export function counted(lang: Lang, n: number, one: string, other: string): string {
  return `${n} ${pluralWord(lang, n, one, other)}`;
}

/** The text of a problem code in a language, its `{params}` filled in. */
export function renderMessage(code: ProblemCode, params: ProblemParams = {}, lang: Lang = 'en'): string {
  const template = MESSAGES[code]?.[lang] ?? MESSAGES[code]?.en ?? code;
  const worded = template.replace(
    /\{(\w+)\|([^|}]*)\|([^|}]*)\}/g,
    (whole, name: string, one: string, other: string) => {
      const value = params[name];
      return typeof value === 'number' ? pluralWord(lang, value, one, other) : whole;
    },
  );
  return worded.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    if (name === 'comparison') return COMPARISONS[value]?.[lang] ?? String(value);
    return typeof value === 'number' ? numbers[lang].format(value) : value;
  });
}
