import type { TestOutcome } from '#lib/api/types.ts';

/** How a test of a result is shown: its decorative icon, and whether it was graded. */
export interface TestLook {
  icon: string;
  /** False for skipped and to-do tests: listed greyed with their status in words, never as failures. */
  graded: boolean;
}

const LOOKS = {
  pass: { icon: '✓', graded: true },
  fail: { icon: '✗', graded: true },
  error: { icon: '✗', graded: true },
  skipped: { icon: '–', graded: false },
  todo: { icon: '…', graded: false },
} as const satisfies Record<TestOutcome['status'], TestLook>;

/** The look of a test's status. */
export function testLook(status: TestOutcome['status']): TestLook {
  return LOOKS[status];
}
