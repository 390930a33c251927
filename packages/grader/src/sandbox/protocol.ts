/**
 * Reading the harness's answers (see harness/index.ts `control`), shared by the server's driver
 * (run-job.ts) and the device's (src/device/run.ts): what 'load' listed, and what each 'step' reported.
 */
import type { HostText } from '../messages.ts';
import { buildResult, errorResult, isGraded } from '../result.ts';
import type { RawTest } from '../result.ts';
import type { GradeResult } from '../types.ts';

/** The tests 'load' collected: all of them as listed, and the graded ones the steps will report on. */
export interface Listed {
  listed: RawTest[];
  raw: RawTest[];
}

/** The tests a 'load' answer lists, or the result that ends the run there (a load error, no test). */
export function listTests(
  reply: string,
  text: HostText,
  points: Record<string, number> | undefined,
): Listed | GradeResult {
  const loaded = JSON.parse(reply) as {
    names?: string[];
    modes?: string[];
    error?: string | null;
    phase?: string;
  };
  if (loaded.phase !== undefined) {
    return errorResult(
      text.loadFailed(loaded.phase === 'tests' ? text.tests : text.solution, loaded.error ?? ''),
    );
  }
  const names = loaded.names ?? [];
  if (loaded.error) return errorResult(text.loadFailed(text.tests, loaded.error));
  if (names.length === 0) return errorResult(text.noTests);
  const modes = loaded.modes ?? [];
  const listed = names.map((name, i): RawTest => {
    const mode = modes[i];
    if (mode === 'skipped' || mode === 'todo') return { name, status: mode, durationMs: 0, cpuMs: 0 };
    return { name, status: 'error', message: text.notRun, durationMs: 0, cpuMs: 0 };
  });
  // The harness runs and numbers only the graded tests; skipped and to-do ones keep their listed status.
  const raw = listed.filter(isGraded);
  if (raw.length === 0) return buildResult(listed, text.noTests, points);
  return { listed, raw };
}

export interface StepReply {
  done: boolean;
  reusable: boolean;
  current: number;
  results: { status: 'pass' | 'fail' | 'error'; message: string; output: string }[];
}

/** Records a step's finished tests from index `done` on; answers the count of tests finished since. */
export function recordStep(reply: StepReply, raw: RawTest[], done: number): number {
  let next = done;
  for (const r of reply.results) {
    const target = raw[next];
    if (target) {
      target.status = r.status;
      target.message = r.message;
      target.output = r.output;
    }
    next++;
  }
  return next;
}
