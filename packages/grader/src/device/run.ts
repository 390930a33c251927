/**
 * Runs a submission's visible tests on the device, through the same harness and answers as the server's
 * sandbox (run-job.ts), in a sandbox the caller provides (a Web Worker in the browser, a `vm` context in
 * tests). A device cannot measure CPU time nor interrupt a loop: wall-clock time stands for CPU time, and
 * a test that runs past its budget ends the run there, its sandbox thrown away (the server aborts that
 * test and goes on with the next ones).
 */
import { HOST_TEMPLATE } from '../messages.ts';
import type { ResolvedLimits } from '../limits.ts';
import { buildResult, errorResult } from '../result.ts';
import { listTests, recordStep } from '../sandbox/protocol.ts';
import type { StepReply } from '../sandbox/protocol.ts';
import { runnable } from '../sandbox/wrap.ts';
import type { GradeResult, Language } from '../types.ts';
import { prepareSolutionOnDevice, prepareTestsOnDevice } from './prepare.ts';

/** The prepared scripts a sandbox evaluates before the harness's `load`. */
export interface DeviceScripts {
  solution: string;
  tests: string;
}

/**
 * A fresh harness context. Each call answers the harness's reply, or rejects with TimeLimit once it has
 * run for `budgetMs` (the sandbox is then gone), with ScriptError when a script does not evaluate, or
 * with any other error when the sandbox died.
 */
export interface DeviceSandbox {
  load(scripts: DeviceScripts, config: string, budgetMs: number): Promise<string>;
  step(budgetMs: number): Promise<string>;
}

/** The sandbox ran past its time budget and was stopped. */
export class TimeLimit extends Error {}

/** A prepared script did not evaluate (a syntax error the preparation let through). */
export class ScriptError extends Error {}

export interface DeviceJob {
  solution: string;
  tests: string;
  language: Language;
  limits: ResolvedLimits;
}

/** Grades on the device; the result's messages are locale-neutral (renderResult shows them). */
export async function runOnDevice(
  job: DeviceJob,
  sandbox: DeviceSandbox,
  now: () => number = () => performance.now(),
): Promise<GradeResult> {
  const text = HOST_TEMPLATE;
  const solution = prepareSolutionOnDevice(job.solution, job.language, text);
  const pair = runnable(solution, prepareTestsOnDevice(job.tests, job.language, text), text);
  if (!pair.ok) return errorResult(pair.message);
  const { limits } = job;
  const started = now();
  // Wall-clock time is all a device can measure: the tighter of the two totals bounds the run.
  const total = Math.min(limits.cpuMs, limits.wallMs);
  const totalText = limits.cpuMs <= limits.wallMs ? text.cpuTotal(limits.cpuMs) : text.wall(limits.wallMs);
  const remaining = () => Math.max(1, total - (now() - started));
  const stopped = (e: unknown) => (e instanceof TimeLimit ? totalText : text.crashed);

  let loaded: string;
  try {
    const scripts = { solution: pair.value.solution.code, tests: pair.value.tests.code };
    loaded = await sandbox.load(
      scripts,
      `${limits.outputChars}|${pair.value.tests.identifiers}`,
      remaining(),
    );
  } catch (e) {
    // The browser's SyntaxError has no position to give (the server's has one from V8).
    return errorResult(e instanceof ScriptError ? text.unsupported(e.message) : stopped(e));
  }
  const tests = listTests(loaded, text, undefined);
  if (!('raw' in tests)) return tests;
  const { listed, raw } = tests;
  let done = 0;
  let current = 0;
  let limitMessage: string | undefined;
  const spent = new Array<number>(raw.length).fill(0);
  while (done < raw.length) {
    const budgetTest = limits.cpuMsPerTest - (spent[current] ?? 0);
    const budget = Math.min(budgetTest, remaining());
    const t0 = now();
    let reply: string;
    try {
      reply = await sandbox.step(Math.max(1, budget));
    } catch (e) {
      const detail =
        e instanceof TimeLimit && budgetTest <= budget ? text.cpuTest(limits.cpuMsPerTest) : stopped(e);
      const test = raw[current];
      if (test)
        Object.assign(test, { status: 'error', message: detail, durationMs: test.durationMs + now() - t0 });
      limitMessage = text.limitHit(test?.name ?? '', detail);
      break;
    }
    const elapsed = now() - t0;
    if (current < spent.length) spent[current] = (spent[current] ?? 0) + elapsed;
    const test = raw[current];
    if (test) {
      test.durationMs += elapsed;
      test.cpuMs += elapsed;
    }
    const parsed = JSON.parse(reply) as StepReply;
    done = recordStep(parsed, raw, done);
    if (parsed.done) break;
    current = parsed.current >= 0 ? parsed.current : done;
  }
  return buildResult(listed, limitMessage);
}
