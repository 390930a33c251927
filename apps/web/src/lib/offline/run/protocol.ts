/** The messages between the page and the offline Run's worker (offline-run.worker.ts). */
import type { DeviceScripts } from '@tremplin/grader/device';

export type WorkerCommand = ({ command: 'load'; config: string } & DeviceScripts) | { command: 'step' };

/** `ready` once the harness is installed; then one answer per command. */
export type WorkerAnswer = { ready: true } | { reply: string } | { scriptError: string };
