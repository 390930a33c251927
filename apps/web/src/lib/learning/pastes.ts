import type { PasteEvent } from '@tremplin/contracts';

/** The API takes at most this many pastes with one draft save (DraftBody.pastes). */
export const MAX_PASTES_PER_SAVE = 20;

/**
 * The pastes into the code editor since the last draft save: size, whether the editor held nothing
 * else (blank, or everything was selected and replaced), time since the exercise was opened. They go
 * with the next draft save and are cleared once it is saved, or put back if the save failed.
 */
export interface PasteRecorder {
  record(paste: { chars: number; intoEmpty: boolean }): void;
  /** Takes the pending pastes for a save (undefined when there are none). */
  take(): PasteEvent[] | undefined;
  /** The save that carried them failed: keep them for the next one. */
  restore(pastes: PasteEvent[] | undefined): void;
}

export function createPasteRecorder(
  openedAt: number,
  now: () => number = () => performance.now(),
): PasteRecorder {
  let pending: PasteEvent[] = [];
  return {
    record({ chars, intoEmpty }) {
      if (chars <= 0) return;
      const msSinceOpen = Math.max(0, Math.round(now() - openedAt));
      // The oldest are dropped beyond the limit: a long session's early pastes matter least.
      pending = [...pending, { chars, intoEmpty, msSinceOpen }].slice(-MAX_PASTES_PER_SAVE);
    },
    take() {
      if (pending.length === 0) return undefined;
      const taken = pending;
      pending = [];
      return taken;
    },
    restore(pastes) {
      if (!pastes) return;
      pending = [...pastes, ...pending].slice(-MAX_PASTES_PER_SAVE);
    },
  };
}

/** Whether a paste leaves the editor holding only the pasted text (what was not replaced is blank). */
export function pasteIntoEmpty(before: string, selectionStart: number, selectionEnd: number): boolean {
  return (before.slice(0, selectionStart) + before.slice(selectionEnd)).trim() === '';
}
