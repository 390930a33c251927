// Live sockets as the benchmarks' clients open them: with the session cookie and the opening
// messages in the upgrade's URL, coming back after the server's Retry-After when it defers them.
import WebSocket from 'ws';

/** The parts of a cockpit tile the benchmarks read. */
export interface TileLike {
  learnerId: string;
  /** The exercise the tile shows (the learner's current one), whose attempts it counts. */
  exercise?: { id: string } | null;
  attempts?: number;
  lastSeenAt?: string | null;
  hand?: { raisedAt: string } | null;
}

export interface OpenHooks {
  /** The server deferred this socket (503 and Retry-After). */
  onDeferred?: () => void;
  /** A tile of the channel's snapshot. */
  onTile?: (tile: TileLike) => void;
}

/** Tremplin's live endpoint with the messages a client sends with its upgrade. */
export function openingUrl(wsBase: string, messages: object[]): string {
  return `${wsBase}/ws?messages=${encodeURIComponent(JSON.stringify(messages))}`;
}

/**
 * Opens a socket (following `channel` once greeted); a server that defers it (503) is tried again
 * after its Retry-After, spread by a random jitter of ±50 %, as the web client does.
 */
export async function openSocket(
  url: string,
  token: string | undefined,
  channel: string | undefined,
  hooks: OpenHooks = {},
): Promise<WebSocket> {
  for (;;) {
    const opened = await openOnce(url, token, channel, hooks);
    if ('socket' in opened) return opened.socket;
    hooks.onDeferred?.();
    await new Promise((r) => setTimeout(r, opened.retryAfterSeconds * 1000 * (0.5 + Math.random())));
  }
}

function openOnce(
  url: string,
  token: string | undefined,
  channel: string | undefined,
  hooks: OpenHooks,
): Promise<{ socket: WebSocket } | { retryAfterSeconds: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, {
      perMessageDeflate: false,
      ...(token ? { headers: { cookie: `tremplin_session=${token}` } } : {}),
    });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error('connection timed out'));
    }, 120_000);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.removeAllListeners('message');
      if (error) reject(error);
      else resolve({ socket });
    };
    socket.on('unexpected-response', (_request, response) => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => {});
      socket.terminate();
      if (response.statusCode === 503) {
        resolve({ retryAfterSeconds: Number(response.headers['retry-after'] ?? 1) || 1 });
      } else reject(new Error(`HTTP ${response.statusCode}`));
    });
    socket.on('error', (error) => done(error));
    if (!channel) {
      socket.on('open', () => done());
      return;
    }
    socket.on('message', (raw: Buffer) => {
      const m = JSON.parse(raw.toString()) as {
        type: string;
        channel?: string;
        data?: { tiles?: TileLike[] };
      };
      // The subscription went with the upgrade (`?messages=`), as the web client sends it.
      if (m.type === 'snapshot' && m.channel === channel) {
        for (const tile of m.data?.tiles ?? []) hooks.onTile?.(tile);
        done();
      } else if (m.type === 'error') done(new Error(JSON.stringify(m)));
    });
  });
}

/** Runs `task` over items, `concurrency` at a time; answers how many failed. */
export async function pool<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++]!;
        try {
          await task(item);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return failed;
}
