import { describe, expect, it } from 'vitest';
import { ApiError } from '#lib/api/client.ts';
import { DraftConflictError, draftSync, openDraft, type SaveDraft } from './drafts.ts';
import { memoryStore, type DraftRecord } from './idb.ts';

const T1 = '2026-12-05T10:00:00.000Z';
const T2 = '2026-12-05T11:00:00.000Z';
const T3 = '2026-12-05T12:00:00.000Z';
const record = (over: Partial<DraftRecord>): DraftRecord => ({
  exerciseId: 'ex',
  code: 'local',
  base: T1,
  dirty: true,
  changedAt: T2,
  ...over,
});

describe('opening a draft', () => {
  it('shows the server draft (or the starter) when nothing waits on the device', () => {
    expect(openDraft(null, undefined, 'starter', { online: true })).toEqual({
      code: 'starter',
      base: null,
      push: false,
    });
    const server = { code: 'server', updatedAt: T2 };
    expect(openDraft(server, record({ dirty: false }), 's', { online: true })).toEqual({
      code: 'server',
      base: T2,
      push: false,
    });
  });

  it('keeps the text typed here when the server still has the draft it was written from', () => {
    expect(openDraft({ code: 'server', updatedAt: T1 }, record({}), 's', { online: true })).toEqual({
      code: 'local',
      base: T1,
      push: true,
    });
  });

  it('offline, shows the device text whatever the (cached) server draft says', () => {
    expect(openDraft({ code: 'old', updatedAt: T3 }, record({}), 's', { online: false })).toEqual({
      code: 'local',
      base: T1,
      push: true,
    });
    expect(openDraft(null, record({ dirty: false, base: T2 }), 's', { online: false })).toEqual({
      code: 'local',
      base: T2,
      push: false,
    });
  });

  it('offers both versions when another device saved since', () => {
    const server = { code: 'other device', updatedAt: T3 };
    expect(openDraft(server, record({}), 's', { online: true })).toEqual({
      conflict: { local: { code: 'local', changedAt: T2 }, server },
      base: T1,
    });
  });

  it('sees no conflict when both devices hold the same text', () => {
    const server = { code: 'local', updatedAt: T3 };
    expect(openDraft(server, record({}), 's', { online: true })).toEqual({
      code: 'local',
      base: T3,
      push: true,
    });
  });
});

function conflict(server: { code: string; updatedAt: string }) {
  return new ApiError({
    status: 409,
    code: 'TREMPLIN_ERR_DRAFT_CONFLICT',
    message: 'conflit',
    details: { server },
  });
}

describe('saving a draft from the device', () => {
  it('saves from its base and moves the base on; typing meanwhile stays to send', async () => {
    const store = memoryStore();
    const calls: Array<{ code: string; base: string | null }> = [];
    let typeDuringSave: (() => Promise<void>) | null = null;
    const save: SaveDraft = async (_id, code, { base }) => {
      calls.push({ code, base });
      await typeDuringSave?.();
      return { updatedAt: calls.length === 1 ? T2 : T3 };
    };
    const sync = draftSync(store, 'ex', save, () => new Date(T1));
    await sync.adopt({ code: 'start', base: null, push: false });
    await sync.keep('a');
    typeDuringSave = () => sync.keep('ab');
    await sync.push();
    expect(calls).toEqual([{ code: 'a', base: null }]);
    expect(await store.getDraft('ex')).toMatchObject({ code: 'ab', base: T2, dirty: true });
    typeDuringSave = null;
    await sync.push();
    expect(calls[1]).toEqual({ code: 'ab', base: T2 });
    expect(await store.getDraft('ex')).toMatchObject({ code: 'ab', base: T3, dirty: false });
    // Nothing left to send: no request.
    await sync.push();
    expect(calls).toHaveLength(2);
  });

  it('throws the server version on a conflict and overwrites nothing', async () => {
    const store = memoryStore();
    const server = { code: 'other', updatedAt: T3 };
    const sync = draftSync(store, 'ex', async () => {
      throw conflict(server);
    });
    await sync.keep('mine');
    await expect(sync.push()).rejects.toEqual(new DraftConflictError(server));
    expect(await store.getDraft('ex')).toMatchObject({ code: 'mine', dirty: true });
  });

  it('takes its own earlier save (an acknowledgement lost) for what it is, not a conflict', async () => {
    const store = memoryStore();
    const sync = draftSync(store, 'ex', async () => {
      throw conflict({ code: 'mine', updatedAt: T3 });
    });
    await sync.keep('mine');
    await sync.push();
    expect(await store.getDraft('ex')).toMatchObject({ code: 'mine', base: T3, dirty: false });
  });

  it('saves the chosen version over the server draft it was shown', async () => {
    const store = memoryStore();
    const calls: Array<{ code: string; base: string | null }> = [];
    const sync = draftSync(store, 'ex', async (_id, code, { base }) => {
      calls.push({ code, base });
      return { updatedAt: T3 };
    });
    await sync.keep('mine');
    await sync.choose('theirs', T2);
    expect(calls).toEqual([{ code: 'theirs', base: T2 }]);
    expect(await store.getDraft('ex')).toMatchObject({ code: 'theirs', base: T3, dirty: false });
  });
});
