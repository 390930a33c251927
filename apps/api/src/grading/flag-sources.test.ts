import type { StoredCodeResult } from '@tremplin/contracts';
import { describe, expect, it } from 'vitest';
import { codeText } from './feedback.ts';
import { hiddenLimits, PASTE_MIN_CHARS, PASTE_WITHIN_OPEN_MS, suspectPaste } from './flag-sources.ts';

// How the grader writes a limit hit by a test (see packages/grader/src/harness/template.ts).
const token = (key: string, ...args: string[]) => `\uE000${[key, ...args].join('\uE001')}\uE002`;
const limitHit = (test: string, limit: string) =>
  token('grader.limitHit', test, token(`grader.${limit}`, '64'));

function result(visible: 'pass' | 'fail', message: string): StoredCodeResult {
  return {
    kind: 'code',
    status: 'error',
    passed: visible === 'pass' ? 1 : 0,
    total: 2,
    message: codeText(message),
    tests: [
      { name: 'visible', status: visible, hidden: false, durationMs: 1 },
      { name: 'caché', status: 'error', hidden: true, durationMs: 1 },
    ],
  };
}

describe('hiddenLimits', () => {
  it('reads a hidden test that hit the memory or the time limit', () => {
    expect(hiddenLimits(result('pass', limitHit('caché', 'memory')))).toEqual([
      { name: 'caché', status: 'memory' },
    ]);
    for (const limit of ['cpuTest', 'cpuTotal', 'wall'])
      expect(hiddenLimits(result('pass', limitHit('caché', limit)))).toEqual([
        { name: 'caché', status: 'timeout' },
      ]);
  });

  it('ignores a limit hit by a visible test, a failing visible test, and other errors', () => {
    expect(hiddenLimits(result('pass', limitHit('visible', 'cpuTest')))).toEqual([]);
    expect(hiddenLimits(result('fail', limitHit('caché', 'cpuTest')))).toEqual([]);
    expect(hiddenLimits(result('pass', token('grader.crashed')))).toEqual([]);
  });
});

describe('suspectPaste', () => {
  const paste = { chars: 200, intoEmpty: true, msSinceOpen: 10_000 };
  it('takes a large early paste into an empty editor', () => {
    expect(suspectPaste([paste], 250)).toEqual(paste);
    expect(suspectPaste([{ ...paste, msSinceOpen: PASTE_WITHIN_OPEN_MS }], 200)).toBeDefined();
  });
  it('leaves out small, late, partial and non-empty pastes', () => {
    expect(suspectPaste([{ ...paste, chars: PASTE_MIN_CHARS - 1 }], 99)).toBeUndefined();
    expect(suspectPaste([{ ...paste, msSinceOpen: PASTE_WITHIN_OPEN_MS + 1 }], 200)).toBeUndefined();
    expect(suspectPaste([paste], 251)).toBeUndefined();
    expect(suspectPaste([{ ...paste, intoEmpty: false }], 200)).toBeUndefined();
  });
});
