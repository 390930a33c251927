import { describe, expect, it } from 'vitest';
import { createAutosave, type AutosaveState, type SaveResult } from './autosave.ts';

interface Doc {
  title: string;
}

/** Manual timers and a save whose answers the test gives, to walk the saver through its states. */
function harness(options: { conflictOn?: number } = {}) {
  const timers = new Map<number, () => void>();
  let nextTimer = 0;
  const calls: { content: Doc; revision: number; keepalive: boolean }[] = [];
  const pending: { resolve: (r: SaveResult) => void; reject: (e: unknown) => void }[] = [];
  const states: AutosaveState[] = [];
  const saver = createAutosave<Doc>({ title: 'A' }, 3, '2026-12-05T09:00:00Z', {
    save: (content, revision, { keepalive }) => {
      calls.push({ content, revision, keepalive });
      return new Promise<SaveResult>((resolve, reject) => pending.push({ resolve, reject }));
    },
    isConflict: (error) => error === 'stale',
    onStatus: (status) => states.push(status.state),
    delayMs: 1500,
    setTimer: (cb) => {
      timers.set(++nextTimer, cb);
      return nextTimer;
    },
    clearTimer: (id) => timers.delete(id as number),
  });
  const fire = () => {
    const all = [...timers.values()];
    timers.clear();
    for (const cb of all) cb();
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  void options;
  return { saver, calls, pending, states, fire, settle, timers };
}

describe('draft autosave', () => {
  it('saves once after the delay, with the revision it starts from, then the next revision', async () => {
    const h = harness();
    h.saver.change({ title: 'AB' });
    h.saver.change({ title: 'ABC' });
    expect(h.saver.status.state).toBe('pending');
    expect(h.calls).toHaveLength(0);
    h.fire();
    expect(h.calls).toEqual([{ content: { title: 'ABC' }, revision: 3, keepalive: false }]);
    expect(h.saver.status.state).toBe('saving');
    h.pending[0]!.resolve({ revision: 4, updatedAt: '2026-12-05T10:42:00Z' });
    await h.settle();
    expect(h.saver.status).toMatchObject({ state: 'saved', revision: 4, savedAt: '2026-12-05T10:42:00Z' });
    h.saver.change({ title: 'ABCD' });
    h.fire();
    expect(h.calls[1]!.revision).toBe(4);
    expect(h.states).toEqual(['pending', 'saving', 'saved', 'pending', 'saving']);
  });

  it('does not save a change that was undone', () => {
    const h = harness();
    h.saver.change({ title: 'AB' });
    h.saver.change({ title: 'A' });
    expect(h.saver.status.state).toBe('saved');
    expect(h.timers.size).toBe(0);
  });

  it('sends a copy, and saves again what was typed during a save', async () => {
    const h = harness();
    const doc = { title: 'X' };
    h.saver.change(doc);
    h.fire();
    doc.title = 'XY';
    h.saver.change(doc);
    expect(h.calls[0]!.content).toEqual({ title: 'X' });
    expect(h.saver.status.state).toBe('saving');
    h.pending[0]!.resolve({ revision: 4, updatedAt: 't1' });
    await h.settle();
    expect(h.saver.status.state).toBe('pending');
    h.fire();
    expect(h.calls[1]).toEqual({ content: { title: 'XY' }, revision: 4, keepalive: false });
  });

  it('flushes at once when leaving, keepalive', async () => {
    const h = harness();
    h.saver.change({ title: 'B' });
    const done = h.saver.flush({ keepalive: true });
    expect(h.timers.size).toBe(0);
    await h.settle();
    expect(h.calls[0]!.keepalive).toBe(true);
    h.pending[0]!.resolve({ revision: 4, updatedAt: 't' });
    await done;
    expect(h.saver.clean).toBe(true);
  });

  it('stops on a stale draft and never saves over the other version, until reset', async () => {
    const h = harness();
    h.saver.change({ title: 'mine' });
    h.fire();
    h.pending[0]!.reject('stale');
    await h.settle();
    expect(h.saver.status).toMatchObject({ state: 'conflict', error: 'stale' });
    h.saver.change({ title: 'mine again' });
    await h.saver.flush();
    h.fire();
    expect(h.calls).toHaveLength(1);
    h.saver.reset({ title: 'theirs' }, 7, 't7');
    expect(h.saver.status).toMatchObject({ state: 'saved', revision: 7, savedAt: 't7' });
    h.saver.change({ title: 'theirs, edited' });
    h.fire();
    expect(h.calls[1]).toEqual({ content: { title: 'theirs, edited' }, revision: 7, keepalive: false });
  });

  it('reports a failed save and tries again at the next change', async () => {
    const h = harness();
    h.saver.change({ title: 'B' });
    h.fire();
    h.pending[0]!.reject(new Error('network'));
    await h.settle();
    expect(h.saver.status.state).toBe('error');
    expect(h.saver.clean).toBe(false);
    h.saver.change({ title: 'BC' });
    h.fire();
    expect(h.calls[1]!.revision).toBe(3);
  });
});
