import { describe, expect, it } from 'vitest';
import { testLook } from './test-outcome.ts';

describe('testLook', () => {
  it('shows skipped and to-do tests as not graded, never with the failure mark', () => {
    for (const status of ['skipped', 'todo'] as const) {
      expect(testLook(status).graded).toBe(false);
      expect(testLook(status).icon).not.toBe(testLook('fail').icon);
    }
  });

  it('shows passed, failed and errored tests as graded', () => {
    expect(testLook('pass')).toEqual({ icon: '✓', graded: true });
    expect(testLook('fail')).toEqual({ icon: '✗', graded: true });
    expect(testLook('error')).toEqual({ icon: '✗', graded: true });
  });
});
