import { ApiError, isApiError, onServerReach } from '#lib/api/client.ts';
import { createSubmission, markSynced, saveDraft, type SubmissionPayload } from '#lib/api/learning.ts';
import { isTransientError } from '#lib/api/problem.ts';
import type { ErrorCode, SubmissionAccepted } from '#lib/api/types.ts';
import { DraftConflictError, draftSync } from './drafts.ts';
import { openOfflineStore, type OfflineStore, type OutboxRecord } from './idb.ts';
import { Outbox, outboxRetryDelay, type Settled } from './outbox.ts';

/**
 * The student's link to the server, for the whole student area: online or not (the browser's
 * online/offline events, and whether requests reach the server), the submissions waiting in the
 * outbox, the drafts typed offline, and when this device last had nothing left to send.
 *
 * Sending happens when the link returns (online event, a request reaching the server again), when
 * the page loads, and after a growing delay while sends fail. Once nothing is left to send the
 * server is told (POST /api/me/synced: the tutor's tile shows it), at most once a minute while
 * nothing new was sent. Tabs of the same learner share the store: their rounds take turns (a Web
 * Lock), and what one tab sent is told to the others (a BroadcastChannel), so that a page waiting
 * for its submission in another tab sees it graded.
 */

const SYNCED_META = 'lastSyncedAt';
const REFUSED_META = 'refused';
const TELL_SERVER_EVERY_MS = 60_000;

class SyncState {
  /** False while the browser says so, or while requests fail to reach the server. */
  online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
  /** Submissions waiting on this device. */
  waiting = $state(0);
  /** When this device last had nothing left to send (its own record; null: not yet). */
  lastSyncedAt = $state<string | null>(null);
  /** Queued submissions the server refused (e.g. made more than 7 days ago): told, never dropped unseen. */
  refused = $state.raw<Refused[]>([]);
}

export interface Refused {
  key: string;
  exerciseId: string;
  createdAt: string;
  message: string;
  /** The code, for a code submission: the student can copy it. */
  code: string | null;
}

export const sync = new SyncState();

interface Session {
  userId: string;
  store: OfflineStore;
  outbox: Outbox;
  /** This tab's pages waiting for a submission to leave the outbox (sent here or in another tab). */
  listeners: Set<(key: string, settled: Settled) => void>;
  /** The learner's other tabs (null where the browser has no BroadcastChannel). */
  channel: BroadcastChannel | null;
  /** Exercises whose page is open: that page saves its own draft. */
  claimed: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
  toldServerAt: number;
  stopped: boolean;
  stop: () => void;
}

let current: Promise<Session> | null = null;
let currentUser: string | null = null;
/** Pages that asked before the header started syncing (a page's script may run first). */
let waiters: Array<(session: Promise<Session>) => void> = [];

/** Opens the signed-in user's store and starts syncing; another user's is closed first. */
export function startSync(userId: string): void {
  if (currentUser === userId) return;
  stopSync();
  currentUser = userId;
  const opened = (current = open(userId));
  for (const resolve of waiters) resolve(opened);
  waiters = [];
}

/** Signed out (or another user signed in): the store is closed, its queued work kept. */
export function stopSync(): void {
  const closing = current;
  current = null;
  currentUser = null;
  sync.waiting = 0;
  sync.lastSyncedAt = null;
  sync.refused = [];
  void closing?.then((s) => s.stop());
}

