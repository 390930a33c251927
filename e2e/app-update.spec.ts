import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { expectAccessible, serviceWorkerInControl } from './helpers.ts';

// The service worker is this spec's subject: it runs here (playwright.config.ts blocks it elsewhere).
test.use({ serviceWorkers: 'allow' });

// A deploy while a page is open: the browser installs the new worker, which waits; the page offers
// the new version and takes it only when asked, then reloads on it.
test.describe('a new version of the app', () => {
  // The build this run's server serves (a copy of its own: playwright.config.ts).
  const worker = join(process.env.TREMPLIN_E2E_WEB_DIR ?? '', 'service-worker.js');
  const files = [worker, `${worker}.br`, `${worker}.gz`];
  let original: Buffer[] = [];
  test.beforeEach(() => {
    original = files.map((file) => readFileSync(file));
  });
  test.afterEach(() => files.forEach((file, i) => writeFileSync(file, original[i]!)));

  /** The next version's worker, with its precompressed copies, as a deploy would leave them. */
  function stageDeploy() {
    const next = Buffer.concat([original[0]!, Buffer.from('\n// the next deploy\n')]);
    writeFileSync(worker, next);
    writeFileSync(`${worker}.br`, brotliCompressSync(next));
    writeFileSync(`${worker}.gz`, gzipSync(next));
  }

  test('waits, is offered on the page, and is taken on the learner’s word', async ({ page, context }) => {
    await page.goto('/connexion');
    await serviceWorkerInControl(page);
    await expect(page.getByTestId('app-update')).toHaveCount(0);

    // The deploy: the server now sends another worker (the same code, other bytes), and the page
    // looks for it (as it does when it comes back to the foreground).
    stageDeploy();
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });

    const banner = page.getByTestId('app-update');
    await expect(banner).toContainText('Une nouvelle version de Tremplin est disponible.');
    // Waiting, not taken: the page still runs on the worker it started with.
    expect(
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state),
    ).toBe('installed');

    await expectAccessible(page, 'the sign-in page offering a new version');

    // « Plus tard » hides the offer for this page; it comes back with the next page load.
    await banner.getByRole('button', { name: 'Plus tard' }).click();
    await expect(banner).toHaveCount(0);
    await page.reload();
    await expect(banner).toBeVisible();

    // A second tab of the app, open on the old version too.
    const other = await context.newPage();
    await other.goto('/connexion');
    const otherBanner = other.getByTestId('app-update');
    await expect(otherBanner).toContainText('Une nouvelle version de Tremplin est disponible.');
    const mark = () => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true);
    await page.evaluate(mark);
    await other.evaluate(mark);

    const reloaded = page.waitForEvent('load');
    await banner.getByRole('button', { name: 'Mettre à jour' }).click();
    await reloaded;
    expect(await page.evaluate(() => 'beforeUpdate' in window)).toBe(false);
    await expect(banner).toHaveCount(0);
    // The other tab is told, and not reloaded under the learner's hands.
    await expect(otherBanner).toContainText('Tremplin a été mis à jour dans un autre onglet');
    expect(await other.evaluate(() => 'beforeUpdate' in window)).toBe(true);
    const otherReloaded = other.waitForEvent('load');
    await otherBanner.getByRole('button', { name: 'Recharger la page' }).click();
    await otherReloaded;
    await expect(otherBanner).toHaveCount(0);
    const after = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      return {
        waiting: registration?.waiting ?? null,
        controller: navigator.serviceWorker.controller?.state,
      };
    });
    expect(after).toEqual({ waiting: null, controller: 'activated' });
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });
});
