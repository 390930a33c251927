import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from '@fastify/websocket';
import { WS_CLOSE } from '@tremplin/contracts';
import { buildTestApp, signIn, type TestApp } from './helper.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.ready();
});
afterAll(() => t.close());

/** Resolves with the next message the socket receives, parsed. */
function nextMessage(socket: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) =>
    socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))),
  );
}

describe('/ws', () => {
  it('refuses an anonymous client before the upgrade', async () => {
    await expect(t.app.injectWS('/ws')).rejects.toThrow(/401/);
  });

  it('refuses a forged session before the upgrade', async () => {
    await expect(t.app.injectWS('/ws', { headers: { cookie: 'tremplin_session=forged' } })).rejects.toThrow(
      /401/,
    );
  });

  it('greets a signed-in user, answers pings and survives invalid messages', async () => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    let hello: Promise<Record<string, unknown>> | undefined;
    const socket = await t.app.injectWS(
      '/ws',
      { headers: { cookie } },
      {
        onInit: (ws) => {
          hello = nextMessage(ws);
        },
      },
    );
    try {
      expect(await hello).toMatchObject({ type: 'hello' });

      const afterGarbage = nextMessage(socket);
      socket.send('not json');
      expect(await afterGarbage).toMatchObject({ type: 'error', code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE' });

      const afterUnknown = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'subscribe-everything' }));
      expect(await afterUnknown).toMatchObject({ type: 'error', code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE' });

      const pong = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'ping', id: 'p1' }));
      expect(await pong).toEqual({ type: 'pong', id: 'p1' });
    } finally {
      socket.terminate();
    }
  });

  it('closes the sockets of a session that signs out, and only those', async () => {
    const opened = async (cookie: string) => {
      let hello: Promise<Record<string, unknown>> | undefined;
      const socket = await t.app.injectWS(
        '/ws',
        { headers: { cookie } },
        { onInit: (ws) => (hello = nextMessage(ws)) },
      );
      expect(await hello).toMatchObject({ type: 'hello' });
      return socket;
    };
    const leaving = await signIn(t.app, 'etudiant3@tremplin.test');
    const staying = await signIn(t.app, 'etudiant3@tremplin.test');
    const [a, b, other] = await Promise.all([opened(leaving), opened(leaving), opened(staying)]);
    try {
      const closes = [a, b].map(
        (socket) => new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code))),
      );
      const logout = await t.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: leaving },
      });
      expect(logout.statusCode).toBe(204);
      expect(await Promise.all(closes)).toEqual([WS_CLOSE.unauthenticated, WS_CLOSE.unauthenticated]);

      // The same person's other session is untouched.
      const pong = nextMessage(other);
      other.send(JSON.stringify({ type: 'ping', id: 'still-here' }));
      expect(await pong).toEqual({ type: 'pong', id: 'still-here' });
    } finally {
      for (const socket of [a, b, other]) socket.terminate();
    }
  });
});
