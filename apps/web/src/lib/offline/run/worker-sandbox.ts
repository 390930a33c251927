/**
 * A DeviceSandbox in a fresh Web Worker (see offline-run.worker.ts). The page enforces the time limits: a command
 * that runs past its budget (an infinite loop) gets the worker terminated, so the page never freezes and
 * the next run starts a new worker.
 */
import { ScriptError, TimeLimit } from '@tremplin/grader/device';
import type { DeviceSandbox } from '@tremplin/grader/device';
import type { WorkerAnswer, WorkerCommand } from './protocol.ts';

export interface WorkerSandbox extends DeviceSandbox {
  dispose(): void;
}

/** Starts a worker and waits for its harness: the start-up is not counted in the run's time. */
export async function startWorkerSandbox(): Promise<WorkerSandbox> {
  const worker = new Worker(new URL('./offline-run.worker.ts', import.meta.url), {
    type: 'module',
    name: 'offline-run',
  });
  let settle: ((answer: WorkerAnswer | Error) => void) | undefined;
  const next = () => new Promise<WorkerAnswer | Error>((resolve) => (settle = resolve));
  worker.addEventListener('message', (e: MessageEvent<WorkerAnswer>) => settle?.(e.data));
  // A worker that cannot start (its script unavailable) or dies (out of memory) ends the run.
  const died = (e: Event) => {
    e.preventDefault();
    settle?.(new Error(e instanceof ErrorEvent ? e.message : 'offline run worker failed'));
  };
  worker.addEventListener('error', died);
  worker.addEventListener('messageerror', died);

  const ready = await next();
  if (ready instanceof Error) {
    worker.terminate();
    throw ready;
  }

  async function ask(command: WorkerCommand, budgetMs: number): Promise<string> {
    const answer = next();
    worker.postMessage(command);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeUp = new Promise<TimeLimit>((resolve) => {
      timer = setTimeout(() => resolve(new TimeLimit()), budgetMs);
    });
    const first = await Promise.race([answer, timeUp]);
    clearTimeout(timer);
    if (first instanceof Error) {
      worker.terminate();
      throw first;
    }
    if ('scriptError' in first) throw new ScriptError(first.scriptError);
    if ('reply' in first) return first.reply;
    throw new Error('unexpected answer from the offline run worker');
  }

  return {
    load: (scripts, config, budgetMs) => ask({ command: 'load', config, ...scripts }, budgetMs),
    step: (budgetMs) => ask({ command: 'step' }, budgetMs),
    dispose: () => worker.terminate(),
  };
}
