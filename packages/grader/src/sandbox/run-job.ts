/**
 * Grades one submission in a fresh context (worker process side): prepares the sources, loads them into
 * the sandbox and drives the harness test by test, enforcing the CPU, wall-clock and memory limits.
 */
import { remember } from '../remember.ts';
import ivm from 'isolated-vm';
import { lease } from './isolates.ts';
import { prepareSolution, prepareTests } from './prepare.ts';
import type { Prepared, PreparedSolution, PreparedTests } from './prepare.ts';
import { runnable } from './wrap.ts';
import { HOST_TEMPLATE } from '../messages.ts';
import type { HostText } from '../messages.ts';
import type { ResolvedLimits } from '../limits.ts';
import { buildResult, errorResult } from '../result.ts';
import { listTests, recordStep } from './protocol.ts';
import type { StepReply } from './protocol.ts';
import type { GradeResult, Language } from '../types.ts';

export interface Job {
  solution: string;
  tests: string;
  language: Language;
  limits: ResolvedLimits;
  points?: Record<string, number>;
}

interface Compiled {
  code: string;
  cachedData?: ivm.ExternalCopy<ArrayBuffer>;
}

interface TestsEntry extends Compiled {
  prepared: Prepared<PreparedTests>;
}
const CACHE_SIZE = 64;
const testsCache = new Map<string, TestsEntry>();
/**
 * Prepared solutions by language and source: preparing is a pure function of the two (no state, no
 * clock), so an identical source (a run then a submit of the same code, a resubmission) is prepared once.
 */
const solutionsCache = new Map<string, Prepared<PreparedSolution>>();

type CachedScript = ivm.Script & ivm.CachedDataResult & { cachedDataRejected?: boolean };

function compileCached(isolate: ivm.Isolate, entry: Compiled, filename: string): ivm.Script {
  if (entry.cachedData) {
    const script = isolate.compileScriptSync(entry.code, {
      filename,
      cachedData: entry.cachedData,
    }) as CachedScript;
    if (!script.cachedDataRejected) return script;
  }
  const script = isolate.compileScriptSync(entry.code, { filename, produceCachedData: true }) as CachedScript;
  if (script.cachedData) entry.cachedData = script.cachedData;
  return script;
}

function testsFor(job: Job, text: HostText): TestsEntry {
  return remember(
    testsCache,
    `${job.language}\0${job.tests}`,
    () => {
      const prepared = prepareTests(job.tests, job.language, text);
      return { prepared, code: prepared.ok ? prepared.value.code : '' };
    },
    CACHE_SIZE,
  );
}

type Outcome = 'timeout' | 'memory' | 'disposed' | 'other';

function classify(e: unknown, isolate: ivm.Isolate): Outcome {
  const message = e instanceof Error ? e.message : String(e);
  if (message.includes('memory limit')) return 'memory';
  if (message.includes('timed out')) return 'timeout';
  if (isolate.isDisposed || message.includes('disposed')) return 'disposed';
  return 'other';
}

function v8Syntax(e: unknown, text: HostText, where: string): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /^(.*) \[[^\]]*:(\d+):(\d+)\]$/.exec(message);
  return m ? text.syntax(where, Number(m[2]), Number(m[3]), m[1]!) : text.unsupported(message);
}

/** Grades a submission whose limits are already resolved. Never throws for anything the submission does. */
export function runJob(job: Job): GradeResult {
  const text = HOST_TEMPLATE;
  const solution = remember(
    solutionsCache,
    `${job.language}\0${job.solution}`,
    () => prepareSolution(job.solution, job.language, text),
    CACHE_SIZE,
  );
  const testsEntry = testsFor(job, text);
  const pair = runnable(solution, testsEntry.prepared, text);
  if (!pair.ok) return errorResult(pair.message);
  const limits = job.limits;
  const started = performance.now();
  const { isolate, context, release } = lease(limits.memoryMb);
  const run = { clean: true };
  try {
    const control = context.global.getSync('__tremplinControl', { reference: true }) as ivm.Reference<
      (command: string, arg: string) => string
    >;
    let script: ivm.Script;
    try {
      script = isolate.compileScriptSync(pair.value.solution.code, {
        filename: pair.value.solution.filename,
        lineOffset: -1,
      });
    } catch (e) {
      return errorResult(v8Syntax(e, text, ''));
    }
    script.runSync(context);
    try {
      compileCached(isolate, testsEntry, 'tests.js').runSync(context);
    } catch (e) {
      return errorResult(v8Syntax(e, text, text.inTests));
    }
    return drive(isolate, control, job, text, started, pair.value.tests.identifiers, run);
  } catch (e) {
    run.clean = false;
    const kind = classify(e, isolate);
    if (kind === 'memory') return errorResult(text.memory(limits.memoryMb));
    if (kind === 'timeout') return errorResult(text.cpuTotal(limits.cpuMs));
    return errorResult(text.crashed);
  } finally {
    release(run.clean);
  }
}