async function open(userId: string): Promise<Session> {
  const store = await openOfflineStore(userId);
  const outbox = new Outbox({
    store,
    send: (r: OutboxRecord) => createSubmission(r.exerciseId, r.key, r.payload, r.createdAt),
    // A long offline session sends more at once than the submissions' burst: a 429 waits its turn.
    isTransient: (error) => isTransientError(error) || (isApiError(error) && error.status === 429),
  });
  const session: Session = {
    userId,
    store,
    outbox,
    listeners: new Set(),
    channel:
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`tremplin-outbox-${userId}`),
    claimed: new Map(),
    timer: null,
    toldServerAt: 0,
    stopped: false,
    stop: () => {},
  };
  const onOnline = () => {
    sync.online = true;
    void round(session, true);
  };
  const onOffline = () => (sync.online = false);
  const offReach = onServerReach((reached) => {
    const wasOffline = !sync.online;
    sync.online = reached && navigator.onLine;
    if (reached && wasOffline) void round(session, true);
  });
  const tell = (key: string, settled: Settled) => {
    for (const listener of session.listeners) listener(key, settled);
  };
  const channel = session.channel;
  outbox.onSettled((key, settled, record) => {
    if ('error' in settled) void keepRefused(store, record, settled.error);
    tell(key, settled);
    channel?.postMessage({ key, ...toMessage(settled) });
    sync.waiting = Math.max(0, sync.waiting - 1);
  });
  if (channel)
    channel.onmessage = (event: MessageEvent<SettledMessage | { syncedAt: string }>) => {
      const message = event.data;
      if ('syncedAt' in message) {
        sync.lastSyncedAt = message.syncedAt;
        return;
      }
      tell(message.key, fromMessage(message));
      void store.outbox().then((left) => (sync.waiting = left.length));
    };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);
  session.stop = () => {
    session.stopped = true;
    channel?.close();
    if (session.timer) clearTimeout(session.timer);
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    offReach();
    store.close();
  };
  sync.lastSyncedAt = (await store.getMeta(SYNCED_META)) ?? null;
  sync.waiting = (await store.outbox()).length;
  sync.refused = JSON.parse((await store.getMeta(REFUSED_META)) ?? '[]') as Refused[];
  void round(session, true);
  return session;
}

/** The signed-in learner's session, once it is started. */
function active(): Promise<Session> {
  return current ?? new Promise<Promise<Session>>((resolve) => waiters.push(resolve)).then((s) => s);
}

/**
 * One round: the queued submissions in order, then the drafts typed offline (of exercises not
 * open), then, if nothing is left, the server is told. Runs again after the backoff while sends fail.
 */
async function round(session: Session, force: boolean): Promise<void> {
  if (session.stopped) return;
  if (session.timer) clearTimeout(session.timer);
  session.timer = null;
  const { store, outbox } = session;
  let draftsLeft = 0;
  let draftsSent = 0;
  const drained = await inTurn(session.userId, async () => {
    const result = await outbox.drain({ force });
    if (result.left > 0) return result;
    for (const draft of await store.dirtyDrafts()) {
      if (session.claimed.has(draft.exerciseId)) continue;
      try {
        await draftSync(store, draft.exerciseId, saveDraft).push();
        draftsSent++;
      } catch (error) {
        // A conflict waits for the student to open the exercise and choose; a network failure is
        // tried again after a while; any other refusal at the next round (the page load, the link back).
        if (!(error instanceof DraftConflictError) && isTransientError(error)) draftsLeft++;
      }
    }
    return result;
  });
  sync.waiting = drained.left;
  if (session.stopped) return;
  if (drained.left > 0 || draftsLeft > 0) {
    const at = drained.nextAttemptAt ?? Date.now() + outboxRetryDelay(1);
    session.timer = setTimeout(() => void round(session, false), Math.max(0, at - Date.now()));
    return;
  }
  await settledRound(session, drained.sent + draftsSent > 0);
}

/**
 * If nothing is left on the device (no queued submission, no draft unsaved, a draft waiting for
 * the student's choice included), tell the server: at once if something was just sent, else at
 * most once a minute. The learner's other tabs are told too.
 */
