// The columns of each kind of import, and how a file's header names them.

export const IMPORT_KINDS = ['students', 'tutors', 'assignments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export type ColumnKey = 'email' | 'name' | 'university' | 'cohort' | 'group';

interface ColumnSpec {
  key: ColumnKey;
  /** The name the templates and the messages use (French first). */
  label: string;
  required: boolean;
}

/**
 * students and tutors: `email;nom;universite;cohorte;groupe` (accounts to create, each in a group of
 * that university and cohort; a group not there yet is created).
 * assignments: `email;groupe;cohorte[;universite]` (an existing learner moves to the group; an
 * existing tutor is assigned to it; `universite` is needed only to create a group).
 */
export const IMPORT_COLUMNS: Record<ImportKind, ColumnSpec[]> = {
  students: [
    { key: 'email', label: 'email', required: true },
    { key: 'name', label: 'nom', required: true },
    { key: 'university', label: 'universite', required: true },
    { key: 'cohort', label: 'cohorte', required: true },
    { key: 'group', label: 'groupe', required: true },
  ],
  tutors: [
    { key: 'email', label: 'email', required: true },
    { key: 'name', label: 'nom', required: true },
    { key: 'university', label: 'universite', required: true },
    { key: 'cohort', label: 'cohorte', required: true },
    { key: 'group', label: 'groupe', required: true },
  ],
  assignments: [
    { key: 'email', label: 'email', required: true },
    { key: 'group', label: 'groupe', required: true },
    { key: 'cohort', label: 'cohorte', required: true },
    { key: 'university', label: 'universite', required: false },
  ],
};

/** Accents, case, spaces, dashes and underscores do not matter: `Université` = `universite`, `E-mail` = `email`. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const headerKey = (text: string) => fold(text).replace(/[\s_\-.']/g, '');

/** The header names accepted for each column (compared folded), French and English. */
const ALIASES: Record<ColumnKey, string[]> = {
  email: ['email', 'mail', 'courriel', 'adressemail', 'adresseemail', 'emailaddress'],
  name: ['nom', 'name', 'nomcomplet', 'fullname', 'nomprenom', 'prenomnom', 'displayname'],
  university: ['universite', 'university', 'univ'],
  cohort: ['cohorte', 'cohort', 'promotion'],
  group: ['groupe', 'group'],
};

/** Which column of the file holds each key, or null when the header has none. */
export function mapHeader(cells: string[]): Record<ColumnKey, { index: number; label: string } | null> {
  const found: Record<ColumnKey, { index: number; label: string } | null> = {
    email: null,
    name: null,
    university: null,
    cohort: null,
    group: null,
  };
  cells.forEach((cell, index) => {
    const key = (Object.keys(ALIASES) as ColumnKey[]).find((k) => ALIASES[k].includes(headerKey(cell)));
    if (key && !found[key]) found[key] = { index, label: cell };
  });
  return found;
}