/** The answer of a call that ended in unhandled rejections, if it had made one (a few tries: each may leave more). */
function unhandledRejectionReply(
  apply: (command: string, arg: string, budget: number) => string,
): string | undefined {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const reply = apply('last', '', 1000);
      return reply === '' ? undefined : reply;
    } catch {
      // another rejection left unhandled in the meantime: ask again
    }
  }
  return undefined;
}

function drive(
  isolate: ivm.Isolate,
  control: ivm.Reference<(command: string, arg: string) => string>,
  job: Job,
  text: HostText,
  started: number,
  identifiers: string,
  run: { clean: boolean },
): GradeResult {
  const limits = job.limits;
  const cpuStart = isolate.cpuTime;
  const cpuUsed = () => Number(isolate.cpuTime - cpuStart) / 1e6;
  const remainingTotal = () =>
    Math.min(limits.cpuMs - cpuUsed(), limits.wallMs - (performance.now() - started));
  const apply = (command: string, arg: string, budget: number) =>
    control.applySync(undefined, [command, arg], { timeout: Math.max(1, Math.ceil(budget)) }) as string;
  const call = (command: string, arg: string, budget: number): string => {
    try {
      return apply(command, arg, budget);
    } catch (e) {
      // The sandbox's code was terminated (or its isolate lost): never reuse this isolate.
      run.clean = false;
      if (classify(e, isolate) === 'other') {
        // A promise the submission rejected and never handled: isolated-vm throws it after the call
        // has answered. Like Node's `--unhandled-rejections=warn`, it is not an error in itself (the
        // test that awaited something else fails on its own): take the answer the call made.
        const reply = unhandledRejectionReply(apply);
        if (reply !== undefined) return reply;
      }
      throw e;
    }
  };

  let loaded: string;
  try {
    const config = `${limits.outputChars}|${identifiers}`;
    loaded = call('load', config, remainingTotal());
  } catch (e) {
    const kind = classify(e, isolate);
    if (kind === 'memory') return errorResult(text.memory(limits.memoryMb));
    if (kind === 'timeout')
      return errorResult(
        cpuUsed() >= limits.cpuMs - 1 ? text.cpuTotal(limits.cpuMs) : text.wall(limits.wallMs),
      );
    throw e;
  }
  const tests = listTests(loaded, text, job.points);
  if (!('raw' in tests)) return tests;
  const { listed, raw } = tests;
  let done = 0;
  let current = 0;
  let limitMessage: string | undefined;
  const testCpu = new Array<number>(raw.length).fill(0);
  while (done < raw.length) {
    const budgetTest = limits.cpuMsPerTest - (testCpu[current] ?? 0);
    const budget = Math.min(budgetTest, remainingTotal());
    const t0 = performance.now();
    const c0 = isolate.cpuTime;
    let reply: string;
    try {
      reply = call('step', '', budget);
    } catch (e) {
      const kind = classify(e, isolate);
      const spent = performance.now() - t0;
      if (raw[current]) raw[current]!.durationMs += spent;
      if (kind === 'memory' || kind === 'disposed' || kind === 'other') {
        const detail = kind === 'memory' ? text.memory(limits.memoryMb) : text.crashed;
        if (raw[current]) Object.assign(raw[current]!, { status: 'error', message: detail });
        limitMessage = text.limitHit(raw[current]?.name ?? '', detail);
        break;
      }
      const perTest = budgetTest <= budget;
      const detail = perTest
        ? text.cpuTest(limits.cpuMsPerTest)
        : cpuUsed() >= limits.cpuMs - 1
          ? text.cpuTotal(limits.cpuMs)
          : text.wall(limits.wallMs);
      limitMessage ??= text.limitHit(raw[current]?.name ?? '', detail);
      if (!perTest) {
        if (raw[current]) Object.assign(raw[current]!, { status: 'error', message: detail });
        break;
      }
      try {
        reply = call('abort', detail, 1000);
      } catch {
        break;
      }
    }
    const spentCpu = Number(isolate.cpuTime - c0) / 1e6;
    if (current < testCpu.length) testCpu[current] = (testCpu[current] ?? 0) + spentCpu;
    if (raw[current]) raw[current]!.cpuMs += spentCpu;
    const parsed = JSON.parse(reply) as StepReply;
    const elapsed = performance.now() - t0;
    if (raw[current]) raw[current]!.durationMs += elapsed;
    done = recordStep(parsed, raw, done);
    if (!parsed.reusable) run.clean = false;
    if (parsed.done) break;
    current = parsed.current >= 0 ? parsed.current : done;
  }
  return buildResult(listed, limitMessage, job.points);
}
