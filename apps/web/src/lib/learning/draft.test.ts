import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDraftSaver, type DraftStatus } from './draft.ts';

describe('draft autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(save = vi.fn(async (_code: string, _options: { keepalive: boolean }) => {})) {
    const statuses: DraftStatus[] = [];
    const saver = createDraftSaver('start', { save, delayMs: 1000, onStatus: (s) => statuses.push(s) });
    return { saver, save, statuses };
  }

  it('saves once, about a second after the last keystroke', async () => {
    const { saver, save, statuses } = setup();
    saver.change('a');
    await vi.advanceTimersByTimeAsync(500);
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(999);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledExactlyOnceWith('ab', { keepalive: false });
    expect(statuses).toEqual(['pending', 'saving', 'saved']);
  });

  it('does not save text that did not change', async () => {
    const { saver, save } = setup();
    saver.change('start');
    await vi.advanceTimersByTimeAsync(5000);
    await saver.flush();
    expect(save).not.toHaveBeenCalled();
  });

  it('saves at once on flush (blur, page hidden), with keepalive when asked', async () => {
    const { saver, save } = setup();
    saver.change('x');
    await saver.flush({ keepalive: true });
    expect(save).toHaveBeenCalledExactlyOnceWith('x', { keepalive: true });
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
    expect(saver.status).toBe('saved');
  });

  it('never runs two saves at once, and saves the latest text last', async () => {
    let finish: () => void = () => {};
    const save = vi.fn(
      (_code: string) =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const { saver } = setup(save);
    saver.change('one');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(1);
    saver.change('two');
    await vi.advanceTimersByTimeAsync(1000);
    // The first save is still running: the second waits for it.
    expect(save).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1]?.[0]).toBe('two');
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('saved');
  });

  it('reports a failed save, and tries again on the next change', async () => {
    const save = vi.fn(async () => {});
    save.mockRejectedValueOnce(new Error('offline'));
    const { saver, statuses } = setup(save);
    saver.change('a');
    await vi.advanceTimersByTimeAsync(1000);
    expect(saver.status).toBe('error');
    saver.change('ab');
    await vi.advanceTimersByTimeAsync(1000);
    expect(save).toHaveBeenCalledTimes(2);
    expect(statuses.at(-1)).toBe('saved');
  });

  it('stops its timer when disposed', async () => {
    const { saver, save } = setup();
    saver.change('a');
    saver.dispose();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).not.toHaveBeenCalled();
  });
});
