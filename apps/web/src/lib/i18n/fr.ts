/**
 * French messages: the source dictionary. Every other language must provide exactly these keys
 * (enforced by the `Messages` type in `en.ts`).
 *
 * Conventions:
 * - keys are `feature.thing`, flat;
 * - `{name}` is a placeholder filled by `t(key, { name })`; the placeholders are part of the key's type;
 * - plurals are two keys ending in `.one` / `.other`, chosen by `tn()` with Intl.PluralRules
 *   (in French 0 and 1 are "one");
 * - French typography: narrow no-break space (U+202F) before ! ? ; : and typographic apostrophes.
 */
export const fr = {
  'app.name': 'Tremplin',
  'app.tagline': 'Programme national de compétences numériques',
  'app.skipToContent': 'Aller au contenu',

  'lang.switchLabel': 'Langue',

  'nav.spaces': 'Mes espaces',
  'nav.signOut': 'Se déconnecter',
  'nav.signingOut': 'Déconnexion…',

  'login.pageTitle': 'Connexion',
  'login.heading': 'Connexion',
  'login.intro': 'Utilisez l’adresse e-mail et le mot de passe que votre université vous a remis.',
  'login.email': 'Adresse e-mail',
  'login.password': 'Mot de passe',
  'login.showPassword': 'Afficher le mot de passe',
  'login.submit': 'Se connecter',
  'login.submitting': 'Connexion en cours…',
  'login.emailRequired': 'Saisissez votre adresse e-mail.',
  'login.emailInvalid': 'Saisissez une adresse e-mail valide, par exemple nom@exemple.tg.',
  'login.passwordRequired': 'Saisissez votre mot de passe.',

  'role.student': 'Étudiant',
  'role.tutor': 'Tuteur',
  'role.author': 'Auteur',
  'role.grader': 'Correcteur',
  'role.coordinator': 'Coordination',
  'role.admin': 'Administration',

  'space.student.title': 'Espace étudiant',
  'space.tutor.title': 'Espace tuteur',
  'space.author.title': 'Espace auteur',
  'space.grader.title': 'Espace correcteur',
  'space.coordinator.title': 'Espace coordination',
  'space.admin.title': 'Espace administration',
  'space.welcome': 'Bonjour {name}\u202f!',
  'space.comingSoon': 'Les outils de cet espace arrivent bientôt.',
  'space.notAllowed.title': 'Accès non autorisé',
  'space.notAllowed.body': 'Votre compte n’a pas accès à cet espace.',
  'space.notAllowed.back': 'Retour à mon espace',
  'space.noRole': 'Aucun espace n’est encore associé à votre compte. Contactez la coordination du programme.',

  'student.groupHeading': 'Mon groupe',
  'student.university': 'Université',
  'student.tutor': 'Tuteur',
  'student.noGroup': 'Vous n’êtes encore inscrit dans aucun groupe.',

  'groups.mine': 'Mes groupes',
  'groups.all': 'Tous les groupes',
  'groups.loading': 'Chargement des groupes…',
  'groups.empty': 'Aucun groupe pour le moment.',
  'groups.university': 'Université',
  'groups.cohort': 'Cohorte',
  'groups.tutor': 'Tuteur',
  'groups.learners.one': '{count} apprenant',
  'groups.learners.other': '{count} apprenants',

  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion Internet puis réessayez.',
  'error.unexpected': 'Une erreur inattendue s’est produite. Veuillez réessayer.',
  'error.retry': 'Réessayer',
  'error.pageTitle': 'Erreur',
  'error.notFound.title': 'Page introuvable',
  'error.notFound.body': 'Cette adresse ne correspond à aucune page de Tremplin.',
  'error.generic.title': 'Un problème est survenu',
  'error.backHome': 'Retour à l’accueil',
} as const;
