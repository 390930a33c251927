// A rough "is this English?" check for short technical texts, without a dictionary: French function words
// and accented letters are easy to spot, and any real English sentence uses a few common English words.
import { words } from '../text.ts';

const FRENCH = new Set(
  (
    'le la les un une des du de et est sont pour dans sur avec par pas que qui quand ce cette ces il elle ils ' +
    'elles nous vous je tu on au aux mais ou donc car ne ni se sa son ses leur leurs mon ma mes ton ta tes ' +
    'été être avoir fait faire plus très aussi comme si lorsque ajout ajoute ajouter corrige corriger ' +
    'correction supprime supprimer modifie modifier mise jour fichier erreur'
  ).split(' '),
);

const ENGLISH = new Set(
  (
    'the a an of to in on for with from by at as is are was be it this that these those and or not no when ' +
    'if into out up down all new add adds added fix fixes fixed remove removes update updates use uses make ' +
    'makes change changes set get can should must will do does so than then which who what how why ' +
    'instead before after while now only more less one two bug error test tests file files code function'
  ).split(' '),
);

/**
 * Whether a text holds few words of English. Rule: with at least 3 words, more than 30% of them are French
 * (a common French word or a word with a French accent); or, with at least 8 words, not one of about 100
 * very common English words appears (random letters, another language).
 */
export function hasFewEnglishWords(text: string): boolean {
  const list = words(text).map((w) => w.toLowerCase());
  if (list.length < 3) return false;
  const french = list.filter((w) => FRENCH.has(w) || /[àâçéèêëîïôœùûüÿ]/.test(w)).length;
  if (french / list.length > 0.3) return true;
  return list.length >= 8 && !list.some((w) => ENGLISH.has(w));
}
