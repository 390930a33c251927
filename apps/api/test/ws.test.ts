import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from '@fastify/websocket';
import { WS_CLOSE } from '@tremplin/contracts';
import { listAllGroups } from '@tremplin/db';
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

  // Statements of the background (presence written each second, the grading worker's claims) are
  // not the connect's own.
  const BACKGROUND = /grading_jobs|live_connections|live_instances|learner_presence|attendance/;
  const counting = () => {
    const statements: string[] = [];
    const stop = t.database.watchStatements((statement) => {
      if (!BACKGROUND.test(statement)) statements.push(statement);
    });
    return { statements, stop };
  };

  it("opens a learner's socket and sends their feed's snapshot after one SQL statement", async () => {
    const cookie = await signIn(t.app, 'etudiant4@tremplin.test');
    const { statements, stop } = counting();
    let hello: Promise<Record<string, unknown>> | undefined;
    const socket = await t.app.injectWS(
      '/ws',
      { headers: { cookie } },
      { onInit: (ws) => (hello = nextMessage(ws)) },
    );
    try {
      const { userId } = (await hello) as { userId: string };
      const snapshot = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'subscribe', channel: `feed:${userId}` }));
      expect(await snapshot).toMatchObject({
        type: 'snapshot',
        channel: `feed:${userId}`,
        data: { kind: 'feed' },
      });
      // Messages of an open socket read nothing.
      const pong = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'ping', id: 'p' }));
      await pong;
      stop();
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/from "sessions"/);
      expect(statements[0]).toMatch(/tutor_messages/);
    } finally {
      stop();
      socket.terminate();
    }
  });

  it("opens a tutor's socket after one SQL statement, and a second grid of a loaded group after none", async () => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    const groupId = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
    const open = async () => {
      let hello: Promise<Record<string, unknown>> | undefined;
      const socket = await t.app.injectWS(
        '/ws',
        { headers: { cookie } },
        { onInit: (ws) => (hello = nextMessage(ws)) },
      );
      await hello;
      return socket;
    };
    const grid = async (socket: WebSocket) => {
      const snapshot = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'subscribe', channel: `group:${groupId}` }));
      expect(await snapshot).toMatchObject({ type: 'snapshot', channel: `group:${groupId}` });
    };
    const first = await open();
    await grid(first);
    const { statements, stop } = counting();
    const second = await open();
    try {
      await grid(second);
      stop();
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatch(/from "sessions"/);
    } finally {
      stop();
      first.terminate();
      second.terminate();
    }
  });
});

