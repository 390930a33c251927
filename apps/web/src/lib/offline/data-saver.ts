/**
 * « Économie de données »: pure rules of the data saver (the state lives in data-saver.svelte.ts).
 * On, lesson images heavier than a limit wait for a tap, nothing plays by itself, and the editor is
 * the plain one (Monaco is megabytes).
 */

export const DATA_SAVER_STORAGE_KEY = 'tremplin.dataSaver';

/** Images up to this size (known from a data: address) are shown even in the data saver. */
export const IMAGE_LIMIT_BYTES = 20_000;

/**
 * On or off for this device: the student's own choice if they made one, else the browser's
 * "save data" preference (Chrome's Lite mode, Android's data saver).
 */
export function initialDataSaver(stored: string | null, saveData: boolean | undefined): boolean {
  if (stored === 'on') return true;
  if (stored === 'off') return false;
  return saveData === true;
}

/** The size of a data: image from its address (base64 or percent-encoded), or null for another address. */
export function dataUriBytes(src: string): number | null {
  const match = /^data:[^,]*?(;base64)?,(.*)$/is.exec(src);
  if (!match) return null;
  const body = match[2] ?? '';
  if (match[1]) {
    const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
    return Math.floor((body.length * 3) / 4) - padding;
  }
  try {
    return new TextEncoder().encode(decodeURIComponent(body)).byteLength;
  } catch {
    return body.length;
  }
}

/** Whether an image waits for a tap: its size is unknown, or above the limit. */
export function holdsImage(src: string): { hold: boolean; bytes: number | null } {
  const bytes = dataUriBytes(src);
  return { hold: bytes === null || bytes > IMAGE_LIMIT_BYTES, bytes };
}
