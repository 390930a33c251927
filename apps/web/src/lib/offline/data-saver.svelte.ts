import { DATA_SAVER_STORAGE_KEY, initialDataSaver } from './data-saver.ts';

/** The data saver's state on this device, as rune state: kept in localStorage, read by every page. */

function stored(): string | null {
  try {
    return globalThis.localStorage?.getItem(DATA_SAVER_STORAGE_KEY) ?? null;
  } catch {
    return null;
  }
}

function saveData(): boolean | undefined {
  const connection = (globalThis.navigator as { connection?: { saveData?: boolean } } | undefined)
    ?.connection;
  return connection?.saveData;
}

let on = $state(initialDataSaver(stored(), saveData()));

export const dataSaver = {
  get on(): boolean {
    return on;
  },
  set(value: boolean): void {
    on = value;
    try {
      globalThis.localStorage?.setItem(DATA_SAVER_STORAGE_KEY, value ? 'on' : 'off');
    } catch {
      // not remembered, still applied to this visit
    }
  },
};
