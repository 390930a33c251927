/**
 * Autosave of a module draft. The draft is saved 1.5 s after the author's last change, at once when
 * they leave (flush), one save at a time, the latest content always winning. Each save carries the
 * revision it starts from: when another author saved in between, the API refuses it (409) and the
 * saver stops in `conflict` — it never retries over the other author's work; the page offers to reload
 * their version instead.
 *
 * States: `saved` (nothing to save, `savedAt` says when), `pending` (changes wait for the delay),
 * `saving`, `error` (the last save failed: tried again at the next change or flush), `conflict`.
 */

export type AutosaveState = 'saved' | 'pending' | 'saving' | 'error' | 'conflict';

export interface SaveResult {
  revision: number;
  updatedAt: string;
}

export interface AutosaveStatus {
  state: AutosaveState;
  /** When the draft was last saved (by this page, or as loaded). */
  savedAt: string | null;
  revision: number;
  /** The refusal that stopped the saver, for `conflict` and `error`. */
  error: unknown;
}

export interface AutosaveOptions<T> {
  save: (content: T, revision: number, options: { keepalive: boolean }) => Promise<SaveResult>;
  /** Whether a failed save means "someone else saved first" (409 stale draft). */
  isConflict: (error: unknown) => boolean;
  onStatus?: (status: AutosaveStatus) => void;
  delayMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface Autosave<T> {
  /** The content changed: save it after the delay. */
  change(content: T): void;
  /** Save now whatever is not saved (leaving the page, before validating or publishing). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  /** Start again from a version loaded from the server (after a conflict: their version). */
  reset(content: T, revision: number, savedAt: string | null): void;
  readonly status: AutosaveStatus;
  /** Whether everything the author wrote is saved. */
  readonly clean: boolean;
  dispose(): void;
}

export const AUTOSAVE_DELAY_MS = 1500;

export function createAutosave<T>(
  initial: T,
  revision: number,
  savedAt: string | null,
  options: AutosaveOptions<T>,
): Autosave<T> {
  const {
    save,
    isConflict,
    onStatus,
    delayMs = AUTOSAVE_DELAY_MS,
    setTimer = (cb, ms) => setTimeout(cb, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  } = options;

  // Compared as JSON: the editor mutates one object in place, so the text is what tells a change.
  let savedText = JSON.stringify(initial);
  let latest = initial;
  let latestText = savedText;
  let status: AutosaveStatus = { state: 'saved', savedAt, revision, error: null };
  let timer: unknown = null;
  let saving: Promise<void> | null = null;
  let disposed = false;
  /** Bumped by reset(): a save that was on its way for the replaced content is then ignored. */
  let generation = 0;

  function set(next: Partial<AutosaveStatus>) {
    const merged = { ...status, ...next };
    if (
      merged.state === status.state &&
      merged.savedAt === status.savedAt &&
      merged.revision === status.revision &&
      merged.error === status.error
    )
      return;
    status = merged;
    if (!disposed) onStatus?.(status);
  }

  function cancelTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function schedule() {
    cancelTimer();
    timer = setTimer(() => {
      timer = null;
      void saveLatest(false);
    }, delayMs);
  }

  async function saveLatest(keepalive: boolean): Promise<void> {
    while (saving) await saving;
    if (status.state === 'conflict') return;
    if (latestText === savedText) {
      if (status.state === 'pending' || status.state === 'error') set({ state: 'saved', error: null });
      return;
    }
    const text = latestText;
    // A copy: the editor goes on mutating `latest` while the request is on its way.
    const content = JSON.parse(text) as T;
    set({ state: 'saving', error: null });
    const started = generation;
    saving = save(content, status.revision, { keepalive }).then(
      (result) => {
        saving = null;
        if (started !== generation) return;
        savedText = text;
        const state = latestText === savedText ? 'saved' : 'pending';
        set({ state, revision: result.revision, savedAt: result.updatedAt });
      },
      (error: unknown) => {
        saving = null;
        if (started !== generation) return;
        set({ state: isConflict(error) ? 'conflict' : 'error', error });
      },
    );
    await saving;
    if (!disposed && status.state === 'pending' && timer === null) schedule();
  }

  return {
    get status() {
      return status;
    },
    get clean() {
      return latestText === savedText && !saving;
    },
    change(content) {
      if (disposed) return;
      latest = content;
      latestText = JSON.stringify(latest);
      if (status.state === 'conflict') return;
      if (latestText === savedText && !saving) {
        cancelTimer();
        if (status.state === 'pending') set({ state: 'saved' });
        return;
      }
      if (status.state !== 'saving') set({ state: 'pending' });
      schedule();
    },
    async flush({ keepalive = false } = {}) {
      cancelTimer();
      if (status.state === 'conflict') return;
      if (latestText === savedText && !saving) return;
      await saveLatest(keepalive);
    },
    reset(content, nextRevision, nextSavedAt) {
      cancelTimer();
      generation++;
      latest = content;
      latestText = savedText = JSON.stringify(content);
      set({ state: 'saved', revision: nextRevision, savedAt: nextSavedAt, error: null });
    },
    dispose() {
      disposed = true;
      cancelTimer();
    },
  };
}
