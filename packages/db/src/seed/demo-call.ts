/**
 * The demo's call for the programme's 900 tutors: Master's and doctoral students of both
 * universities, in the fields the programme teaches or needs, scored on a four-criterion rubric.
 */
export const DEMO_CALL = {
  slug: 'tuteurs-2027',
  title: 'Appel à candidatures : 900 tuteurs et tutrices 2027',
  bodyMd: [
    'Le programme Tremplin recrute **900 tuteurs et tutrices** pour accompagner 15 000 étudiantes et',
    'étudiants de licence en programmation, en intelligence artificielle et en anglais technique.',
    '',
    'Peuvent candidater les étudiantes et étudiants inscrits en **master** ou en **doctorat** à',
    "l'Université de Lomé ou à l'Université de Kara, dans l'une des filières listées.",
    '',
    'Les personnes retenues suivent une **formation de trois mois** avant de prendre un groupe',
    "d'environ 17 étudiants. Joignez à votre candidature un CV et votre certificat de scolarité (PDF).",
  ].join('\n'),
  opensAt: new Date('2026-11-02T08:00:00Z'),
  // 30 June 2027 at 23:59, Lomé time (UTC+0 all year): refused from that minute on.
  closesAt: new Date('2027-06-30T23:59:00Z'),
  seats: 900,
  universitySlugs: ['univ-lome', 'univ-kara'],
  levels: ['master', 'doctorate'],
  fields: [
    { id: 'informatique', fr: 'Informatique', en: 'Computer science' },
    { id: 'mathematiques', fr: 'Mathématiques', en: 'Mathematics' },
    { id: 'physique', fr: 'Physique', en: 'Physics' },
    { id: 'sciences-ingenieur', fr: "Sciences de l'ingénieur", en: 'Engineering sciences' },
    { id: 'anglais-linguistique', fr: 'Anglais et linguistique', en: 'English and linguistics' },
    { id: 'economie', fr: 'Économie et gestion', en: 'Economics and management' },
    { id: 'statistiques', fr: 'Statistiques', en: 'Statistics' },
  ],
  rubric: [
    { id: 'maitrise', fr: 'Maîtrise de la discipline', en: 'Command of the subject', max: 5 },
    { id: 'pedagogie', fr: 'Sens pédagogique', en: 'Teaching sense', max: 5 },
    { id: 'motivation', fr: 'Motivation et disponibilité', en: 'Motivation and availability', max: 5 },
    { id: 'numerique', fr: 'Aisance numérique', en: 'Digital skills', max: 5 },
  ],
};

/** Two candidates who applied to the demo call: one eligible, one not (a Licence student). */
export const DEMO_CANDIDATES = [
  {
    email: 'candidat1@tremplin.test',
    displayName: 'Délali Afanou',
    university: 'univ-lome',
    level: 'master',
    field: 'informatique',
    studentNumber: 'UL-2025-04817',
    motivation:
      "Étudiant en master d'informatique, j'anime déjà un club de programmation au campus et je veux aider les étudiants de licence à progresser.",
  },
  {
    email: 'candidat2@tremplin.test',
    displayName: 'Essohana Pakoubè',
    university: 'univ-kara',
    level: 'licence',
    field: 'mathematiques',
    studentNumber: 'UK-2024-11093',
    motivation:
      "En troisième année de licence de mathématiques, j'aide mes camarades en algèbre et j'aimerais devenir tutrice.",
  },
] as const;
