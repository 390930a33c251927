import { describe, expect, it } from 'vitest';
import { CHECK_EVERY_MS, watchForUpdate, type AppUpdate } from './app-update.ts';
import { CLAIM, SKIP_WAITING } from './cache-rules.ts';

// The browser's objects, as far as the watcher uses them: event targets with the fields it reads.
class FakeWorker extends EventTarget {
  state = 'installing';
  readonly messages: unknown[] = [];
  postMessage(message: unknown) {
    this.messages.push(message);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}
class FakeRegistration extends EventTarget {
  active = new FakeWorker();
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
  checks = 0;
  async update() {
    this.checks += 1;
  }
  found(worker: FakeWorker) {
    this.installing = worker;
    this.dispatchEvent(new Event('updatefound'));
  }
}
class FakeContainer extends EventTarget {
  controller: FakeWorker | null;
  readonly registration = new FakeRegistration();
  readonly ready = Promise.resolve(this.registration);
  constructor(controlled: boolean) {
    super();
    this.controller = controlled ? new FakeWorker() : null;
  }
  takenBy(worker: FakeWorker) {
    this.controller = worker;
    this.dispatchEvent(new Event('controllerchange'));
  }
}

function watch(container: FakeContainer) {
  const updates: AppUpdate[] = [];
  const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  let reloads = 0;
  let clock = 0;
  const stop = watchForUpdate(container as unknown as ServiceWorkerContainer, (u) => updates.push(u), {
    document: page as unknown as Document,
    reload: () => (reloads += 1),
    now: () => clock,
  });
  return {
    updates,
    stop,
    reloads: () => reloads,
    comeBackAfter(ms: number) {
      clock += ms;
      page.dispatchEvent(new Event('visibilitychange'));
    },
  };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('watchForUpdate', () => {
  it('offers a version already waiting; choosing it lets the worker take over, then reloads', async () => {
    const container = new FakeContainer(true);
    const next = new FakeWorker();
    container.registration.waiting = next;
    const w = watch(container);
    await settle();
    expect(w.updates.map((u) => u.kind)).toEqual(['waiting']);
    expect(next.messages).toEqual([]);
    w.updates[0]!.apply();
    expect(next.messages).toEqual([{ type: SKIP_WAITING }]);
    expect(w.reloads()).toBe(0);
    container.takenBy(next);
    expect(w.reloads()).toBe(1);
  });

  it('offers nothing on the first visit, then the version installed later in the same page', async () => {
    const container = new FakeContainer(false);
    const w = watch(container);
    await settle();
    const first = new FakeWorker();
    container.takenBy(first); // the first worker claims the page: nothing to offer, no reload
    expect(w.updates).toEqual([]);
    expect(w.reloads()).toBe(0);

    const next = new FakeWorker();
    container.registration.found(next);
    next.become('installed');
    expect(w.updates.map((u) => u.kind)).toEqual(['waiting']);
    w.updates[0]!.apply();
    container.takenBy(next);
    expect(w.reloads()).toBe(1);
  });

  it('asks the active worker to take a page no worker controls, and only such a page', async () => {
    const uncontrolled = new FakeContainer(false);
    watch(uncontrolled);
    await settle();
    expect(uncontrolled.registration.active.messages).toEqual([{ type: CLAIM }]);

    const controlled = new FakeContainer(true);
    watch(controlled);
    await settle();
    expect(controlled.registration.active.messages).toEqual([]);
  });

  it('tells a page another tab updated, without reloading it unasked', async () => {
    const container = new FakeContainer(true);
    const w = watch(container);
    await settle();
    container.takenBy(new FakeWorker());
    expect(w.updates.map((u) => u.kind)).toEqual(['taken-over']);
    expect(w.reloads()).toBe(0);
    w.updates[0]!.apply();
    expect(w.reloads()).toBe(1);
  });

  it('looks for a new version when the page comes back, at most every CHECK_EVERY_MS', async () => {
    const container = new FakeContainer(true);
    const w = watch(container);
    await settle();
    w.comeBackAfter(CHECK_EVERY_MS - 1);
    expect(container.registration.checks).toBe(0);
    w.comeBackAfter(1);
    expect(container.registration.checks).toBe(1);
    w.comeBackAfter(1000);
    expect(container.registration.checks).toBe(1);
  });

  it('stops listening once stopped', async () => {
    const container = new FakeContainer(true);
    const w = watch(container);
    await settle();
    w.stop();
    container.registration.found(new FakeWorker());
    container.registration.installing!.become('installed');
    container.takenBy(new FakeWorker());
    w.comeBackAfter(CHECK_EVERY_MS);
    expect(w.updates).toEqual([]);
    expect(container.registration.checks).toBe(0);
  });
});
