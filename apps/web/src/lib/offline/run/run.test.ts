import { describe, expect, test } from 'vitest';
import { ApiError } from '#lib/api/client.ts';
import type { CodeResult } from '#lib/api/types.ts';
import { runVisibleTests, type RunSides } from './run.ts';

const result = (status: CodeResult['status']): CodeResult => ({
  kind: 'code',
  status,
  passed: 0,
  total: 0,
  tests: [],
});
const request = {
  exerciseId: 'e1',
  code: 'export const f = 1;',
  spec: { language: 'javascript' as const, visibleTests: "test('t', () => {});" },
  locale: 'fr' as const,
};
const network = new ApiError({ status: 0, code: 'TREMPLIN_ERR_NETWORK', message: 'Serveur injoignable' });

/** Sides recording where each Run went. */
function sides(online: boolean, server: () => Promise<{ id: string; result: CodeResult }>) {
  const calls: string[] = [];
  const s: RunSides = {
    online: () => online,
    server: () => {
      calls.push('server');
      return server();
    },
    device: () => {
      calls.push('device');
      return Promise.resolve(result('fail'));
    },
  };
  return { calls, s };
}

describe('choosing where « Exécuter les tests » runs', () => {
  test('online, on the server', async () => {
    const { calls, s } = sides(true, () => Promise.resolve({ id: 'r1', result: result('pass') }));
    expect(await runVisibleTests(request, s)).toEqual({ id: 'r1', result: result('pass'), onDevice: false });
    expect(calls).toEqual(['server']);
  });

  test('when the browser says it is offline, on the device without trying the server', async () => {
    const { calls, s } = sides(false, () => Promise.reject(new Error('not called')));
    expect(await runVisibleTests(request, s)).toEqual({ id: null, result: result('fail'), onDevice: true });
    expect(calls).toEqual(['device']);
  });

  test('when the request fails for the network, on the device', async () => {
    const { calls, s } = sides(true, () => Promise.reject(network));
    expect((await runVisibleTests(request, s)).onDevice).toBe(true);
    expect(calls).toEqual(['server', 'device']);
  });

  test('any other answer of the server is the server’s: no run on the device', async () => {
    const busy = new ApiError({
      status: 429,
      code: 'TREMPLIN_ERR_RATE_LIMITED',
      message: 'Trop de demandes',
    });
    const { calls, s } = sides(true, () => Promise.reject(busy));
    await expect(runVisibleTests(request, s)).rejects.toBe(busy);
    expect(calls).toEqual(['server']);
  });

  test('a device that cannot start offline (its code not cached) reads as the network missing', async () => {
    const { s } = sides(false, () => Promise.reject(new Error('not called')));
    s.device = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    await expect(runVisibleTests(request, s)).rejects.toMatchObject({
      code: 'TREMPLIN_ERR_NETWORK',
      messageKey: 'error.network',
    });
  });
});
