import { API_CACHE } from './cache-rules.ts';

/** The page's side of the caches the service worker fills (see cache-rules.ts). */

export function cacheAvailable(): boolean {
  return typeof caches !== 'undefined';
}

/**
 * Forgets every kept API answer (personal data: the student's lessons, exercises, drafts, progress)
 * and with them the marks of downloaded modules. Called at sign-out, and at sign-in so that the next
 * user of a shared computer never reads the previous one's data offline.
 */
export async function clearPersonalCache(): Promise<void> {
  if (cacheAvailable()) await caches.delete(API_CACHE);
}
