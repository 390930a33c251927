import type { WebSocket } from '@fastify/websocket';
import { describe, expect, it, vi } from 'vitest';
import type { Actor } from '../modules/auth/auth.service.ts';
import { LiveSocket } from './live-socket.ts';

function fakeSocket() {
  const sent: string[] = [];
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    closedWith: undefined as [number, string] | undefined,
    send: (payload: string) => sent.push(payload),
    close(code: number, reason: string) {
      this.closedWith = [code, reason];
      this.readyState = 3;
    },
  };
  return { socket, sent };
}
const limits = { sendBufferBytes: 1000, maxQueued: 5, slowTimeoutMs: 60_000 };
const actor = { user: { id: 'u' } } as unknown as Actor;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('LiveSocket', () => {
  it('writes queued messages in order on the next turn', async () => {
    const { socket, sent } = fakeSocket();
    const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
    live.enqueue('a');
    live.enqueue('b', 'k');
    expect(sent).toEqual([]);
    await turn();
    expect(sent).toEqual(['a', 'b']);
  });

  it('keeps only the latest message of a key while the client is not reading, at its latest place', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { socket, sent } = fakeSocket();
      socket.bufferedAmount = 5000;
      const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
      live.enqueue('tile-a-1', 'tile:a');
      live.enqueue('help-1');
      live.enqueue('tile-a-2', 'tile:a');
      live.enqueue('tile-b-1', 'tile:b');
      await turn();
      expect(sent).toEqual([]);
      socket.bufferedAmount = 0;
      vi.advanceTimersByTime(30);
      expect(sent).toEqual(['help-1', 'tile-a-2', 'tile-b-1']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes what the send buffer takes, then the rest in order, a key still queued replaced in place of its turn', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const { socket, sent } = fakeSocket();
      // Each message fills the send buffer: one message a write.
      socket.send = (payload: string) => {
        socket.bufferedAmount = 5000;
        return sent.push(payload);
      };
      const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
      live.enqueue('hello');
      live.enqueue('tile-a-1', 'tile:a');
      live.enqueue('tile-b-1', 'tile:b');
      await turn();
      expect(sent).toEqual(['hello']);
      live.enqueue('tile-a-2', 'tile:a');
      live.enqueue('reply');
      for (const expected of [
        ['hello', 'tile-b-1'],
        ['hello', 'tile-b-1', 'tile-a-2'],
        ['hello', 'tile-b-1', 'tile-a-2', 'reply'],
      ]) {
        socket.bufferedAmount = 0;
        vi.advanceTimersByTime(30);
        expect(sent).toEqual(expected);
      }
      // Written out, the queue starts over: the next messages leave together, a key replaced.
      socket.send = (payload: string) => sent.push(payload);
      socket.bufferedAmount = 0;
      live.enqueue('tile-a-3', 'tile:a');
      live.enqueue('tile-a-4', 'tile:a');
      live.enqueue('bye');
      await turn();
      expect(sent.slice(4)).toEqual(['tile-a-4', 'bye']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the queue against its limit after a partial write, and forgets it once closed', async () => {
    const { socket, sent } = fakeSocket();
    socket.send = (payload: string) => {
      socket.bufferedAmount = 5000;
      return sent.push(payload);
    };
    const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
    for (let i = 0; i < 5; i += 1) live.enqueue(`m${i}`);
    await turn();
    // One written, four waiting: one more is within the limit of five, two more are not.
    live.enqueue('m5');
    expect(live.closed).toBe(false);
    live.enqueue('m6');
    expect(socket.closedWith).toEqual([4008, 'too slow']);
    socket.bufferedAmount = 0;
    live.enqueue('after');
    await turn();
    expect(sent).toEqual(['m0']);
  });

  it('disconnects a client whose queue outgrows the limit', () => {
    const { socket } = fakeSocket();
    socket.bufferedAmount = 5000;
    const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
    for (let i = 0; i < 6; i += 1) live.enqueue(`m${i}`);
    expect(socket.closedWith).toEqual([4008, 'too slow']);
    expect(live.closed).toBe(true);
  });

  it('disconnects a client that accepts nothing for too long', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] });
    try {
      const { socket } = fakeSocket();
      socket.bufferedAmount = 5000;
      const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', {
        ...limits,
        slowTimeoutMs: 1000,
      });
      live.enqueue('m');
      await turn();
      vi.advanceTimersByTime(1100);
      expect(socket.closedWith?.[0]).toBe(4008);
    } finally {
      vi.useRealTimers();
    }
  });

  it('lets a client send a burst, then a steady rate, telling it once a second when it must wait', () => {
    const { socket } = fakeSocket();
    const live = new LiveSocket(socket as unknown as WebSocket, actor, 'fr', limits);
    const t0 = Date.now();
    const burst = Array.from({ length: 60 }, () => live.take(t0));
    expect(burst.every((b) => b.allowed)).toBe(true);
    expect(live.take(t0)).toEqual({ allowed: false, warn: true });
    expect(live.take(t0 + 10)).toEqual({ allowed: false, warn: false });
    // Twenty a second come back.
    expect(live.take(t0 + 110).allowed).toBe(true);
    expect(live.take(t0 + 110).allowed).toBe(true);
    expect(live.take(t0 + 110).allowed).toBe(false);
  });
});