async function settledRound(session: Session, sentSomething: boolean): Promise<void> {
  const { store } = session;
  if ((await store.outbox()).length > 0 || (await store.dirtyDrafts()).length > 0) return;
  if (!sentSomething && Date.now() - session.toldServerAt < TELL_SERVER_EVERY_MS) return;
  session.toldServerAt = Date.now();
  try {
    const { syncedAt } = await markSynced();
    if (session.stopped) return;
    sync.lastSyncedAt = syncedAt;
    session.channel?.postMessage({ syncedAt });
    await store.setMeta(SYNCED_META, syncedAt);
  } catch {
    session.toldServerAt = 0;
  }
}

async function keepRefused(store: OfflineStore, record: OutboxRecord, error: unknown): Promise<void> {
  const refused: Refused = {
    key: record.key,
    exerciseId: record.exerciseId,
    createdAt: record.createdAt,
    message: error instanceof Error ? error.message : String(error),
    code: 'code' in record.payload ? record.payload.code : null,
  };
  sync.refused = [...sync.refused.filter((r) => r.key !== record.key), refused];
  await store.setMeta(REFUSED_META, JSON.stringify(sync.refused));
}

/** The student read what was refused. */
export async function dismissRefused(): Promise<void> {
  sync.refused = [];
  await (await active()).store.setMeta(REFUSED_META, '[]');
}

/** One tab's round at a time for a learner (where the browser has Web Locks). */
function inTurn<T>(userId: string, work: () => Promise<T>): Promise<T> {
  if (typeof navigator === 'undefined' || !navigator.locks) return work();
  return navigator.locks.request(`tremplin-outbox-${userId}`, work);
}

type SettledMessage = { key: string } & (
  { accepted: SubmissionAccepted } | { error: { status: number; code: ErrorCode; message: string } }
);

function toMessage(settled: Settled): Omit<SettledMessage, 'key'> {
  if ('accepted' in settled) return { accepted: settled.accepted };
  const error = settled.error;
  return isApiError(error)
    ? { error: { status: error.status, code: error.code, message: error.message } }
    : { error: { status: 0, code: 'TREMPLIN_ERR_UNEXPECTED_RESPONSE', message: String(error) } };
}

function fromMessage(message: SettledMessage): Settled {
  return 'accepted' in message ? { accepted: message.accepted } : { error: new ApiError(message.error) };
}

/** Queues a submission to send when the link allows, and tries at once if it may. */
export async function queueSubmission(
  exerciseId: string,
  key: string,
  payload: SubmissionPayload,
  createdAt: string,
): Promise<void> {
  const session = await active();
  await session.outbox.enqueue({ key, exerciseId, payload, createdAt });
  sync.waiting = (await session.store.outbox()).length;
  if (sync.online) void round(session, true);
}

/** Calls back once a queued submission leaves the outbox: accepted (then graded) or refused. */
export async function onSubmissionSettled(
  listener: (key: string, settled: Settled) => void,
): Promise<() => void> {
  const session = await active();
  session.listeners.add(listener);
  return () => session.listeners.delete(listener);
}

/** The submissions of an exercise still waiting on this device (a page opened again shows them). */
export async function waitingFor(exerciseId: string): Promise<OutboxRecord[]> {
  return (await (await active()).store.outbox()).filter((r) => r.exerciseId === exerciseId);
}

/** The store of the signed-in learner, for the exercise page's draft. */
export async function learnerStore(): Promise<OfflineStore> {
  return (await active()).store;
}

/** The exercise page saves its own draft while open; released, the rounds take it over. */
export async function claimDraft(exerciseId: string): Promise<() => void> {
  const session = await active();
  session.claimed.set(exerciseId, (session.claimed.get(exerciseId) ?? 0) + 1);
  return () => {
    const left = (session.claimed.get(exerciseId) ?? 1) - 1;
    if (left > 0) session.claimed.set(exerciseId, left);
    else session.claimed.delete(exerciseId);
  };
}

/** An open page saved its draft (`late`: typed while the link was down): the device may be in sync. */
export async function draftSaved(late = false): Promise<void> {
  await settledRound(await active(), late);
}
