/**
 * French messages of the offline features (spread into `fr`): the module download, the data
 * saver and the app's update. Same conventions as fr.ts: narrow no-break space (U+202F) before : ; ! ?
 */
export const offlineFr = {
  'offline.download': 'Télécharger pour hors ligne',
  'offline.heading': 'Hors ligne',
  'offline.measuring': 'Calcul de la taille…',
  'offline.size': 'Taille à télécharger\u202f: {size}',
  'offline.files.one': '{count} leçon ou exercice',
  'offline.files.other': '{count} leçons et exercices',
  'offline.storageShort':
    'Il reste peu de place sur cet appareil ({free} libres)\u202f: le téléchargement risque d’échouer ou d’être effacé par le navigateur.',
  'offline.confirm': 'Confirmer le téléchargement',
  'offline.cancel': 'Annuler',
  'offline.progress': 'Téléchargement\u202f: {done} sur {total}',
  'offline.available': 'Disponible hors ligne',
  'offline.remove': 'Retirer de l’appareil',
  'offline.unsupported': 'Ce navigateur ne peut pas garder de module hors ligne.',
  'offline.failed':
    'Le téléchargement n’a pas abouti (réseau coupé ou place insuffisante). Réessayez plus tard.',
  'update.label': 'Mise à jour de Tremplin',
  'update.available':
    'Une nouvelle version de Tremplin est disponible. La page se rechargera\u202f: terminez d’abord ce que vous écrivez.',
  'update.apply': 'Mettre à jour',
  'update.applying': 'Mise à jour…',
  'update.later': 'Plus tard',
  'update.takenOver':
    'Tremplin a été mis à jour dans un autre onglet\u202f: rechargez cette page avant de continuer.',
  'update.reload': 'Recharger la page',
  'dataSaver.label': 'Économie de données',
  'dataSaver.showImage': 'Afficher l’image',
  'dataSaver.showImageSized': 'Afficher l’image ({size})',
  'size.bytes': '{n} o',
  'size.kilobytes': '{n} Ko',
  'size.megabytes': '{n} Mo',
  'size.gigabytes': '{n} Go',
} as const;
