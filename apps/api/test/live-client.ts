// A /ws client for integration tests: keeps every message received, checks each against the
// contract, and awaits the next one matching a predicate (never a fixed sleep).
import { ServerMessage } from '@tremplin/contracts';
import type { FastifyInstance } from 'fastify';
import Compile from 'typebox/compile';
import type { WebSocket } from 'ws';

const checkServerMessage = Compile(ServerMessage);

type Message = ServerMessage & Record<string, unknown>;
type Socket = WebSocket;

export class LiveClient {
  readonly messages: Message[] = [];
  /** Messages that broke the contract (a test expects none). */
  readonly invalid: unknown[] = [];
  closed: { code: number; reason: string } | undefined;
  socket!: Socket;
  #waiters: Array<{ match: (m: Message) => boolean; from: number; resolve: (m: Message) => void }> = [];
  #closeWaiters: Array<(c: { code: number; reason: string }) => void> = [];

  /** Opens a socket as the holder of a session cookie; resolves once the server said hello. */
  static async open(app: FastifyInstance, cookie: string, locale = 'fr'): Promise<LiveClient> {
    const client = new LiveClient();
    client.socket = (await app.injectWS(
      '/ws',
      { headers: { cookie, 'accept-language': locale } },
      { onInit: (ws) => client.#attach(ws) },
    )) as unknown as Socket;
    await client.next((m) => m.type === 'hello');
    return client;
  }

  #attach(ws: Socket): void {
    ws.on('message', (data: Buffer) => {
      const parsed = JSON.parse(data.toString()) as Message;
      if (!checkServerMessage.Check(parsed)) this.invalid.push(parsed);
      this.messages.push(parsed);
      const index = this.messages.length - 1;
      this.#waiters = this.#waiters.filter((w) => {
        if (index >= w.from && w.match(parsed)) {
          w.resolve(parsed);
          return false;
        }
        return true;
      });
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
      for (const resolve of this.#closeWaiters) resolve(this.closed);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The first message matching, among those from index `from` on (default: any received so far or later). */
  next<T = Message>(match: (m: Message) => boolean, { from = 0, timeoutMs = 10_000 } = {}): Promise<T> {
    const found = this.messages.slice(from).find(match);
    if (found) return Promise.resolve(found as T);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        match,
        from,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as T);
        },
      });
    });
  }

  /** The next message matching that arrives after this call. */
  upcoming<T = Message>(match: (m: Message) => boolean, timeoutMs?: number): Promise<T> {
    return this.next<T>(match, { from: this.messages.length, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  /** Subscribes and resolves with the snapshot, `resumed` or error answering it. */
  subscribe<T = Message>(channel: string, resume?: { epoch: string; seq: number }): Promise<T> {
    const answer = this.upcoming<T>(
      (m) => (m.type === 'snapshot' || m.type === 'resumed' || m.type === 'error') && m.channel === channel,
    );
    this.send({ type: 'subscribe', channel, ...(resume ? { resume } : {}) });
    return answer;
  }

  /** Round trip: resolves once every message the server queued before it was received. */
  async ping(id = `p${this.messages.length}`): Promise<void> {
    const pong = this.upcoming((m) => m.type === 'pong' && m.id === id);
    this.send({ type: 'ping', id });
    await pong;
  }

  /** The numbered events received on a channel, in order. */
  events(channel: string): Array<Message & { seq: number }> {
    return this.messages.filter(
      (m) =>
        m.channel === channel && typeof m.seq === 'number' && m.type !== 'snapshot' && m.type !== 'resumed',
    ) as Array<Message & { seq: number }>;
  }

  waitClosed(): Promise<{ code: number; reason: string }> {
    if (this.closed) return Promise.resolve(this.closed);
    return new Promise((resolve) => this.#closeWaiters.push(resolve));
  }

  close(): void {
    this.socket.terminate();
  }
}
