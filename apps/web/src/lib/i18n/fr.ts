import { structureFr } from './structure-fr.ts';
import { recruitmentFr } from './recruitment-fr.ts';
import { importsFr } from './imports-fr.ts';
import { adminFr } from './admin-fr.ts';
import { dashboardsFr } from './dashboards-fr.ts';
import { studioFr } from './studio-fr.ts';
import { tutorFr } from './tutor-fr.ts';
import { reviewsFr } from './reviews-fr.ts';
import { offlineFr } from './offline-fr.ts';

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
  ...tutorFr,
  ...reviewsFr,
  ...recruitmentFr,
  ...dashboardsFr,
  ...studioFr,
  ...structureFr,
  ...importsFr,
  ...adminFr,
  ...offlineFr,
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

  'demo.label': 'Plateforme de démonstration',
  'demo.title': 'Démonstration',
  'demo.body':
    'Les comptes de démonstration et leur mot de passe sont publics\u202f: n’y saisissez aucune donnée personnelle.',

  'signInFailures.heading': 'Échecs de connexion d’un compte',
  'signInFailures.intro':
    'Pour aider une personne qui ne parvient pas à se connecter\u202f: ses échecs récents, par adresse réseau. Une connexion réussie efface ceux de son adresse.',
  'signInFailures.email': 'Adresse e-mail du compte',
  'signInFailures.search': 'Consulter',
  'signInFailures.searching': 'Recherche…',
  'signInFailures.none': 'Aucun échec de connexion récent pour {email}.',
  'signInFailures.found': 'Échecs de connexion récents pour {email}, par adresse réseau\u202f:',
  'signInFailures.count': 'Nombre',
  'signInFailures.failures.one': '{count} échec',
  'signInFailures.failures.other': '{count} échecs',
  'signInFailures.lastAt': 'Dernier échec',
  'signInFailures.firstAt': 'Premier échec',
  'signInFailures.retry': 'Nouvel essai possible',
  'signInFailures.retryNow': 'dès maintenant',

  'error.network': 'Le serveur est injoignable. Vérifiez votre connexion Internet puis réessayez.',
  'error.unexpected': 'Une erreur inattendue s’est produite. Veuillez réessayer.',
  'error.retry': 'Réessayer',
  'error.pageTitle': 'Erreur',
  'error.notFound.title': 'Page introuvable',
  'error.notFound.body': 'Cette adresse ne correspond à aucune page de Tremplin.',
  'error.generic.title': 'Un problème est survenu',
  'error.backHome': 'Retour à l’accueil',

  'nav.student.label': 'Espace étudiant',
  'nav.student.home': 'Mes modules',
  'nav.student.vocabulary': 'Vocabulaire',
  'nav.student.progress': 'Ma progression',
  'nav.breadcrumbs': 'Fil d’Ariane',
  'nav.steps': 'Étapes du module',
  'nav.previous': 'Précédent',
  'nav.next': 'Suivant',

  'common.cancel': 'Annuler',
  'common.close': 'Fermer',

  'discipline.programming': 'Programmation',
  'discipline.ai': 'Intelligence artificielle',
  'discipline.english': 'Anglais technique',
  'discipline.tutoring': 'Formation des tuteurs',

  'kind.code': 'Code',
  'kind.choice': 'Choix',
  'kind.cloze': 'Texte à trous',
  'kind.ordering': 'Remise en ordre',
  'kind.matching': 'Association',
  'kind.dictation': 'Dictée',
  'kind.writing': 'Rédaction',
  'kind.vocabulary': 'Vocabulaire',

  'home.modules': 'Mes modules',
  'home.noModules': 'Vous n’êtes inscrit à aucun module pour le moment.',
  'home.vocabulary': 'Vocabulaire',
  'home.vocabularyDue.one': '{count} carte à réviser aujourd’hui',
  'home.vocabularyDue.other': '{count} cartes à réviser aujourd’hui',
  'home.vocabularyNone': 'Aucune carte à réviser aujourd’hui.',
  'home.vocabularyReview': 'Réviser le vocabulaire',
  'home.recentFeedback': 'Derniers résultats',
  'home.noFeedback': 'Vos résultats corrigés apparaîtront ici.',
  'home.progressLink': 'Voir toute ma progression',

  'module.exercisesDone': '{done} exercice(s) réussi(s) sur {total}',
  'module.lessonsRead': '{read} leçon(s) lue(s) sur {total}',
  'module.score': 'Score\u202f: {score}',
  'module.progressLabel': 'Progression dans {title}',
  'module.next': 'À faire ensuite',
  'module.complete': 'Module terminé, bravo\u202f!',
  'module.lessons': 'Leçons',
  'module.exercises': 'Exercices',
  'module.noLessons': 'Ce module n’a pas de leçon.',
  'module.noExercises': 'Ce module n’a pas d’exercice.',

  'lesson.read': 'Lue',
  'lesson.unread': 'À lire',
  'lesson.readWhenDone': 'La leçon sera marquée comme lue quand vous en aurez atteint la fin.',
  'lesson.exercises': 'Exercices de cette leçon',

  'exercise.instructions': 'Consignes',
  'exercise.workArea': 'Votre réponse',
  'exercise.showHint': 'Voir un indice',
  'exercise.nextHint': 'Indice suivant',
  'exercise.hintNumber': 'Indice {n}',
  'exercise.changedSinceSolved': 'Modifié depuis votre réussite',
  'exercise.changedSinceSolvedTitle':
    'Les tests ou la correction de cet exercice ont changé depuis que vous l’avez réussi : votre réussite compte toujours.',
  'exercise.notAttempted': 'Pas encore tenté',
  'exercise.bestScore': 'Meilleur score\u202f: {score}',
  'exercise.attempts.one': '{count} tentative',
  'exercise.attempts.other': '{count} tentatives',

  'editor.label': 'Éditeur de code – {title}',
  'editor.loading': 'Chargement de l’éditeur…',
  'editor.monacoHelp':
    'Clavier\u202f: Ctrl+M puis Tab pour sortir de l’éditeur ; Alt+F1 pour l’aide d’accessibilité.',
  'editor.plainHelp': 'Tab insère une indentation\u202f; Échap puis Tab pour sortir de l’éditeur.',
  'editor.monacoUnavailable': 'L’éditeur avancé n’a pas pu être chargé\u202f: l’éditeur simple le remplace.',
  'editor.useSimple': 'Éditeur simple',
  'editor.useAdvanced': 'Éditeur avancé',
  'editor.reset': 'Revenir au code de départ',
  'editor.resetTitle': 'Revenir au code de départ\u202f?',
  'editor.resetBody':
    'Votre code actuel sera remplacé par le code de départ de l’exercice. Vos soumissions restent dans l’historique.',
  'editor.resetConfirm': 'Remplacer mon code',

  'draft.pending': 'Modifications non enregistrées',
  'draft.saving': 'Enregistrement…',
  'draft.saved': 'Enregistré',
  'draft.error': 'Brouillon non enregistré (nouvel essai à la prochaine modification)',

  'code.run': 'Exécuter les tests',
  'code.running': 'Exécution…',
  'code.submit': 'Soumettre',
  'code.ranOnDevice': 'Tests visibles exécutés sur cet appareil',
  'code.runResults': 'Résultats des tests visibles',
  'code.runHint':
    '« Exécuter » lance les tests visibles sur votre code. La soumission ajoute {count} test(s) caché(s) et donne la note.',
  'code.visibleTests': 'Voir le code des tests visibles',

  'tests.passedCount': '{passed} test(s) réussi(s) sur {total}',
  'tests.status.pass': 'Réussi',
  'tests.status.fail': 'Échoué',
  'tests.status.error': 'Erreur',
  'tests.status.skipped': 'Ignoré',
  'tests.status.todo': 'À faire',
  'tests.hidden': '(test caché)',
  'tests.output': 'Sortie de la console',

  'submission.pending': 'Correction en cours…',
  'submission.sending': 'Envoi de votre réponse…',
  'submission.grading': 'Correction en cours…',
  'submission.resultHeading': 'Résultat',
  'submission.score': 'Note\u202f: {score}',
  'submission.gradingFailed':
    'La correction automatique a échoué. Réessayez\u202f; si cela persiste, demandez de l’aide.',
  'submission.timeout':
    'La correction prend plus de temps que prévu. Le résultat apparaîtra dans l’historique.',
  'submission.status.queued': 'En attente',
  'submission.status.grading': 'En correction',
  'submission.status.graded': 'Corrigée',
  'submission.status.error': 'Échec de la correction',

  'history.heading': 'Mes soumissions',
  'history.loading': 'Chargement de l’historique…',
  'history.empty': 'Aucune soumission pour le moment.',
  'history.showCode': 'Afficher le code',

  'answers.submit': 'Valider ma réponse',
  'answers.unanswered.one': '{count} réponse manquante',
  'answers.unanswered.other': '{count} réponses manquantes',
  'answers.status.correct': 'Juste',
  'answers.status.acceptedTypo': 'Accepté, attention à l’orthographe',
  'answers.status.wrong': 'Faux',
  'answers.status.missing': 'Manquant',
  'answers.expected': 'Réponse attendue\u202f: {expected}',
  'answers.hint': 'Indice\u202f:',
  'answers.needsReview': 'Cette note est provisoire\u202f: votre réponse sera relue par un correcteur.',
  'answers.result.pass': 'Tout est juste, bravo\u202f!',
  'answers.result.partial': 'En partie juste.',
  'answers.result.fail': 'Pas encore juste.',
  'answers.readout.none': 'Aucune réponse.',
  'answers.readout.matchedWith': 'associé à',

  'choice.legendSingle': 'Choisissez une réponse',
  'choice.legendMultiple': 'Choisissez une ou plusieurs réponses',

  'cloze.gap': 'Trou {number}',

  'ordering.instructions':
    'Faites glisser les éléments par leur poignée, ou utilisez les boutons Monter et Descendre.',
  'ordering.up': 'Monter',
  'ordering.down': 'Descendre',
  'ordering.moveUp': 'Monter «\u202f{item}\u202f»',
  'ordering.moveDown': 'Descendre «\u202f{item}\u202f»',
  'ordering.moved': '«\u202f{item}\u202f» est maintenant en position {position} sur {total}.',
  'ordering.preview': 'Votre phrase\u202f:',

  'matching.instructions': 'Pour chaque terme, choisissez son correspondant.',
  'matching.choose': '— Choisir —',
  'matching.used': '(déjà choisi)',

  'dictation.play': 'Écouter',
  'dictation.playing': 'Lecture…',
  'dictation.playsLeft.one': '{count} écoute restante',
  'dictation.playsLeft.other': '{count} écoutes restantes',
  'dictation.rate': 'Vitesse',
  'dictation.answerLabel': 'Écrivez ce que vous entendez',
  'dictation.unsupported':
    'Votre navigateur ne sait pas lire un texte à voix haute\u202f: la dictée ne peut pas être écoutée ici. Essayez un autre navigateur (Chrome, Edge, Firefox récents) ou demandez de l’aide.',
  'dictation.noVoice':
    'Aucune voix anglaise n’est installée sur cet appareil\u202f: la lecture risque d’être muette ou avec un mauvais accent. Vous pouvez quand même écrire et soumettre votre réponse.',
  'dictation.word': 'Mot {number}',

  'writing.answerLabel': 'Votre texte (en anglais)',
  'writing.answerLabelFr': 'Votre texte',
  'writing.excerpt': 'Document',
  'writing.words.one': '{count} mot',
  'writing.words.other': '{count} mots',
  'writing.limits': 'entre {min} et {max} mots',
  'writing.tooShort.one': 'encore {count} mot au minimum',
  'writing.tooShort.other': 'encore {count} mots au minimum',
  'writing.tooLong.one': '{count} mot de trop',
  'writing.tooLong.other': '{count} mots de trop',

  'vocabulary.setSize.one': '{count} mot à apprendre avec la révision quotidienne\u202f:',
  'vocabulary.setSize.other': '{count} mots à apprendre avec la révision quotidienne\u202f:',
  'vocabulary.reviewLink': 'Aller à la révision du vocabulaire',

  'help.button': 'Demander de l’aide',
  'help.title': 'Demander de l’aide',
  'help.intro': 'Votre tuteur sera prévenu et verra sur quel exercice vous êtes bloqué.',
  'help.messageLabel': 'Votre message (facultatif)',
  'help.send': 'Envoyer',
  'help.sending': 'Envoi…',
  'help.sent': 'Votre tuteur a été prévenu.',

  'review.pageTitle': 'Révision du vocabulaire',
  'review.heading': 'Révision du vocabulaire',
  'review.remaining.one': '{count} carte restante',
  'review.remaining.other': '{count} cartes restantes',
  'review.cardLabel': 'Carte de vocabulaire',
  'review.new': 'Nouveau mot',
  'review.reveal': 'Voir la traduction',
  'review.revealShortcut': 'Raccourci\u202f: barre d’espace',
  'review.rateLabel': 'Le connaissiez-vous\u202f?',
  'review.rateShortcut': 'Raccourcis\u202f: touches 1 à 4',
  'review.again': 'À revoir',
  'review.hard': 'Difficile',
  'review.good': 'Bien',
  'review.easy': 'Facile',
  'review.done': 'Terminé pour aujourd’hui',
  'review.reviewedCount.one': 'Vous avez révisé {count} carte. Revenez demain\u202f!',
  'review.reviewedCount.other': 'Vous avez révisé {count} cartes. Revenez demain\u202f!',
  'review.nothingDue': 'Aucune carte à réviser pour le moment.',
  'review.backHome': 'Retour à mes modules',

  'progress.pageTitle': 'Ma progression',
  'progress.heading': 'Ma progression',
  'progress.modules': 'Modules',
  'progress.completion': '{percent}\u202f% terminé',
  'progress.score': 'Score',
  'progress.activity': 'Activité des 8 dernières semaines',
  'progress.exercises': 'Exercices',
  'progress.exercise': 'Exercice',
  'progress.kind': 'Type',
  'progress.bestScore': 'Meilleur score',
  'progress.attempts': 'Tentatives',

  'chart.title': 'Activité par semaine (exécutions, soumissions, leçons lues, révisions)',
  'chart.weekDescription': 'semaine du {start}\u202f: {count}',
  'chart.summary.one': '{count} activité en 8 semaines.',
  'chart.summary.other': '{count} activités en 8 semaines.',
  'chart.thisWeek.one': 'Cette semaine\u202f: {count}.',
  'chart.thisWeek.other': 'Cette semaine\u202f: {count}.',
} as const;
