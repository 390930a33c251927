import type { offlineFr } from './offline-fr.ts';

/** English messages of the offline features: exactly the keys of `offlineFr`. */
export const offlineEn: { readonly [K in keyof typeof offlineFr]: string } = {
  'offline.download': 'Download for offline use',
  'offline.heading': 'Offline',
  'offline.measuring': 'Measuring the size…',
  'offline.size': 'Size to download: {size}',
  'offline.files.one': '{count} lesson or exercise',
  'offline.files.other': '{count} lessons and exercises',
  'offline.storageShort':
    'This device is short of space ({free} free): the download may fail or be cleared by the browser.',
  'offline.confirm': 'Confirm the download',
  'offline.cancel': 'Cancel',
  'offline.progress': 'Downloading: {done} of {total}',
  'offline.available': 'Available offline',
  'offline.remove': 'Remove from this device',
  'offline.unsupported': 'This browser cannot keep a module offline.',
  'offline.failed': 'The download did not complete (network down or not enough space). Try again later.',
  'update.label': 'Tremplin update',
  'update.available':
    'A new version of Tremplin is available. The page will reload: finish what you are writing first.',
  'update.apply': 'Update',
  'update.applying': 'Updating…',
  'update.later': 'Later',
  'update.takenOver': 'Tremplin was updated in another tab: reload this page before going on.',
  'update.reload': 'Reload the page',
  'dataSaver.label': 'Data saver',
  'dataSaver.showImage': 'Show the image',
  'dataSaver.showImageSized': 'Show the image ({size})',
  'size.bytes': '{n} B',
  'size.kilobytes': '{n} KB',
  'size.megabytes': '{n} MB',
  'size.gigabytes': '{n} GB',
};
