/// <reference lib="webworker" />
/**
 * The offline Run's Web Worker: one fresh worker per run holds the grader's own harness (bundled from
 * @tremplin/grader, never copied) and answers the page's commands as isolated-vm answers the server's
 * driver. The page times every command and terminates the worker when it runs too long.
 */
import { control } from '@tremplin/grader/harness';
import type { WorkerAnswer, WorkerCommand } from './protocol.ts';

// Taken before any submitted code runs: a solution replacing postMessage or eval does not reach these.
const post = self.postMessage.bind(self) as (answer: WorkerAnswer) => void;
// An indirect eval runs the prepared scripts as global scripts, like the server's compiled scripts;
// the worker's response carries the CSP that allows it (see the API's security headers).
const evaluate = globalThis.eval;

self.addEventListener('message', ({ data }: MessageEvent<WorkerCommand>) => {
  if (data.command === 'step') {
    post({ reply: control('step', '') });
    return;
  }
  for (const name of ['solution', 'tests'] as const) {
    try {
      // The solution's wrapper opens on its first line: its stack lines read solution.js:<its line>.
      evaluate(`${data[name]}\n//# sourceURL=${name}.js`);
    } catch (e) {
      post({ scriptError: e instanceof Error ? e.message : String(e) });
      return;
    }
  }
  post({ reply: control('load', data.config) });
});

post({ ready: true });
