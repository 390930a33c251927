/**
 * Student-facing messages produced outside the sandbox (load errors, limits), in French and English. The
 * grader writes them as keys (HOST_TEMPLATE, see harness/template.ts) and renders them when it answers.
 */
import { templateOf } from './harness/template.ts';
import type { Locale } from './types.ts';

export interface HostText {
  syntax: (where: string, line: number, column: number, detail: string) => string;
  tooLarge: (what: string, bytes: number, max: number) => string;
  missingExport: (name: string) => string;
  importForbidden: (spec: string) => string;
  loadFailed: (where: string, detail: string) => string;
  noTests: string;
  cpuTest: (ms: number) => string;
  cpuTotal: (ms: number) => string;
  wall: (ms: number) => string;
  memory: (mb: number) => string;
  notRun: string;
  crashed: string;
  limitHit: (test: string, detail: string) => string;
  solution: string;
  tests: string;
  inTests: string;
  unsupported: (detail: string) => string;
  /** Names used in "too large" messages. */
  theSolution: string;
  theTests: string;
}

const fr: HostText = {
  syntax: (w, l, c, d) => `Erreur de syntaxe ${w}ligne ${l}, colonne ${c} : ${d}`,
  tooLarge: (w, b, m) =>
    `${w} est trop volumineu${w.startsWith('La') ? 'se' : 'x'} (${b} octets, maximum ${m}).`,
  missingExport: (n) =>
    n === 'default'
      ? "Export manquant : la solution n'a pas d'export par défaut (export default)."
      : `Export manquant : la solution n'exporte pas « ${n} ».`,
  importForbidden: (m) => `Import de « ${m} » impossible : seule la solution peut être importée.`,
  loadFailed: (w, d) => `Erreur au chargement ${w} : ${d}`,
  noTests: "Aucun test n'a été trouvé dans le fichier de tests.",
  cpuTest: (ms) => `Temps limite dépassé : ce test a utilisé plus de ${ms} ms de calcul (boucle infinie ?).`,
  cpuTotal: (ms) => `Temps limite dépassé : la soumission a utilisé plus de ${ms} ms de calcul au total.`,
  wall: (ms) => `Temps limite dépassé : la correction a duré plus de ${ms} ms.`,
  memory: (mb) => `Limite de mémoire dépassée (${mb} Mo) : le code alloue trop de mémoire.`,
  notRun: "Non exécuté : la correction s'est arrêtée avant ce test.",
  crashed: 'Le correcteur a rencontré une erreur interne : réessayez plus tard.',
  limitHit: (t, d) => `${d} (test « ${t} »)`,
  solution: 'de la solution',
  tests: 'des tests',
  inTests: 'dans les tests, ',
  unsupported: (d) => `Code non pris en charge : ${d}`,
  theSolution: 'La solution',
  theTests: 'Le fichier de tests',
};

const en: HostText = {
  syntax: (w, l, c, d) => `Syntax error ${w}line ${l}, column ${c}: ${d}`,
  tooLarge: (w, b, m) => `${w} is too large (${b} bytes, at most ${m}).`,
  missingExport: (n) =>
    n === 'default'
      ? 'Missing export: the solution has no default export.'
      : `Missing export: the solution does not export "${n}".`,
  importForbidden: (m) => `Cannot import "${m}": only the solution can be imported.`,
  loadFailed: (w, d) => `Error while loading ${w}: ${d}`,
  noTests: 'No test was found in the test file.',
  cpuTest: (ms) => `Time limit exceeded: this test used more than ${ms} ms of CPU (infinite loop?).`,
  cpuTotal: (ms) => `Time limit exceeded: the submission used more than ${ms} ms of CPU in total.`,
  wall: (ms) => `Time limit exceeded: grading took more than ${ms} ms.`,
  memory: (mb) => `Memory limit exceeded (${mb} MB): the code allocates too much memory.`,
  notRun: 'Not run: grading stopped before this test.',
  crashed: 'The grader hit an internal error: please try again later.',
  limitHit: (t, d) => `${d} (test "${t}")`,
  solution: 'of the solution',
  tests: 'of the tests',
  inTests: 'in the tests, ',
  unsupported: (d) => `Unsupported code: ${d}`,
  theSolution: 'The solution',
  theTests: 'The test file',
};

/** Host-side wording for a locale (French unless 'en'). */
export function hostText(locale: Locale | undefined): HostText {
  return locale === 'en' ? en : fr;
}

/** The wording as keys (grader.<name>): what the grader writes in its results. */
export const HOST_TEMPLATE: HostText = templateOf('grader', fr);
