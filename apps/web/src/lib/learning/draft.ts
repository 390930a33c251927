/**
 * Autosave of a code draft: saved ~1 s after the student stops typing, at once on blur or when the
 * page is hidden (flush), never two saves at the same time, and the latest text always wins.
 */

export type DraftStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface DraftSaverOptions {
  save: (code: string, options: { keepalive: boolean }) => Promise<unknown>;
  delayMs?: number;
  onStatus?: (status: DraftStatus) => void;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface DraftSaver {
  /** The text changed: save it after the delay. */
  change(code: string): void;
  /** Save now what is not saved yet (blur, page hidden, before leaving). */
  flush(options?: { keepalive?: boolean }): Promise<void>;
  readonly status: DraftStatus;
  /** Stops the timer (the page is gone); does not save. */
  dispose(): void;
}

export function createDraftSaver(initialCode: string, options: DraftSaverOptions): DraftSaver {
  const {
    save,
    delayMs = 1000,
    onStatus,
    setTimer = (cb, ms) => setTimeout(cb, ms),
    clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  } = options;

  let saved = initialCode;
  let latest = initialCode;
  let timer: unknown = null;
  let saving: Promise<void> | null = null;
  let status: DraftStatus = 'idle';
  let disposed = false;

  function setStatus(next: DraftStatus) {
    if (status === next) return;
    status = next;
    onStatus?.(next);
  }

  function cancelTimer() {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  async function saveLatest(keepalive: boolean): Promise<void> {
    // One save at a time; when it ends, save again if the text changed meanwhile.
    while (saving) await saving;
    if (latest === saved) {
      if (status === 'pending') setStatus('saved');
      return;
    }
    const code = latest;
    setStatus('saving');
    saving = save(code, { keepalive }).then(
      () => {
        saved = code;
        saving = null;
        if (disposed) return;
        if (latest === saved) setStatus('saved');
        else setStatus('pending');
      },
      () => {
        saving = null;
        if (!disposed) setStatus('error');
      },
    );
    await saving;
    if (!disposed && latest !== saved && status !== 'error' && timer === null) schedule();
  }

  function schedule() {
    cancelTimer();
    timer = setTimer(() => {
      timer = null;
      void saveLatest(false);
    }, delayMs);
  }

  return {
    get status() {
      return status;
    },
    change(code) {
      if (disposed) return;
      latest = code;
      if (latest === saved && !saving) {
        cancelTimer();
        if (status === 'pending') setStatus('saved');
        return;
      }
      setStatus('pending');
      schedule();
    },
    async flush({ keepalive = false } = {}) {
      cancelTimer();
      if (latest === saved && !saving) return;
      await saveLatest(keepalive);
    },
    dispose() {
      disposed = true;
      cancelTimer();
    },
  };
}
