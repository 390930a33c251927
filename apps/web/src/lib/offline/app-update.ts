/**
 * A new version of the app, offered to the open pages. After a deploy the browser installs the new
 * service worker, which then waits (src/service-worker: taking over a running page unasked would
 * break its next chunk import and could lose a half-typed answer). A page controlled by the old
 * worker is told, and offers « Mettre à jour »: the waiting worker takes over and that page
 * reloads. Another tab the new version took over is told too, to reload when it suits the learner.
 *
 * A page of a single-page app rarely navigates for real, so the browser would seldom look for a
 * new worker by itself: the page asks when it comes back to the foreground, at most every
 * CHECK_EVERY_MS, and every CHECK_EVERY_MS while it stays open.
 *
 * The watcher also sees that the page is controlled at all. The first worker claims the pages open
 * when it activates, but a page whose navigation is still under way at that moment is no client yet:
 * the claim passes it by, and no worker would control it before its next load (its reads would not
 * be kept for offline use). Such a page asks the active worker to take it.
 */
import { CLAIM, SKIP_WAITING } from './cache-rules.ts';

export const CHECK_EVERY_MS = 30 * 60_000;

export type AppUpdate =
  /** A new version is installed and waits for this page's word. */
  | { kind: 'waiting'; apply: () => void }
  /** The new version took this page over (chosen in another tab): a reload brings its files. */
  | { kind: 'taken-over'; apply: () => void };

/**
 * Watches for a new version; `onUpdate` is called with what the page may offer. Returns the function
 * that stops watching. Without service workers (or with none registered yet) nothing is offered.
 */
export function watchForUpdate(
  container: ServiceWorkerContainer,
  onUpdate: (update: AppUpdate) => void,
  environment: { document: Document; reload: () => void; now?: () => number } = {
    document,
    reload: () => location.reload(),
  },
): () => void {
  const now = environment.now ?? Date.now;
  let stopped = false;
  let requested = false;
  let lastCheck = now();
  const cleanups: Array<() => void> = [];
  const listen = <T extends EventTarget>(target: T, type: string, handler: () => void) => {
    target.addEventListener(type, handler);
    cleanups.push(() => target.removeEventListener(type, handler));
  };

  const offer = (worker: ServiceWorker) => {
    if (stopped) return;
    onUpdate({
      kind: 'waiting',
      apply: () => {
        requested = true;
        worker.postMessage({ type: SKIP_WAITING });
      },
    });
  };

  // A page with no worker yet (the first visit) is taken by the first one: nothing new to it. A
  // page controlled by the old version is taken by the new one: this tab asked for it, or another.
  let controlled = container.controller !== null;
  listen(container, 'controllerchange', () => {
    const wasControlled = controlled;
    controlled = true;
    if (stopped || !wasControlled) return;
    if (requested) environment.reload();
    else onUpdate({ kind: 'taken-over', apply: environment.reload });
  });

  void container.ready.then((registration) => {
    if (stopped) return;
    // On the first visit the worker's own claim may still be on its way: a second one is harmless.
    if (!container.controller) registration.active?.postMessage({ type: CLAIM });
    // Only a page some worker controls gets a waiting version; the first visit's worker just
    // activates.
    if (registration.waiting && container.controller) offer(registration.waiting);
    listen(registration, 'updatefound', () => {
      const worker = registration.installing;
      if (!worker) return;
      listen(worker, 'statechange', () => {
        if (worker.state === 'installed' && container.controller) offer(worker);
      });
    });
    const check = () => {
      lastCheck = now();
      // Offline, or the server mid-deploy: the next check will do.
      registration.update().catch(() => {});
    };
    listen(environment.document, 'visibilitychange', () => {
      if (environment.document.visibilityState === 'visible' && now() - lastCheck >= CHECK_EVERY_MS) check();
    });
    const timer = setInterval(check, CHECK_EVERY_MS);
    cleanups.push(() => clearInterval(timer));
  });

  return () => {
    stopped = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
}
