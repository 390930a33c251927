/**
 * Student-facing wording of the sandbox, in French (default) and English. The harness itself only writes
 * its keys (HARNESS_TEMPLATE, see template.ts); the host renders them with these wordings.
 */
import { templateOf } from './template.ts';

export interface HarnessText {
  expected: string;
  received: string;
  not: string;
  diff: string;
  sameStructure: string;
  errorThrown: (text: string) => string;
  inHook: (hook: string, text: string) => string;
  neverSettled: string;
  timedOut: (ms: number) => string;
  tampered: (what: string) => string;
  nested: string;
  tooManyTimers: string;
  truncated: string;
  noThrow: string;
  aThrow: string;
  throwMatching: (what: string) => string;
  thrown: (what: string) => string;
  notAFunction: string;
  length: string;
  receivedLength: string;
  value: string;
  property: (path: string) => string;
  missingProperty: (path: string) => string;
  within: (precision: string) => string;
  gap: string;
  truthy: string;
  falsy: string;
  defined: string;
  nanValue: string;
  containing: (what: string) => string;
  containingEqual: (what: string) => string;
  matching: (what: string) => string;
  instanceOf: (what: string) => string;
  objectMatching: string;
  resolved: string;
  rejected: string;
  resolvedWith: (what: string) => string;
  rejectedWith: (what: string) => string;
  notAPromise: string;
  assertions: (n: number) => string;
  atLeastOneAssertion: string;
  anyOf: (what: string) => string;
  anything: string;
  unreadable: string;
  instanceLabel: (name: string) => string;
  importForbidden: (spec: string) => string;
  notAMock: string;
  calls: (list: string) => string;
  called: string;
  calledTimes: (n: string) => string;
  calledWith: (args: string) => string;
  returned: (v: string) => string;
  fakeTimersOff: string;
  invalidTime: string;
  tooManyFakeTimers: (n: number) => string;
  snapshotNotWritten: string;
  snapshotWithNot: string;
  snapshotDiff: string;
  snapshotLabel: string;
  snapshotProperties: string;
  badCustomMatcher: (name: string) => string;
  badExtend: string;
  atLine: (line: string) => string;
}

const fr: HarnessText = {
  expected: 'Attendu : ',
  received: 'Reçu : ',
  not: 'pas ',
  diff: 'Différence (- attendu, + reçu) :',
  sameStructure: 'Même contenu, mais pas le même objet : comparez avec toEqual.',
  errorThrown: (t) => `Erreur : ${t}`,
  inHook: (h, t) => `Erreur dans ${h} : ${t}`,
  neverSettled:
    "Le test ne s'est jamais terminé : une promesse n'est jamais résolue (ou done() n'est jamais appelé).",
  timedOut: (ms) => `Délai dépassé : le test n'a pas terminé en ${ms} ms.`,
  tampered: (w) => `La solution a modifié ${w} : modifier les objets intégrés de JavaScript est interdit.`,
  nested: 'Impossible de déclarer un test ou un hook pendant l’exécution d’un test.',
  tooManyTimers: 'Trop de minuteurs (setTimeout/setInterval) actifs.',
  truncated: '… [sortie tronquée]',
  noThrow: 'aucune exception',
  aThrow: 'une exception',
  throwMatching: (w) => `une exception ${w}`,
  thrown: (w) => `exception ${w}`,
  notAFunction: 'La valeur reçue doit être une fonction.',
  length: 'Longueur attendue : ',
  receivedLength: 'Longueur reçue : ',
  value: 'Valeur reçue : ',
  property: (p) => `la propriété « ${p} »`,
  missingProperty: (p) => `pas de propriété « ${p} »`,
  within: (p) => ` (à ${p} près)`,
  gap: 'Écart : ',
  truthy: 'une valeur vraie (truthy)',
  falsy: 'une valeur fausse (falsy)',
  defined: 'une valeur définie',
  nanValue: 'NaN',
  containing: (w) => `une valeur contenant ${w}`,
  containingEqual: (w) => `une valeur contenant un élément égal à ${w}`,
  matching: (w) => `une chaîne correspondant à ${w}`,
  instanceOf: (w) => `une instance de ${w}`,
  objectMatching: 'un objet correspondant à ',
  resolved: 'une promesse résolue',
  rejected: 'une promesse rejetée',
  resolvedWith: (w) => `une promesse résolue avec ${w}`,
  rejectedWith: (w) => `une promesse rejetée avec ${w}`,
  notAPromise: 'La valeur reçue doit être une promesse.',
  assertions: (n) => `${n} assertion${n > 1 ? 's' : ''}`,
  atLeastOneAssertion: 'au moins une assertion',
  anyOf: (w) => `n'importe quel ${w}`,
  anything: "n'importe quelle valeur sauf null et undefined",
  unreadable: '[valeur illisible]',
  instanceLabel: (n) => `une instance de ${n}`,
  importForbidden: (m) => `Import de « ${m} » impossible : seule la solution peut être importée.`,
  notAMock: 'La valeur reçue doit être une fonction simulée (jest.fn).',
  calls: (l) => (l === '' ? 'aucun appel' : `appels : ${l}`),
  called: 'au moins un appel',
  // French: 0 and 1 take the singular (« 1 appel », « 2 appels »); n is the count as the test wrote it.
  calledTimes: (n) => (Math.abs(Number(n)) < 2 ? `${n} appel` : `${n} appels`),
  calledWith: (a) => `un appel avec ${a}`,
  returned: (v) => `un appel ayant renvoyé ${v}`,
  fakeTimersOff: "Les minuteurs simulés ne sont pas activés : appelez d'abord jest.useFakeTimers().",
  invalidTime: 'Durée ou date invalide.',
  tooManyFakeTimers: (n) => `Arrêt après ${n} minuteurs exécutés : boucle infinie probable.`,
  snapshotNotWritten:
    "Nouvel instantané (snapshot) non enregistré : la correction n'écrit jamais d'instantané. Écrivez la valeur attendue dans le test, par exemple toMatchInlineSnapshot(`…`).",
  snapshotWithNot: 'Les instantanés (snapshots) ne peuvent pas être utilisés avec .not.',
  snapshotDiff: "La valeur ne correspond pas à l'instantané (- instantané, + reçu) :",
  snapshotLabel: 'Instantané : ',
  snapshotProperties: 'des propriétés correspondant à ',
  badCustomMatcher: (n) => `Le matcher personnalisé ${n} doit renvoyer un objet { pass, message }.`,
  badExtend: 'expect.extend attend un objet dont chaque propriété est une fonction (un matcher).',
  atLine: (l) => ` (solution, ligne ${l})`,
};