describe('/ws?messages=…', () => {
  it('handles the subscriptions carried by the upgrade, resumes included, with no message sent', async () => {
    const cookie = await signIn(t.app, 'tuteur1@tremplin.test');
    const groupId = (await listAllGroups(t.database.db)).find((g) => g.name === 'Groupe Lomé 1')!.id;
    const channel = `group:${groupId}`;
    const open = async (messages: unknown[]) => {
      const received: Array<Record<string, unknown>> = [];
      let snapshotOrResumed!: Promise<void>;
      const socket = await t.app.injectWS(
        `/ws?messages=${encodeURIComponent(JSON.stringify(messages))}`,
        { headers: { cookie } },
        {
          onInit: (ws) => {
            snapshotOrResumed = new Promise((resolve) =>
              ws.on('message', (data: Buffer) => {
                const message = JSON.parse(data.toString()) as Record<string, unknown>;
                received.push(message);
                if (message.type === 'snapshot' || message.type === 'resumed') resolve();
              }),
            );
          },
        },
      );
      await snapshotOrResumed;
      return { socket, received };
    };
    const first = await open([{ type: 'subscribe', channel }]);
    expect(first.received.map((m) => m.type)).toEqual(['hello', 'snapshot']);
    const { epoch, seq } = first.received[1] as { epoch: string; seq: number };
    first.socket.terminate();

    const back = await open([{ type: 'subscribe', channel, resume: { epoch, seq } }]);
    expect(back.received.map((m) => m.type)).toEqual(['hello', 'resumed']);

    // Live events were lost between instances (the database was away): every socket is told to
    // reconnect, and the returning one gets a snapshot read again, not a resume from the stale stream.
    const closed = new Promise<number>((resolve) =>
      back.socket.once('close', (code: number) => resolve(code)),
    );
    t.app.grading.bus.publish({ type: 'bus.resumed' });
    expect(await closed).toBe(WS_CLOSE.resync);
    const again = await open([{ type: 'subscribe', channel, resume: { epoch, seq } }]);
    expect(again.received.map((m) => m.type)).toEqual(['hello', 'snapshot']);
    expect((again.received[1] as { epoch: string }).epoch).not.toBe(epoch);
    again.socket.terminate();
  });

  it('refuses an opening that is not a list of protocol messages, and keeps the socket', async () => {
    const cookie = await signIn(t.app, 'etudiant6@tremplin.test');
    for (const messages of [
      'not json',
      JSON.stringify({ type: 'ping' }),
      JSON.stringify([{ type: 'everything' }]),
    ]) {
      let errorMessage!: Promise<Record<string, unknown>>;
      const socket = await t.app.injectWS(
        `/ws?messages=${encodeURIComponent(messages)}`,
        { headers: { cookie } },
        {
          onInit: (ws) => {
            errorMessage = new Promise((resolve) =>
              ws.on('message', (data: Buffer) => {
                const message = JSON.parse(data.toString()) as Record<string, unknown>;
                if (message.type === 'error') resolve(message);
              }),
            );
          },
        },
      );
      expect(await errorMessage).toMatchObject({ code: 'TREMPLIN_ERR_WS_INVALID_MESSAGE' });
      const pong = nextMessage(socket);
      socket.send(JSON.stringify({ type: 'ping', id: 'alive' }));
      expect(await pong).toEqual({ type: 'pong', id: 'alive' });
      socket.terminate();
    }
  });
});

describe('/ws when many sockets arrive at once', () => {
  it('lets in as many as it may, and tells the others when to come back', async () => {
    const busy = await buildTestApp({ database: t.database, env: { LIVE_MAX_PENDING_CONNECTS: '1' } });
    try {
      await busy.app.ready();
      const cookie = await signIn(busy.app, 'etudiant5@tremplin.test');
      const attempts = await Promise.allSettled(
        [1, 2, 3].map(() => busy.app.injectWS('/ws', { headers: { cookie, 'accept-language': 'en' } })),
      );
      const opened = attempts.filter((a) => a.status === 'fulfilled');
      const refused = attempts.filter((a) => a.status === 'rejected');
      expect(opened).toHaveLength(1);
      expect(refused).toHaveLength(2);
      for (const r of refused) expect(String((r as PromiseRejectedResult).reason)).toMatch(/503/);
      for (const a of opened) (a as PromiseFulfilledResult<WebSocket>).value.terminate();

      // A socket refused after it was let in (a forged session, an unknown channel) leaves the door.
      for (let i = 0; i < 3; i++) {
        await expect(
          busy.app.injectWS('/ws', { headers: { cookie: 'tremplin_session=forged' } }),
        ).rejects.toThrow(/401/);
      }
      const afterRefusals = await busy.app.injectWS('/ws', { headers: { cookie } });
      afterRefusals.terminate();

      // Whoever waits outside is told, in their language and in Retry-After, when to come back.
      const [socket, refusal] = await Promise.all([
        busy.app.injectWS('/ws', { headers: { cookie } }),
        busy.app.inject({
          method: 'GET',
          url: '/ws',
          headers: { cookie, 'accept-language': 'en', connection: 'upgrade', upgrade: 'websocket' },
        }),
      ]);
      socket.terminate();
      expect(refusal.statusCode).toBe(503);
      expect(Number(refusal.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(refusal.json()).toMatchObject({
        code: 'TREMPLIN_ERR_WS_BUSY',
        message: expect.stringMatching(/at once/),
      });
    } finally {
      await busy.close();
    }
  });
});
