import { describe, expect, it } from 'vitest';
import { MAX_PASTES_PER_SAVE, createPasteRecorder, pasteIntoEmpty } from './pastes.ts';

describe('createPasteRecorder', () => {
  it('hands the pastes to one save, measured from the opening, then forgets them', () => {
    let clock = 1000;
    const recorder = createPasteRecorder(1000, () => clock);
    clock = 4500.4;
    recorder.record({ chars: 240, intoEmpty: true });
    recorder.record({ chars: 0, intoEmpty: false });
    expect(recorder.take()).toEqual([{ chars: 240, intoEmpty: true, msSinceOpen: 3500 }]);
    expect(recorder.take()).toBeUndefined();
  });

  it('puts the pastes of a failed save back before the newer ones', () => {
    const recorder = createPasteRecorder(0, () => 10);
    recorder.record({ chars: 1, intoEmpty: false });
    const taken = recorder.take();
    recorder.record({ chars: 2, intoEmpty: false });
    recorder.restore(taken);
    expect(recorder.take()?.map((p) => p.chars)).toEqual([1, 2]);
  });

  it('keeps at most what one save may carry, the newest', () => {
    const recorder = createPasteRecorder(0, () => 0);
    for (let i = 1; i <= MAX_PASTES_PER_SAVE + 5; i++) recorder.record({ chars: i, intoEmpty: false });
    const taken = recorder.take() ?? [];
    expect(taken).toHaveLength(MAX_PASTES_PER_SAVE);
    expect(taken[0]?.chars).toBe(6);
  });
});

describe('pasteIntoEmpty', () => {
  it('is true for a blank editor or a paste over everything', () => {
    expect(pasteIntoEmpty('', 0, 0)).toBe(true);
    expect(pasteIntoEmpty('  \n', 1, 1)).toBe(true);
    expect(pasteIntoEmpty('function f() {}', 0, 15)).toBe(true);
  });

  it('is false when other code stays', () => {
    expect(pasteIntoEmpty('function f() {}', 0, 3)).toBe(false);
  });
});
