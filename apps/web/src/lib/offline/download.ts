import type { OfflineCopy } from '#lib/api/types.ts';
import { translate } from '#lib/i18n/translate.ts';
import type { Locale } from '#lib/i18n/types.ts';
import { cacheAvailable } from './cache.ts';
import { API_CACHE } from './cache-rules.ts';

/**
 * « Télécharger pour hors ligne »: the answers a module's pages read are fetched into the API cache
 * (the one the service worker falls back to), then the list itself is stored as the mark that the
 * module is available offline. The mark lives in the same cache as the data: when the cache is
 * emptied (sign-out, another user, the browser's eviction) the mark goes with what it promised.
 */

/** A size as a person reads it: « 850 o », « 12 Ko », « 1,2 Mo » (decimal units, like phones show). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = [
    ['size.gigabytes', 1e9],
    ['size.megabytes', 1e6],
    ['size.kilobytes', 1e3],
  ] as const;
  for (const [key, unit] of units) {
    if (bytes >= unit) {
      const value = bytes / unit;
      const n = new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
      return translate(locale, key, { n });
    }
  }
  return translate(locale, 'size.bytes', { n: new Intl.NumberFormat(locale).format(Math.max(0, bytes)) });
}

/** The room a download must leave free besides its own size, for the rest of the app's data. */
export const STORAGE_MARGIN_BYTES = 20e6;

/**
 * The free space to warn about, or null when there is room: `navigator.storage.estimate()` gives
 * the origin's quota and usage; a download that would leave less than the margin is short.
 */
export function storageShortfall(
  estimate: { quota?: number | undefined; usage?: number | undefined } | null,
  needed: number,
): number | null {
  if (!estimate || estimate.quota === undefined) return null;
  const free = Math.max(0, estimate.quota - (estimate.usage ?? 0));
  return free < needed + STORAGE_MARGIN_BYTES ? free : null;
}

/** Where the mark of a downloaded module is kept in the API cache (never an address the API answers). */
export function offlineMarkUrl(origin: string, slug: string): string {
  return `${origin}/api/modules/${encodeURIComponent(slug)}/offline`;
}

/**
 * What the app reads at boot and on the home page: refreshed with a download so that the module
 * opens offline even if the student never visited those pages since the cache was emptied.
 */
export const BOOT_READS = ['/api/me', '/api/modules', '/api/me/home'] as const;

export interface DownloadProgress {
  done: number;
  total: number;
}

/**
 * Fetches every file of the copy (with the page's language) into the API cache, then stores the
 * mark. Throws on the first failure (network, a non-OK answer, a full disk): the mark is not stored.
 */
export async function downloadModule(
  copy: OfflineCopy,
  locale: Locale,
  onProgress: (progress: DownloadProgress) => void,
): Promise<void> {
  const cache = await caches.open(API_CACHE);
  const urls = [...copy.files.map((f) => f.url), ...BOOT_READS];
  let done = 0;
  onProgress({ done, total: urls.length });
  for (const url of urls) {
    const response = await fetch(url, {
      headers: { Accept: 'application/json', 'Accept-Language': locale },
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    await cache.put(new URL(url, location.origin).href, response);
    onProgress({ done: ++done, total: urls.length });
  }
  await cache.put(
    offlineMarkUrl(location.origin, copy.slug),
    new Response(JSON.stringify(copy), { headers: { 'content-type': 'application/json' } }),
  );
}

/** Whether the module's mark is in the cache (its files were all stored, and not cleared since). */
export async function isDownloaded(slug: string): Promise<boolean> {
  if (!cacheAvailable()) return false;
  const cache = await caches.open(API_CACHE);
  return (await cache.match(offlineMarkUrl(location.origin, slug))) !== undefined;
}

/**
 * Removes the module's lessons and exercises from the device, and its mark. The boot reads stay:
 * the service worker keeps them anyway as the student uses the app.
 */
export async function removeDownload(slug: string): Promise<void> {
  const cache = await caches.open(API_CACHE);
  const mark = offlineMarkUrl(location.origin, slug);
  const stored = await cache.match(mark);
  if (stored) {
    const copy = (await stored.json()) as OfflineCopy;
    for (const file of copy.files) await cache.delete(new URL(file.url, location.origin).href);
  }
  await cache.delete(mark);
}
