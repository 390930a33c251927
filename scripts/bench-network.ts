/**
 * Chromium's network emulation over its own DevTools connection, for bench-reach.ts.
 *
 * Playwright can take a page offline but cannot throttle, and a page's CDP session neither throttles
 * nor sees what its service worker downloads (precaching happens in the worker's own target). So the
 * browser is started with a remote-debugging port and this connection auto-attaches to every page,
 * service worker and worker as it starts (each waits for us before running), applies the current
 * conditions to it, and counts the bytes each finished request took on the wire
 * (`Network.loadingFinished` encodedDataLength: compressed body plus headers).
 */

/** Throughputs in bytes per second, latency in ms (added to each request's round trip). */
export interface Conditions {
  offline: boolean;
  latency: number;
  downloadThroughput: number;
  uploadThroughput: number;
}

export const SLOW_LINK: Conditions = {
  offline: false,
  latency: 150,
  downloadThroughput: 1_600_000 / 8,
  uploadThroughput: 750_000 / 8,
};
export const OFFLINE: Conditions = { offline: true, latency: 0, downloadThroughput: 0, uploadThroughput: 0 };

/** What the requests since the last `reset()` took on the wire, by who made them. */
export interface Traffic {
  /** The page's own requests (answered by the network or the HTTP cache's revalidation). */
  page: number;
  /** The service worker's and other workers' requests (precaching, the network behind a cached read). */
  workers: number;
  requests: number;
  /** Page requests the service worker answered (no bytes on the wire for the page). */
  fromServiceWorker: number;
  /** Requests the HTTP cache answered without asking the server. */
  fromCache: number;
  /** Each request that reached the wire: its address, bytes, and whether the page made it. */
  log: { url: string; bytes: number; page: boolean }[];
}

const MEASURED = new Set(['page', 'service_worker', 'worker', 'shared_worker']);

interface Message {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: unknown;
  error?: { message: string };
  sessionId?: string;
}

export class NetworkLab {
  #socket: WebSocket;
  #nextId = 0;
  #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  /** Attached sessions and their target type; the targets they belong to (a service worker is attached
   * both from the browser and from its page: counted once). */
  #sessions = new Map<string, string>();
  #targets = new Map<string, string>();
  #conditions: Conditions | null = null;
  #traffic = NetworkLab.#empty();
  /** Requests under way (to tell when the network is quiet), and those a service worker answers. */
  #inFlight = new Map<string, string>();
  #servedByWorker = new Set<string>();
  #servedByCache = new Set<string>();
  #lastActivity = Date.now();

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.addEventListener('message', (event) => this.#onMessage(JSON.parse(String(event.data)) as Message));
  }

  /** Connects to the browser listening on `port` (Chromium's --remote-debugging-port). */
  static async connect(port: number): Promise<NetworkLab> {
    const version = (await (await fetch(`http://127.0.0.1:${port}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => {
      socket.addEventListener('open', resolve, { once: true });
      socket.addEventListener('error', () => reject(new Error('no DevTools connection')), { once: true });
    });
    const lab = new NetworkLab(socket);
    await lab.#send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: true,
      flatten: true,
    });
    return lab;
  }

  /** Applies `conditions` to every target now and to each one that starts later. */
  async emulate(conditions: Conditions): Promise<void> {
    this.#conditions = conditions;
    await Promise.all([...this.#sessions.keys()].map((session) => this.#apply(session)));
  }

  /** The traffic since the last reset, and starts counting again. */
  reset(): Traffic {
    const traffic = this.#traffic;
    this.#traffic = NetworkLab.#empty();
    return traffic;
  }

  static #empty(): Traffic {
    return { page: 0, workers: 0, requests: 0, fromServiceWorker: 0, fromCache: 0, log: [] };
  }

  /** Resolves once no request has been under way for `quietMs` (or after `timeoutMs`). */
  async settled(quietMs = 500, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.#inFlight.size === 0 && Date.now() - this.#lastActivity >= quietMs) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    this.#socket.close();
  }

  #send(method: string, params: object = {}, sessionId?: string): Promise<unknown> {
    const id = ++this.#nextId;
    this.#socket.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve, reject }));
  }

  async #apply(session: string): Promise<void> {
    if (!this.#conditions) return;
    await this.#send('Network.emulateNetworkConditions', this.#conditions, session).catch(() => {
      // the target closed meanwhile
    });
  }

  #onMessage(message: Message): void {
    if (message.id !== undefined) {
      const pending = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) pending?.reject(new Error(message.error.message));
      else pending?.resolve(message.result);
      return;
    }
    const params = message.params ?? {};
    const session = message.sessionId;
    switch (message.method) {
      case 'Target.attachedToTarget':
        void this.#attached(params as { sessionId: string; targetInfo: { type: string; targetId: string } });
        break;
      case 'Target.detachedFromTarget': {
        const detached = params.sessionId as string;
        this.#sessions.delete(detached);
        for (const [target, attached] of this.#targets)
          if (attached === detached) this.#targets.delete(target);
        break;
      }
      case 'Network.requestWillBeSent':
        this.#inFlight.set(
          `${session}/${params.requestId as string}`,
          (params.request as { url: string }).url,
        );
        this.#lastActivity = Date.now();
        break;
      case 'Network.requestServedFromCache':
        this.#servedByCache.add(`${session}/${params.requestId as string}`);
        break;
      case 'Network.responseReceived': {
        const key = `${session}/${params.requestId as string}`;
        const response = params.response as {
          fromServiceWorker?: boolean;
          fromDiskCache?: boolean;
          fromPrefetchCache?: boolean;
        };
        if (response.fromServiceWorker) this.#servedByWorker.add(key);
        if (response.fromDiskCache || response.fromPrefetchCache) this.#servedByCache.add(key);
        break;
      }
      case 'Network.loadingFinished':
      case 'Network.loadingFailed': {
        const key = `${session}/${params.requestId as string}`;
        const url = this.#inFlight.get(key) ?? '';
        this.#inFlight.delete(key);
        this.#lastActivity = Date.now();
        const bytes = Number(params.encodedDataLength ?? 0);
        if (this.#servedByWorker.delete(key)) {
          this.#traffic.fromServiceWorker += 1;
        } else if (this.#servedByCache.delete(key)) {
          this.#traffic.fromCache += 1;
        } else if (message.method === 'Network.loadingFinished') {
          const page = this.#sessions.get(session ?? '') === 'page';
          this.#traffic.requests += 1;
          this.#traffic.log.push({ url, bytes, page });
          if (page) this.#traffic.page += bytes;
          else this.#traffic.workers += bytes;
        }
        break;
      }
    }
  }

  /** A new target waits for us: count and condition its requests, then let it run. */
  async #attached({
    sessionId,
    targetInfo,
  }: {
    sessionId: string;
    targetInfo: { type: string; targetId: string };
  }) {
    if (MEASURED.has(targetInfo.type) && !this.#targets.has(targetInfo.targetId)) {
      this.#targets.set(targetInfo.targetId, sessionId);
      this.#sessions.set(sessionId, targetInfo.type);
      await this.#send('Network.enable', {}, sessionId).catch(() => undefined);
      await this.#apply(sessionId);
      // A page's dedicated workers (the offline Run) are its children.
      if (targetInfo.type === 'page')
        await this.#send(
          'Target.setAutoAttach',
          { autoAttach: true, waitForDebuggerOnStart: false, flatten: true },
          sessionId,
        ).catch(() => undefined);
    }
    await this.#send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => undefined);
  }
}
