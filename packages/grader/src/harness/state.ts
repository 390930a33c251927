/** Mutable state shared by the harness modules for the submission being graded. */
import { HARNESS_TEMPLATE } from './messages.ts';
import type { HarnessText } from './messages.ts';

export interface Runtime {
  /** The wording, as locale-neutral keys rendered by the host. */
  text: HarnessText;
  outputChars: number;
  /** Console output of the running test (or of the load phase, handed to the next test). */
  output: string;
  outputFull: boolean;
  inTest: boolean;
  assertionCalls: number;
  expectedAssertions: number;
  requireAssertions: boolean;
  /** First failed assertion of the running test, kept even if the thrown error was swallowed. */
  failure: string | null;
  /** Virtual clock offset added to the real clock when timers are fast-forwarded. */
  skippedMs: number;
  /** Set when the job touched a feature whose effects may outlive its context (see long-lived.ts). */
  dirty: boolean;
}

export const rt: Runtime = {
  __proto__: null,
  text: HARNESS_TEMPLATE,
  outputChars: 500,
  output: '',
  outputFull: false,
  inTest: false,
  assertionCalls: 0,
  expectedAssertions: -1,
  requireAssertions: false,
  failure: null,
  skippedMs: 0,
  dirty: false,
} as Runtime;