const en: HarnessText = {
  expected: 'Expected: ',
  received: 'Received: ',
  not: 'not ',
  diff: 'Difference (- expected, + received):',
  sameStructure: 'Same content, but not the same object: compare with toEqual.',
  errorThrown: (t) => `Error: ${t}`,
  inHook: (h, t) => `Error in ${h}: ${t}`,
  neverSettled: 'The test never finished: a promise is never settled (or done() is never called).',
  timedOut: (ms) => `Timed out: the test did not finish within ${ms} ms.`,
  tampered: (w) => `The solution modified ${w}: changing JavaScript built-ins is not allowed.`,
  nested: 'Tests and hooks cannot be declared while a test is running.',
  tooManyTimers: 'Too many active timers (setTimeout/setInterval).',
  truncated: '… [output truncated]',
  noThrow: 'no exception',
  aThrow: 'an exception',
  throwMatching: (w) => `an exception ${w}`,
  thrown: (w) => `exception ${w}`,
  notAFunction: 'The received value must be a function.',
  length: 'Expected length: ',
  receivedLength: 'Received length: ',
  value: 'Received value: ',
  property: (p) => `property "${p}"`,
  missingProperty: (p) => `no property "${p}"`,
  within: (p) => ` (within ${p})`,
  gap: 'Difference: ',
  truthy: 'a truthy value',
  falsy: 'a falsy value',
  defined: 'a defined value',
  nanValue: 'NaN',
  containing: (w) => `a value containing ${w}`,
  containingEqual: (w) => `a value containing an item equal to ${w}`,
  matching: (w) => `a string matching ${w}`,
  instanceOf: (w) => `an instance of ${w}`,
  objectMatching: 'an object matching ',
  resolved: 'a resolved promise',
  rejected: 'a rejected promise',
  resolvedWith: (w) => `a promise resolved with ${w}`,
  rejectedWith: (w) => `a promise rejected with ${w}`,
  notAPromise: 'The received value must be a promise.',
  assertions: (n) => `${n} assertion${n > 1 ? 's' : ''}`,
  atLeastOneAssertion: 'at least one assertion',
  anyOf: (w) => `any ${w}`,
  anything: 'anything but null and undefined',
  unreadable: '[unreadable value]',
  instanceLabel: (n) => `an instance of ${n}`,
  importForbidden: (m) => `Cannot import "${m}": only the solution can be imported.`,
  notAMock: 'The received value must be a mock function (jest.fn).',
  calls: (l) => (l === '' ? 'no call' : `calls: ${l}`),
  called: 'at least one call',
  calledTimes: (n) => (Number(n) === 1 ? `${n} call` : `${n} calls`),
  calledWith: (a) => `a call with ${a}`,
  returned: (v) => `a call that returned ${v}`,
  fakeTimersOff: 'Fake timers are not enabled: call jest.useFakeTimers() first.',
  invalidTime: 'Invalid time or date.',
  tooManyFakeTimers: (n) => `Aborting after running ${n} timers, assuming an infinite loop!`,
  snapshotNotWritten:
    'New snapshot was not written: grading never writes snapshots. Write the expected value in the test, e.g. toMatchInlineSnapshot(`…`).',
  snapshotWithNot: 'Snapshot matchers cannot be used with .not.',
  snapshotDiff: 'The value does not match the snapshot (- snapshot, + received):',
  snapshotLabel: 'Snapshot: ',
  snapshotProperties: 'properties matching ',
  badCustomMatcher: (n) => `The custom matcher ${n} must return an object { pass, message }.`,
  badExtend: 'expect.extend expects an object whose properties are functions (matchers).',
  atLine: (l) => ` (solution, line ${l})`,
};

/** Returns the wording for a locale. */
export function textFor(locale: string): HarnessText {
  return locale === 'en' ? en : fr;
}

/** The wording as keys (harness.<name>), built when the harness loads: what the sandbox writes. */
export const HARNESS_TEMPLATE: HarnessText = templateOf('harness', fr);
