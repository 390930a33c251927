/** The demo programme's people: Togolese names, predictable addresses, one password. */
export const DEMO_PASSWORD = 'tremplin-demo';
export const DEMO_DOMAIN = 'tremplin.test';

const LOME_NAMES = [
  'Kossi Agbeko',
  'Afi Mensah',
  'Komi Amouzou',
  'Akouvi Lawson',
  'Yao Akakpo',
  'Adjoa Dossou',
  'Mawuli Eklou',
  'Enyonam Fiawoo',
  'Sena Kodjovi',
  'Edem Adjovi',
  'Kafui Gbedemah',
  'Dzifa Kpodar',
  'Selom Ayivi',
  'Elom Hounkpati',
  'Abla Sossou',
  'Koffi Ametepe',
  'Yawa Atsu',
];

const KARA_NAMES = [
  'Essodina Tchalla',
  'Pyabalo Bawa',
  'Hodabalo Pali',
  'Essozimna Kao',
  'Tchilabalo Tchedre',
  'Pidémnéwé Abalo',
  'Awa Issifou',
  'Kérim Ouro-Djobo',
  'Mazalo Tcha',
  'Essowè Kpatcha',
  'Lidaw Boukari',
  'Akawa Kezie',
  'Balakiyèm Wiyao',
  'Nadjibou Samarou',
  'Pouwèdéou Tcham',
  'Massama Essodom',
  'Tinaba Agrigna',
];

export interface DemoPerson {
  email: string;
  displayName: string;
}

/** etudiant1 … etudiant34: the first 17 in Lomé, the next 17 in Kara. */
export const DEMO_STUDENTS: { lome: DemoPerson[]; kara: DemoPerson[] } = {
  lome: LOME_NAMES.map((displayName, i) => ({ email: `etudiant${i + 1}@${DEMO_DOMAIN}`, displayName })),
  kara: KARA_NAMES.map((displayName, i) => ({
    email: `etudiant${i + 1 + LOME_NAMES.length}@${DEMO_DOMAIN}`,
    displayName,
  })),
};

export const DEMO_STAFF = {
  tutorLome: { email: `tuteur1@${DEMO_DOMAIN}`, displayName: 'Kodjo Amenyo' },
  tutorKara: { email: `tuteur2@${DEMO_DOMAIN}`, displayName: 'Assana Tchakei' },
  author: { email: `auteur@${DEMO_DOMAIN}`, displayName: 'Ayélé Johnson' },
  grader: { email: `correcteur@${DEMO_DOMAIN}`, displayName: 'Yawo Kpeglo' },
  coordinator: { email: `coordination@${DEMO_DOMAIN}`, displayName: 'Essi Adzogble' },
} satisfies Record<string, DemoPerson>;
