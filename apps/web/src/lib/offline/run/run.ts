/**
 * « Exécuter les tests »: on the server when it can be reached, otherwise on this device. The device's
 * path (device.ts, the worker and the harness) is a separate chunk, fetched only by an offline Run.
 */
import { ApiError, isApiError } from '#lib/api/client.ts';
import { runCode } from '#lib/api/learning.ts';
import type { CodeResult } from '#lib/api/types.ts';
import { translate } from '#lib/i18n/translate.ts';
import type { Locale } from '#lib/i18n/types.ts';
import type { DeviceRunSpec } from './device.ts';

export interface RunOutcome {
  /** The server's Run, to read again in another language; null for a run on the device. */
  id: string | null;
  result: CodeResult;
  /** Run on this device (offline): the visible tests only, never a grade. */
  onDevice: boolean;
}

export interface RunRequest {
  exerciseId: string;
  code: string;
  spec: DeviceRunSpec;
  locale: Locale;
}

/** How a Run reaches each side; the defaults are the real ones (tests give their own). */
export interface RunSides {
  online: () => boolean;
  server: (exerciseId: string, code: string) => Promise<{ id: string; result: CodeResult }>;
  device: (spec: DeviceRunSpec, code: string, locale: Locale) => Promise<CodeResult>;
}

const sides: RunSides = {
  online: () => navigator.onLine,
  server: runCode,
  device: async (spec, code, locale) => (await import('./device.ts')).runOnThisDevice(spec, code, locale),
};

/** A failed fetch or a gateway answering for an API that is down: what the app treats as offline. */
function unreachable(error: unknown): boolean {
  return isApiError(error) && error.code === 'TREMPLIN_ERR_NETWORK';
}

/**
 * Runs the visible tests: on the server when online; on this device when the browser says it is offline
 * or the request fails for the network. Any other error (a limit, a refusal) is the server's answer.
 */
export async function runVisibleTests(
  request: RunRequest,
  { online, server, device } = sides,
): Promise<RunOutcome> {
  let offline: unknown;
  if (online()) {
    try {
      const run = await server(request.exerciseId, request.code);
      return { id: run.id, result: run.result, onDevice: false };
    } catch (error) {
      if (!unreachable(error)) throw error;
      offline = error;
    }
  }
  try {
    return { id: null, result: await device(request.spec, request.code, request.locale), onDevice: true };
  } catch (error) {
    // The device's chunk or worker could not be fetched (never loaded online, and not cached): the
    // student is told the network is missing, as the server's Run would have told them.
    throw (
      offline ??
      new ApiError({
        status: 0,
        code: 'TREMPLIN_ERR_NETWORK',
        message: translate(request.locale, 'error.network'),
        messageKey: 'error.network',
        cause: error,
      })
    );
  }
}
