import { isApiError } from '#lib/api/client.ts';
import type { DraftConflictBody, PasteEvent } from '#lib/api/types.ts';
import type { DraftRecord, OfflineStore } from './idb.ts';

/**
 * Drafts on the device: every change is kept locally at once, and saved on the server from the
 * version it was written from (`base`). When another device saved since, the server keeps its
 * draft and answers it: both versions are shown and the student chooses (nothing is overwritten).
 */

export type ServerDraft = DraftConflictBody['server'];

/** Two versions of a draft, the student chooses one. */
export interface DraftChoice {
  local: { code: string; changedAt: string };
  server: ServerDraft;
}

export class DraftConflictError extends Error {
  override readonly name = 'DraftConflictError';
  readonly server: ServerDraft;
  constructor(server: ServerDraft) {
    super('draft conflict');
    this.server = server;
  }
}

export type Opening =
  /** Show this text; `push`: it was typed here and still has to be saved. */
  { code: string; base: string | null; push: boolean } | { conflict: DraftChoice; base: string | null };

/**
 * What opening an exercise shows, from the server's draft (null: none, or unknown offline) and
 * this device's record. Work typed here and not saved yet wins over the draft it was written
 * from; if the server's draft changed since, the student chooses.
 */
export function openDraft(
  server: ServerDraft | null,
  local: DraftRecord | undefined,
  starter: string,
  { online }: { online: boolean },
): Opening {
  const serverBase = server?.updatedAt ?? null;
  if (!local) return { code: server?.code ?? starter, base: serverBase, push: false };
  if (!local.dirty) {
    // Saved already: the server's draft is the newest (unless it is unknown offline).
    if (!online && !server) return { code: local.code, base: local.base, push: false };
    return { code: server?.code ?? starter, base: serverBase, push: false };
  }
  // The page came from the device's cache offline, or the server still has the base: keep going.
  if (!online || local.base === serverBase || (server && server.code === local.code))
    return { code: local.code, base: online ? serverBase : local.base, push: true };
  if (!server) return { code: local.code, base: null, push: true };
  return { conflict: { local: { code: local.code, changedAt: local.changedAt }, server }, base: local.base };
}

export interface DraftSync {
  /** What the page opened with: the device's record from now on. */
  adopt(opening: { code: string; base: string | null; push: boolean }): Promise<void>;
  /** Keeps the text on the device at once (every keystroke). */
  keep(code: string): Promise<void>;
  /** Saves the device's text on the server from its base; throws DraftConflictError on a conflict. */
  push(options?: { keepalive?: boolean; pastes?: PasteEvent[] | undefined }): Promise<void>;
  /** The student chose: `code` is saved over the server's draft of `base`. */
  choose(code: string, base: string): Promise<void>;
}

export type SaveDraft = (
  exerciseId: string,
  code: string,
  options: { keepalive?: boolean; pastes?: PasteEvent[] | undefined; base: string | null },
) => Promise<{ updatedAt: string }>;

export function draftSync(
  store: Pick<OfflineStore, 'getDraft' | 'putDraft'>,
  exerciseId: string,
  save: SaveDraft,
  now: () => Date = () => new Date(),
): DraftSync {
  async function record(): Promise<DraftRecord | undefined> {
    return store.getDraft(exerciseId);
  }

  async function push(options: { keepalive?: boolean; pastes?: PasteEvent[] | undefined } = {}) {
    const local = await record();
    if (!local?.dirty) return;
    const { code, base } = local;
    let savedAt: string;
    try {
      savedAt = (await save(exerciseId, code, { ...options, base })).updatedAt;
    } catch (error) {
      const server = conflictOf(error);
      if (!server) throw error;
      // This device's own earlier save (its answer was lost): nothing to choose.
      if (server.code !== code) throw new DraftConflictError(server);
      savedAt = server.updatedAt;
    }
    const after = await record();
    // Typed on meanwhile: the next push goes from the draft just saved.
    await store.putDraft({
      ...(after ?? local),
      base: savedAt,
      dirty: after !== undefined && after.code !== code,
    });
  }

  return {
    async adopt({ code, base, push: dirty }) {
      const local = await record();
      await store.putDraft({
        exerciseId,
        code,
        base,
        dirty,
        changedAt: dirty && local ? local.changedAt : now().toISOString(),
      });
    },
    async keep(code) {
      const local = await record();
      if (local && local.code === code) return;
      await store.putDraft({
        exerciseId,
        code,
        base: local?.base ?? null,
        dirty: true,
        changedAt: now().toISOString(),
      });
    },
    push,
    async choose(code, base) {
      await store.putDraft({ exerciseId, code, base, dirty: true, changedAt: now().toISOString() });
      await push();
    },
  };
}

/** The server's draft of a 409 TREMPLIN_ERR_DRAFT_CONFLICT, or null for any other error. */
export function conflictOf(error: unknown): ServerDraft | null {
  if (!isApiError(error) || error.code !== 'TREMPLIN_ERR_DRAFT_CONFLICT') return null;
  const server = error.details?.server as ServerDraft | undefined;
  return server && typeof server.code === 'string' ? server : null;
}
