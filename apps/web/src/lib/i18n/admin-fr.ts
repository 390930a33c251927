/**
 * French messages of the administrators' space (spread into `fr`). Same conventions as fr.ts:
 * narrow no-break space (U+202F) before : ; ! ?
 */
export const adminFr = {
  'queue.heading': 'File de correction',
  'queue.intro':
    'Les corrections en échec ont épuisé leurs tentatives\u202f: l’étudiant voit sa soumission en erreur. Relancez-les une fois la cause réglée.',
  'queue.counts': 'État de la file',
  'queue.queued': 'En attente',
  'queue.running': 'En cours',
  'queue.failed': 'En échec',
  'queue.oldest': 'Attente la plus longue',
  'queue.oldestNone': 'aucune',
  'queue.seconds': '{count}\u202fs',
  'queue.minutes': '{count}\u202fmin',
  'queue.hours': '{count}\u202fh',
  'queue.dead': 'Corrections en échec',
  'queue.loading': 'Chargement de la file…',
  'queue.none': 'Aucune correction en échec.',
  'queue.learner': 'Étudiant',
  'queue.exercise': 'Exercice',
  'queue.attempts': 'Tentatives',
  'queue.error': 'Dernière erreur',
  'queue.noError': 'non enregistrée',
  'queue.submittedAt': 'Soumise le',
  'queue.failedAt': 'En échec depuis le',
  'queue.retry': 'Relancer',
  'queue.retryLabel': 'Relancer la correction de {learner} pour {exercise}',
  'queue.retrying': 'Relance…',
  'queue.retried': 'La correction de {learner} pour {exercise} est de nouveau en file.',
  'queue.more': 'Afficher plus',
  'queue.refresh': 'Actualiser',
} as const;
