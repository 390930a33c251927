import type { SubmissionPayload } from '#lib/api/learning.ts';

/**
 * What the student's work keeps on the device, in IndexedDB: one database per signed-in user
 * (`tremplin-offline-<user id>`), so that two students on one lab computer never see each other's
 * drafts or queued submissions. Signing out closes it but keeps it: the queued work of that user is
 * sent when they sign in again, and nobody else opens it.
 */

/** A code exercise's draft as this device knows it. */
export interface DraftRecord {
  exerciseId: string;
  code: string;
  /** The server's draft this text was written from (its updatedAt; null: there was none). */
  base: string | null;
  /** Typed here and not saved on the server yet. */
  dirty: boolean;
  /** When it last changed on this device. */
  changedAt: string;
}

/** A submission waiting to be sent (made offline, or its send failed on the network). */
export interface OutboxRecord {
  /** Its idempotency key: the same one for every send, so a resend never makes a second submission. */
  key: string;
  /** Sending order: the order the student made them in. */
  seq: number;
  exerciseId: string;
  payload: SubmissionPayload;
  /** When the student made it (sent as clientCreatedAt). */
  createdAt: string;
  /** Failed sends so far, and when the next may be tried (ms since the epoch). */
  attempts: number;
  nextAttemptAt: number;
}

export interface OfflineStore {
  getDraft(exerciseId: string): Promise<DraftRecord | undefined>;
  putDraft(record: DraftRecord): Promise<void>;
  dirtyDrafts(): Promise<DraftRecord[]>;
  /** The queued submissions, in sending order. */
  outbox(): Promise<OutboxRecord[]>;
  putOutbox(record: OutboxRecord): Promise<void>;
  deleteOutbox(key: string): Promise<void>;
  getMeta(name: string): Promise<string | undefined>;
  setMeta(name: string, value: string): Promise<void>;
  close(): void;
}

const VERSION = 1;
const DRAFTS = 'drafts';
const OUTBOX = 'outbox';
const META = 'meta';

export function databaseName(userId: string): string {
  return `tremplin-offline-${userId}`;
}

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/** Opens the user's database; a browser without IndexedDB (or refusing it) keeps work in memory. */
export async function openOfflineStore(userId: string): Promise<OfflineStore> {
  if (typeof indexedDB === 'undefined') return memoryStore();
  const opening = indexedDB.open(databaseName(userId), VERSION);
  opening.onupgradeneeded = () => {
    const db = opening.result;
    if (!db.objectStoreNames.contains(DRAFTS)) db.createObjectStore(DRAFTS, { keyPath: 'exerciseId' });
    if (!db.objectStoreNames.contains(OUTBOX)) db.createObjectStore(OUTBOX, { keyPath: 'key' });
    if (!db.objectStoreNames.contains(META)) db.createObjectStore(META);
  };
  let db: IDBDatabase;
  try {
    db = await done(opening);
  } catch {
    return memoryStore();
  }
  const store = (name: string, mode: IDBTransactionMode) => db.transaction(name, mode).objectStore(name);
  return {
    getDraft: (exerciseId) =>
      done(store(DRAFTS, 'readonly').get(exerciseId)) as Promise<DraftRecord | undefined>,
    putDraft: async (record) => void (await done(store(DRAFTS, 'readwrite').put(record))),
    dirtyDrafts: async () =>
      ((await done(store(DRAFTS, 'readonly').getAll())) as DraftRecord[]).filter((d) => d.dirty),
    outbox: async () =>
      ((await done(store(OUTBOX, 'readonly').getAll())) as OutboxRecord[]).sort((a, b) => a.seq - b.seq),
    putOutbox: async (record) => void (await done(store(OUTBOX, 'readwrite').put(record))),
    deleteOutbox: async (key) => void (await done(store(OUTBOX, 'readwrite').delete(key))),
    getMeta: (name) => done(store(META, 'readonly').get(name)) as Promise<string | undefined>,
    setMeta: async (name, value) => void (await done(store(META, 'readwrite').put(value, name))),
    close: () => db.close(),
  };
}

/** The same store in memory: for unit tests, and browsers where IndexedDB is unavailable. */
export function memoryStore(): OfflineStore {
  const drafts = new Map<string, DraftRecord>();
  const outbox = new Map<string, OutboxRecord>();
  const meta = new Map<string, string>();
  const copy = <T>(value: T): T => structuredClone(value);
  return {
    getDraft: async (id) => (drafts.has(id) ? copy(drafts.get(id)) : undefined),
    putDraft: async (record) => void drafts.set(record.exerciseId, copy(record)),
    dirtyDrafts: async () => [...drafts.values()].filter((d) => d.dirty).map(copy),
    outbox: async () => [...outbox.values()].sort((a, b) => a.seq - b.seq).map(copy),
    putOutbox: async (record) => void outbox.set(record.key, copy(record)),
    deleteOutbox: async (key) => void outbox.delete(key),
    getMeta: async (name) => meta.get(name),
    setMeta: async (name, value) => void meta.set(name, value),
    close: () => {},
  };
}
